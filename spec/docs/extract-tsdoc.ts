import { applyDirective, fenceOf, isTypeScriptFence, parseDirective } from './snippet.js';
import type { Extracted, Snippet } from './snippet.js';

interface CommentLine {
  text: string;
  line: number;
}

/**
 * Every `@example` of the TSDoc comments in one TypeScript file: the ts fence inside the block, or the
 * single-line form `@example \`import …\``.
 */
export function extractTSDoc(file: string, source: string): Extracted {
  const result: Extracted = { snippets: [], problems: [] };
  for (const match of source.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = source.slice(0, match.index).split('\n').length;
    const lines = cleanComment(match[0], startLine);
    let inFence = false;
    for (let index = 0; index < lines.length; index += 1) {
      const { text, line } = lines[index] as CommentLine;
      if (fenceOf(text)) inFence = !inFence;
      if (inFence) continue;
      const tag = /@example\b(.*)$/.exec(text);
      if (!tag) continue;
      const inline = /`([^`]+)`/.exec(tag[1] ?? '');
      if (inline) {
        result.snippets.push({ file, line, code: inline[1] ?? '', preludes: [] });
        continue;
      }
      const block = blockAfter(lines, index + 1);
      const snippet = fencedSnippet(file, block, result);
      if (snippet) result.snippets.push(snippet);
      else result.problems.push({ file, line, message: '@example without a ```ts code fence' });
    }
  }
  return result;
}

/** The comment's lines without `/**`, `*\/` and the leading ` * `, each with its line in the file. */
function cleanComment(comment: string, startLine: number): CommentLine[] {
  return comment.split('\n').map((raw, offset) => {
    let text = raw;
    if (offset === 0) text = text.replace(/^\s*\/\*\*/, '');
    text = text.replace(/\*\/\s*$/, '');
    if (offset > 0) text = text.replace(/^\s*\*(?: |$)/, '');
    return { text, line: startLine + offset };
  });
}

/** The lines of an `@example` block: up to the next block tag outside a fence, or the comment's end. */
function blockAfter(lines: CommentLine[], from: number): CommentLine[] {
  const block: CommentLine[] = [];
  let inFence = false;
  for (const entry of lines.slice(from)) {
    if (fenceOf(entry.text)) inFence = !inFence;
    if (!inFence && /^\s*@\w+/.test(entry.text)) break;
    block.push(entry);
  }
  return block;
}

function fencedSnippet(file: string, block: CommentLine[], result: Extracted): Snippet | undefined {
  const openIndex = block.findIndex((entry) => fenceOf(entry.text));
  const open = block[openIndex];
  const fence = open && fenceOf(open.text);
  if (!open || !fence || !isTypeScriptFence(fence.info)) return undefined;
  const body: CommentLine[] = [];
  for (const entry of block.slice(openIndex + 1)) {
    if (fenceOf(entry.text)) break;
    body.push(entry);
  }
  const snippet: Snippet = {
    file,
    line: open.line + 1,
    code: body.map((entry) => entry.text).join('\n'),
    preludes: [],
  };
  for (const entry of block.slice(0, openIndex)) {
    if (!parseDirective(entry.text)) continue;
    const problem = applyDirective(snippet, entry.text);
    if (problem) result.problems.push({ file, line: entry.line, message: problem });
  }
  return snippet;
}
