/**
 * `npm run check:examples`: every documented example compiles. Extracts each ```ts fence of README.md and
 * docs/*.md and each `@example` of the TSDoc in lib/**, type-checks them all as modules in one TypeScript
 * program against lib/ (as `rxjs-openai-stream`, `/testing`, `/angular`, `/server`), and checks that every runtime
 * export of the four entry points has an `@example` that starts with its import line.
 *
 * Directives, on the lines right before a fence (in Markdown, or inside the `@example` block):
 * - `<!-- check-examples: prelude render client -->` declares names the example uses but does not define
 *   (the list is in spec/docs/preludes.ts);
 * - `<!-- check-examples: skip <reason> -->` leaves out a deliberately partial fragment;
 * - `<!-- check-examples: name chat.service.ts -->` names the module, so another example can import it;
 * - `<!-- check-examples: no-run <reason> -->` type-checks it but keeps `npm run run:examples` from running
 *   it, and `<!-- check-examples: node 22 -->` makes it run with Node 22 or later (see
 *   spec/docs/run-examples.ts).
 *
 * Usage: `npm run check:examples [-- markdown tsdoc exports]` (default: all three). Exits 1 on a failure.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectSnippets } from './collect-snippets.js';
import { checkExportDocs } from './export-coverage.js';
import { preludeFor } from './preludes.js';
import { typecheckSnippets } from './typecheck-snippets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const parts = process.argv.slice(2).filter((arg) => arg !== '--');
const wanted = (part: string): boolean => parts.length === 0 || parts.includes(part);

/** One failure line, grouped under its file in the output. */
interface Failure {
  file: string;
  line: number;
  title: string;
  lines: string[];
}

const none = { snippets: [], problems: [] };
const markdown = wanted('markdown') ? collectSnippets(root, 'markdown') : none;
const tsdoc = wanted('tsdoc') ? collectSnippets(root, 'tsdoc') : none;
const toCheck = [...markdown.snippets, ...tsdoc.snippets].filter((snippet) => snippet.skip === undefined);
const { checked, program } = typecheckSnippets(root, toCheck);

const failures: Failure[] = [];
const tally = new Map<string, { passed: number; failed: number; skipped: number }>();
const count = (group: string, outcome: 'passed' | 'failed' | 'skipped'): void => {
  const entry = tally.get(group) ?? { passed: 0, failed: 0, skipped: 0 };
  entry[outcome] += 1;
  tally.set(group, entry);
};
const groupOf = (file: string): string => (file.startsWith('lib/') ? 'TSDoc @example' : 'Markdown');

for (const problem of [...markdown.problems, ...tsdoc.problems]) {
  const title = `${problem.file}:${problem.line} ${problem.message}`;
  failures.push({ file: problem.file, line: problem.line, title, lines: [] });
  count(groupOf(problem.file), 'failed');
}
for (const snippet of [...markdown.snippets, ...tsdoc.snippets]) {
  if (snippet.skip !== undefined) count(groupOf(snippet.file), 'skipped');
}
for (const { snippet, diagnostics } of checked) {
  const lines = [...diagnostics];
  const unknown = preludeFor(snippet.preludes).unknown;
  if (unknown.length)
    lines.push(`unknown prelude name(s): ${unknown.join(', ')} (see spec/docs/preludes.ts)`);
  const firstLine = snippet.code.split('\n').find((line) => line.trim() !== '') ?? '';
  if (snippet.file.startsWith('lib/') && !/^import\s/.test(firstLine.trim())) {
    lines.push(`${snippet.file}:${snippet.line} the example does not start with its import line`);
  }
  count(groupOf(snippet.file), lines.length ? 'failed' : 'passed');
  const title = `example at ${snippet.file}:${snippet.line}`;
  if (lines.length) failures.push({ file: snippet.file, line: snippet.line, title, lines });
}
if (wanted('exports')) {
  for (const result of checkExportDocs(root, program)) {
    count('Export docs', result.problem ? 'failed' : 'passed');
    if (!result.problem) continue;
    const [file = '', line = '0'] = result.location.split(':');
    const title = `export ${result.name} (${result.entry}) at ${result.location}: ${result.problem}`;
    failures.push({ file, line: Number(line), title, lines: [] });
  }
}

const byFile = new Map<string, Failure[]>();
for (const failure of failures) byFile.set(failure.file, [...(byFile.get(failure.file) ?? []), failure]);
for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`\n${file}`);
  for (const failure of list.sort((a, b) => a.line - b.line)) {
    console.log(`  FAIL ${failure.title}`);
    for (const line of failure.lines) console.log(`    ${line}`);
  }
}

console.log('');
let passed = 0;
let failed = 0;
for (const [group, entry] of tally) {
  console.log(`${group}: ${entry.passed} passed, ${entry.failed} failed, ${entry.skipped} skipped`);
  passed += entry.passed;
  failed += entry.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
