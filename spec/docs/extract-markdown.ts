import { applyDirective, fenceOf, isTypeScriptFence, parseDirective } from './snippet.js';
import type { Extracted, Snippet } from './snippet.js';

/**
 * Every ```ts / ```typescript fence of one Markdown file, with the `<!-- check-examples: … -->` directives
 * written on the lines right before it (blank lines between are allowed). A fence of another language
 * marked `<!-- check-examples: output -->` is the expected output of the ts fence before it.
 */
export function extractMarkdown(file: string, text: string): Extracted {
  const lines = text.split(/\r?\n/);
  const result: Extracted = { snippets: [], problems: [] };
  let index = 0;
  while (index < lines.length) {
    const open = fenceOf(lines[index] ?? '');
    if (!open) {
      index += 1;
      continue;
    }
    const close = findClose(lines, index + 1, open.marker);
    const body = lines.slice(index + 1, close).map((line) => stripIndent(line, open.indent));
    const directives = directivesBefore(lines, index);
    if (isTypeScriptFence(open.info)) {
      const snippet: Snippet = { file, line: index + 2, code: body.join('\n'), preludes: [] };
      for (const { line, text: directive } of directives) {
        const problem = applyDirective(snippet, directive);
        if (problem) result.problems.push({ file, line, message: problem });
      }
      result.snippets.push(snippet);
    } else if (directives.some(({ text: directive }) => parseDirective(directive)?.name === 'output')) {
      const previous = result.snippets.at(-1);
      if (previous && previous.output === undefined) previous.output = body.join('\n');
      else
        result.problems.push({
          file,
          line: index + 1,
          message: 'an output fence without a ts fence before it',
        });
    }
    index = close + 1;
  }
  return result;
}

/** The directive lines right before line `index` (1-based line numbers), nearest first. */
function directivesBefore(lines: string[], index: number): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  for (let back = index - 1; back >= 0; back -= 1) {
    const previous = lines[back] ?? '';
    if (previous.trim() === '') continue;
    if (!parseDirective(previous)) break;
    found.push({ line: back + 1, text: previous });
  }
  return found;
}

function findClose(lines: string[], from: number, marker: string): number {
  for (let index = from; index < lines.length; index += 1) {
    const fence = fenceOf(lines[index] ?? '');
    if (fence && fence.info === '' && fence.marker[0] === marker[0] && fence.marker.length >= marker.length) {
      return index;
    }
  }
  return lines.length;
}

function stripIndent(line: string, indent: string): string {
  return line.startsWith(indent) ? line.slice(indent.length) : line.trimStart();
}
