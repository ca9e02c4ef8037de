/** One documented code example, ready to be type-checked as its own module. */
export interface Snippet {
  /** Where it comes from, relative to the project root (`README.md`, `lib/sse/parser.ts`). */
  file: string;
  /** The 1-based line in `file` of the snippet's first code line. */
  line: number;
  /** The example's code, without fence or comment markers. */
  code: string;
  /** Prelude names asked for with `<!-- check-examples: prelude a b -->`. */
  preludes: string[];
  /** Set by `<!-- check-examples: skip <reason> -->`: the snippet is reported but not checked. */
  skip?: string;
  /**
   * Set by `<!-- check-examples: no-run <reason> -->`: the snippet is type-checked but not run by
   * `npm run run:examples` (a browser-only example, a server that runs until stopped).
   */
  noRun?: string;
  /**
   * Set by `<!-- check-examples: node 22 -->`: the oldest Node major the example runs on (a dependency that
   * needs it). `npm run run:examples` runs it with that Node when its own is older.
   */
  node?: number;
  /**
   * The text a fence right after the snippet shows as its output, marked with
   * `<!-- check-examples: output -->`: `npm run run:examples` compares it with what the snippet prints.
   */
  output?: string;
  /**
   * Set by `<!-- check-examples: name chat.service.ts -->`: the module's file name, so that another example
   * of the same document can import it (`import { ChatService } from './chat.service';`).
   */
  name?: string;
}

/** A problem found while extracting (a bad directive, an `@example` without code). */
export interface ExtractProblem {
  file: string;
  line: number;
  message: string;
}

/** What an extractor returns. */
export interface Extracted {
  snippets: Snippet[];
  problems: ExtractProblem[];
}

const DIRECTIVE = /^\s*<!--\s*check-examples:\s*([\w-]+)\s*(.*?)\s*-->\s*$/;

/** The directive in one line, if the line is a `<!-- check-examples: … -->` comment. */
export function parseDirective(line: string): { name: string; args: string } | undefined {
  const match = DIRECTIVE.exec(line);
  return match ? { name: match[1] ?? '', args: match[2] ?? '' } : undefined;
}

/**
 * Applies the directive lines found right before a fence to a snippet; returns a problem message for a
 * directive it does not know or a `skip` without a reason.
 */
export function applyDirective(snippet: Snippet, line: string): string | undefined {
  const directive = parseDirective(line);
  if (!directive) return undefined;
  if (directive.name === 'prelude') {
    snippet.preludes.push(...directive.args.split(/[\s,]+/).filter(Boolean));
    return undefined;
  }
  if (directive.name === 'skip') {
    if (!directive.args) return 'check-examples: skip needs a reason';
    snippet.skip = directive.args;
    return undefined;
  }
  if (directive.name === 'no-run') {
    if (!directive.args) return 'check-examples: no-run needs a reason';
    snippet.noRun = directive.args;
    return undefined;
  }
  if (directive.name === 'node') {
    if (!/^\d+$/.test(directive.args)) return 'check-examples: node needs a major version like 22';
    snippet.node = Number(directive.args);
    return undefined;
  }
  if (directive.name === 'output') return 'check-examples: output belongs before the output fence';
  if (directive.name === 'name') {
    if (!/^[\w.-]+\.ts$/.test(directive.args)) return 'check-examples: name needs a file name like x.ts';
    snippet.name = directive.args;
    return undefined;
  }
  return `unknown check-examples directive "${directive.name}"`;
}

/** Whether a line opens or closes a code fence: its marker and info string. */
export function fenceOf(line: string): { indent: string; marker: string; info: string } | undefined {
  const match = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(line);
  if (!match) return undefined;
  return { indent: match[1] ?? '', marker: match[2] ?? '', info: (match[3] ?? '').trim() };
}

/** Whether a fence info string names TypeScript (`ts`, `typescript`, `ts title="x"`). */
export function isTypeScriptFence(info: string): boolean {
  const language = info.split(/\s+/)[0]?.toLowerCase();
  return language === 'ts' || language === 'typescript';
}
