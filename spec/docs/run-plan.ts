import { preludeFor } from './preludes.js';
import type { Snippet } from './snippet.js';

/** One snippet as a module on disk: where it goes (relative to the run folder) and its source. */
export interface SnippetModule {
  snippet: Snippet;
  /** e.g. `docs_sse/example-39.ts`, or the snippet's `name` in its document's folder. */
  path: string;
  source: string;
  /** How many prelude lines come before the snippet's first line. */
  preludeLines: number;
}

const ANGULAR_IMPORT = /\bfrom\s+['"](?:@angular\/|rxjs-openai-stream\/angular['"])/;

/**
 * Why a Markdown snippet is not run, or `undefined` when it is: a fragment that is not type-checked
 * either, a `no-run` directive, or an Angular example (it needs an Angular application or a TestBed: the
 * example app runs in `npm run test:browser`, the Angular specs in `npm test`).
 */
export function skipReason(snippet: Snippet): string | undefined {
  if (snippet.skip !== undefined) return `not type-checked either: ${snippet.skip}`;
  if (snippet.noRun !== undefined) return snippet.noRun;
  if (ANGULAR_IMPORT.test(snippet.code)) return 'Angular: needs an Angular application or a TestBed';
  return undefined;
}

/** The module that runs a snippet: its prelude definitions, then its code, in its document's folder. */
export function moduleOf(snippet: Snippet): SnippetModule {
  const prelude = preludeFor(snippet.preludes, 'run').code;
  const source = prelude ? `${prelude}\n${snippet.code}\n` : `${snippet.code}\n`;
  const folder = snippet.file.replace(/\.md$/, '').replace(/[^\w.-]+/g, '_');
  return {
    snippet,
    path: `${folder}/${snippet.name ?? `example-${snippet.line}.ts`}`,
    source,
    preludeLines: prelude ? prelude.split('\n').length : 0,
  };
}

/**
 * Rewrites every `<dir>/<module path>:line[:column]` in a child's output (stack traces, tsx's code frames)
 * to the Markdown location of that line, so a failure names `docs/sse.md:47`, not a temporary file.
 */
export function toDocLocations(text: string, dir: string, modules: readonly SnippetModule[]): string {
  let out = text;
  for (const module of modules) {
    const absolute = `${dir}/${module.path}`;
    const pattern = new RegExp(`(?:file://)?${escape(absolute)}(?::(\\d+))?(?::(\\d+))?`, 'g');
    out = out.replace(pattern, (_match, line?: string, column?: string) => {
      const { file, line: first } = module.snippet;
      if (line === undefined) return `${file}:${first}`;
      const offset = Number(line) - 1 - module.preludeLines;
      const where = offset < 0 ? `${file}:${first} (prelude line ${line})` : `${file}:${first + offset}`;
      return column === undefined ? where : `${where}:${column}`;
    });
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How a snippet's process ended, as far as judging it goes. */
export interface RunEnd {
  outcome: 'ok' | 'failed' | 'timeout';
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Why a run failed, or `undefined` when it passed: it must exit with code 0 within the time bound, write
 * nothing to stderr (an error handler that logs is how a swallowed failure looks, and Node prints its
 * warnings there), and print exactly its output block when the document shows one.
 */
export function failureOf(end: RunEnd, snippet: Snippet, timeoutMs: number): string | undefined {
  if (end.outcome === 'timeout') {
    return `did not finish within ${timeoutMs} ms: something kept the process alive (a subscription, a server, a timer)`;
  }
  if (end.signal) return `was killed by ${end.signal}`;
  if (end.exitCode !== 0) {
    return `exited with code ${end.exitCode}: an uncaught error, an unhandled rejection or an Observable error nobody handled`;
  }
  if (end.stderr.trim() !== '') return 'wrote to stderr (a logged error or a warning)';
  if (snippet.output !== undefined && normalize(end.stdout) !== normalize(snippet.output)) {
    return 'printed something other than the output shown after it';
  }
  return undefined;
}

const normalize = (text: string): string =>
  text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
