/**
 * `npm run run:examples`: every ```ts example of README.md and docs/*.md that can run is RUN, each in its
 * own Node process (tsx), against its own mock server from lib/testing, within a time bound.
 *
 * A snippet fails when it throws, rejects, errors an Observable nobody handles, never finishes, writes to
 * stderr (an error handler that logs is how a swallowed failure looks; Node prints its warnings there), or
 * prints something other than its output block. Failures name the Markdown file and line, and stack traces
 * are mapped back to the document.
 *
 * Directives (see spec/docs/check-examples.ts for the others):
 * - examples run by default; `<!-- check-examples: no-run <reason> -->` opts one out (browser-only code, a
 *   server that runs until stopped). Angular examples and `skip`ped fragments are left out on their own.
 *   Every skip is printed with its reason.
 * - `<!-- check-examples: output -->` before the fence after an example (```text) marks what it prints.
 * - `<!-- check-examples: node 22 -->`: the example needs Node 22 or later (a dependency that does); when
 *   the runner's own Node is older, that example runs with Node 22 from the npm registry
 *   (`npx -y -p node@22`, cached after the first time).
 *
 * The child gets `OPENAI_BASE_URL` (the mock server) and `OPENAI_API_KEY`, so `createClient()` with no
 * options talks to the mock server; examples that start their own mock server use that one. The mock
 * answers as a model would (spec/docs/example-replies.ts): a request that offers function tools gets a call
 * to each, whose arguments fit the tool's JSON Schema, until the conversation ends with the tools' answers;
 * then, or without tools, a short story, or JSON that fits a `json_schema` response format (chat
 * `response_format`, Responses `text.format`), in small deltas. Prelude names get real definitions
 * (spec/docs/preludes.ts). Modules are written to a temporary folder whose tsconfig maps
 * `rxjs-openai-stream`, `/testing`, `/angular` and `/server` to lib/, as check:examples does; it is removed at the end.
 *
 * Usage: `npm run run:examples [-- [--verbose] [file[:line] ...]]`, e.g. `-- docs/sse.md README.md:84`.
 * Environment: `RUN_EXAMPLES_TIMEOUT_MS` (default 20000 per snippet), `RUN_EXAMPLES_CONCURRENCY` (default 2).
 * Exits 1 on a failure.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '../../lib/testing/index.js';
import { collectSnippets } from './collect-snippets.js';
import { exampleReply } from './example-replies.js';
import { failureOf, moduleOf, skipReason, toDocLocations, type SnippetModule } from './run-plan.js';
import { killRunning, nodeBinary, runModule, type RunResult } from './run-snippet.js';
import { ENTRY_POINTS } from './typecheck-snippets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const verbose = args.includes('--verbose');
const filters = args.filter((arg) => !arg.startsWith('--'));
const timeoutMs = Number(process.env.RUN_EXAMPLES_TIMEOUT_MS ?? 20_000);
const concurrency = Math.max(
  1,
  Number(process.env.RUN_EXAMPLES_CONCURRENCY ?? Math.min(2, availableParallelism())),
);

const selected = (file: string, line: number): boolean =>
  filters.length === 0 || filters.some((filter) => filter === file || filter === `${file}:${line}`);

const { snippets, problems } = collectSnippets(root, 'markdown');
if (problems.length) {
  for (const problem of problems) console.log(`FAIL ${problem.file}:${problem.line} ${problem.message}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'run-examples-'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killRunning();
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}
const modules = snippets.filter((snippet) => snippet.skip === undefined).map(moduleOf);
writeRunFolder(dir, modules);

interface Outcome {
  module: SnippetModule;
  result?: RunResult;
  skipped?: string;
}
const outcomes: Outcome[] = [];
const toRun: SnippetModule[] = [];
for (const snippet of snippets) {
  if (!selected(snippet.file, snippet.line)) continue;
  const reason = skipReason(snippet);
  const module = modules.find((candidate) => candidate.snippet === snippet) ?? moduleOf(snippet);
  if (reason === undefined) toRun.push(module);
  else outcomes.push({ module, skipped: reason });
}

const started = performance.now();
try {
  const queue = [...toRun];
  const worker = async (): Promise<void> => {
    for (let module = queue.shift(); module; module = queue.shift()) {
      outcomes.push({ module, result: await runOne(module) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report(outcomes, (performance.now() - started) / 1000);

/** Runs one snippet against a mock server of its own, which is closed afterwards. */
async function runOne(module: SnippetModule): Promise<RunResult> {
  let node: string;
  try {
    node = await nodeBinary(module.snippet.node);
  } catch (error) {
    const stderr = error instanceof Error ? error.message : String(error);
    return { outcome: 'failed', exitCode: null, signal: null, stdout: '', stderr, ms: 0 };
  }
  const mock = await startMockServer({ reply: exampleReply });
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OPENAI_BASE_URL: mock.url,
      OPENAI_API_KEY: 'sk-docs-example-key',
      NO_COLOR: '1',
    };
    for (const name of ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'FORCE_COLOR']) delete env[name];
    return await runModule({ file: join(dir, module.path), cwd: dir, env, timeoutMs, node });
  } finally {
    await mock.close();
  }
}

/**
 * The run folder: an ESM package whose tsconfig maps the public entry points to lib/ and whose
 * node_modules is the project's, with every snippet module in its document's folder (so examples of one
 * document can import each other by `name`).
 */
function writeRunFolder(target: string, all: readonly SnippetModule[]): void {
  writeFileSync(join(target, 'package.json'), JSON.stringify({ type: 'module' }));
  const paths = Object.fromEntries(
    Object.entries(ENTRY_POINTS).map(([specifier, file]) => [specifier, [resolve(root, file)]]),
  );
  const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', paths };
  writeFileSync(join(target, 'tsconfig.json'), JSON.stringify({ compilerOptions }, null, 2));
  symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'), 'dir');
  for (const module of all) {
    mkdirSync(dirname(join(target, module.path)), { recursive: true });
    writeFileSync(join(target, module.path), module.source);
  }
}

function report(all: Outcome[], seconds: number): void {
  const byFile = new Map<string, Outcome[]>();
  for (const outcome of all) {
    const file = outcome.module.snippet.file;
    byFile.set(file, [...(byFile.get(file) ?? []), outcome]);
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\n${file}`);
    for (const { module, result, skipped: reason } of list.sort(
      (a, b) => a.module.snippet.line - b.module.snippet.line,
    )) {
      const where = `${file}:${module.snippet.line}`;
      if (reason !== undefined) {
        skipped += 1;
        console.log(`  skip ${where}: ${reason}`);
        continue;
      }
      if (!result) continue;
      const onNode = module.snippet.node === undefined ? '' : `, Node ${module.snippet.node}+`;
      const time = `${(result.ms / 1000).toFixed(1)} s${onNode}`;
      const failure = failureOf(result, module.snippet, timeoutMs);
      if (failure === undefined) {
        passed += 1;
        console.log(`  ok   ${where} (${time})`);
        if (verbose) printOutput(result);
        continue;
      }
      failed += 1;
      console.log(`  FAIL ${where} ${failure} (${time})`);
      printOutput(result);
      if (module.snippet.output !== undefined && result.outcome === 'ok') {
        printLines('expected stdout', module.snippet.output);
      }
    }
  }
  console.log(`\n${passed} ran and passed, ${failed} failed, ${skipped} skipped, in ${seconds.toFixed(1)} s`);
  process.exitCode = failed > 0 ? 1 : 0;
}

function printOutput(result: RunResult): void {
  printLines('stdout', result.stdout);
  printLines('stderr', result.stderr);
}

/** A labelled block of output, its temporary paths mapped to Markdown lines, at most its last 30 lines. */
function printLines(label: string, text: string): void {
  const lines = toDocLocations(text, dir, modules).trimEnd().split('\n');
  if (lines.length === 1 && lines[0] === '') return;
  const shown = lines.slice(-30);
  console.log(`    ${label}${shown.length < lines.length ? ` (last ${shown.length} lines)` : ''}:`);
  for (const line of shown) console.log(`      ${line}`);
}
