import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractMarkdown } from './extract-markdown.js';
import { extractTSDoc } from './extract-tsdoc.js';
import type { ExtractProblem, Snippet } from './snippet.js';

/**
 * Every documented example of one kind under `root`: the ts fences of README.md and docs/*.md
 * (`markdown`), or the `@example`s of the TSDoc in lib/** (`tsdoc`), in file order.
 */
export function collectSnippets(
  root: string,
  kind: 'markdown' | 'tsdoc',
): { snippets: Snippet[]; problems: ExtractProblem[] } {
  const files =
    kind === 'markdown'
      ? [
          'README.md',
          ...readdirSync(join(root, 'docs'))
            .filter((name) => name.endsWith('.md'))
            .map((name) => `docs/${name}`),
        ]
      : walk(join(root, 'lib')).map((path) => relative(root, path));
  const snippets: Snippet[] = [];
  const problems: ExtractProblem[] = [];
  for (const file of files.sort()) {
    const text = readFileSync(join(root, file), 'utf8');
    const found = kind === 'markdown' ? extractMarkdown(file, text) : extractTSDoc(file, text);
    snippets.push(...found.snippets);
    problems.push(...found.problems);
  }
  return { snippets, problems };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
