/**
 * Streaming tool-call arguments: a realistic nested JSON document (1 MB and 2 MB) streamed in 20-byte
 * argument deltas through `toolCallDeltas()`, side by side with the openai package's `ChatCompletionStream`
 * (a strict function tool, so it parses partial arguments). Also a wide flat array of numbers read on every
 * event (the worst case for copying open containers). Reports time per size, the 2 MB / 1 MB ratio (linear
 * work stays near 2; "n/a (errored)" when a run failed), and how many delta events carry a parsed value.
 * Run with `node --expose-gc --import tsx spec/bench/tool-calls.ts` for steadier ratios.
 */
import { lastValueFrom, Observable, tap } from 'rxjs';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { toolCallDeltas } from '../../lib/chat/operators/index.js';
import type { ChatCompletionChunk } from '../../lib/chat/schemas/index.js';

const DELTA_BYTES = 20;
const ROUNDS = 5;
const TOOL = 'review_repository';

/** A code-review report: nested objects, arrays of records, strings with escapes, numbers and booleans. */
function buildDocument(targetBytes: number): string {
  const files: unknown[] = [];
  const base = {
    repository: 'acme/storefront',
    commit: '9f2c1e7',
    summary: 'Automated review of the storefront.\nSee "files".',
    files,
  };
  for (let i = 0; JSON.stringify(base).length < targetBytes; i++) {
    files.push({
      path: `src/app/feature-${i % 40}/component-${i}.ts`,
      language: 'typescript',
      lines: 120 + (i % 300),
      coverage: Math.round(((i * 37) % 100) * 10) / 1000,
      generated: i % 11 === 0,
      symbols: Array.from({ length: 4 }, (_, s) => ({
        name: `symbol${i}_${s}`,
        kind: s % 2 ? 'function' : 'class',
        line: 10 + s * 17,
        exported: s !== 3,
      })),
      review: {
        score: (i % 10) / 10,
        comments: [
          {
            line: 12,
            severity: 'info',
            text: `Consider extracting the "${i}" handler; it is used in\t3 places.`,
          },
          {
            line: 48,
            severity: i % 3 ? 'warning' : 'error',
            text: 'Avoid `any` here — prefer a generic type parameter (T extends object).',
          },
        ],
      },
    });
  }
  return JSON.stringify(base);
}

/** One open array of numbers: every delta adds to the same wide, still-open array. */
function buildFlatDocument(targetBytes: number): string {
  const values: number[] = [];
  let bytes = 14;
  for (let i = 0; bytes < targetBytes; i++) {
    values.push(i * 7);
    bytes += String(i * 7).length + 1;
  }
  return JSON.stringify({ values });
}

const HEAD = {
  id: 'chatcmpl-bench',
  object: 'chat.completion.chunk',
  created: 1727346163,
  model: 'gpt-4o-2024-08-06',
};

/** The i-th chunk of the stream of `args` (made on demand: a network stream does not keep old chunks alive). */
function chunkAt(args: string, i: number): ChatCompletionChunk {
  const count = Math.ceil(args.length / DELTA_BYTES);
  if (i === 0) {
    const call = { index: 0, id: 'call_bench', type: 'function', function: { name: TOOL, arguments: '' } };
    return {
      ...HEAD,
      choices: [
        { index: 0, delta: { role: 'assistant', tool_calls: [call] }, logprobs: null, finish_reason: null },
      ],
    };
  }
  if (i > count)
    return { ...HEAD, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' }] };
  const fragment = args.slice((i - 1) * DELTA_BYTES, i * DELTA_BYTES);
  return {
    ...HEAD,
    choices: [
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: fragment } }] },
        logprobs: null,
        finish_reason: null,
      },
    ],
  };
}

const chunkCount = (args: string) => Math.ceil(args.length / DELTA_BYTES) + 2;

function chunks$(args: string): Observable<ChatCompletionChunk> {
  return new Observable((subscriber) => {
    const total = chunkCount(args);
    for (let i = 0; i < total && !subscriber.closed; i++) subscriber.next(chunkAt(args, i));
    subscriber.complete();
  });
}

interface Measure {
  ms: number;
  events: number;
  parsed: number;
  error?: string;
}

/** Ours: `toolCallDeltas()`, reading `partial` on every `readEvery`-th event (0: never). */
async function runOurs(args: string, readEvery: number): Promise<Measure> {
  let events = 0;
  let parsed = 0;
  const start = performance.now();
  await lastValueFrom(
    chunks$(args).pipe(
      toolCallDeltas(),
      tap((event) => {
        events++;
        if (readEvery > 0 && events % readEvery === 0 && event.partial !== undefined) parsed++;
      }),
    ),
    { defaultValue: undefined },
  );
  return { ms: performance.now() - start, events, parsed };
}

/** openai 7: ChatCompletionStream with a strict tool, fed the same chunks as its NDJSON readable format. */
async function runOpenAI(args: string): Promise<Measure> {
  const encoder = new TextEncoder();
  const total = chunkCount(args);
  let next = 0;
  const readable = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < total) controller.enqueue(encoder.encode(JSON.stringify(chunkAt(args, next++)) + '\n'));
      else controller.close();
    },
  });
  const params = {
    model: 'gpt-4o',
    messages: [],
    stream: true as const,
    tools: [
      {
        type: 'function' as const,
        function: {
          name: TOOL,
          strict: true,
          parameters: { type: 'object', properties: {}, additionalProperties: true },
        },
      },
    ],
  };
  // fromReadableStream() takes no params (so it never parses arguments); construct with params instead.
  const Stream = ChatCompletionStream as unknown as new (p: unknown) => ChatCompletionStream & {
    _run(fn: () => Promise<unknown>): void;
    _fromReadableStream(stream: ReadableStream): Promise<unknown>;
  };
  const runner = new Stream(params);
  let events = 0;
  let parsed = 0;
  runner.on('tool_calls.function.arguments.delta', (event) => {
    events++;
    if (event.parsed_arguments !== undefined && event.parsed_arguments !== null) parsed++;
  });
  const start = performance.now();
  runner._run(() => runner._fromReadableStream(readable));
  try {
    await runner.done();
    return { ms: performance.now() - start, events, parsed };
  } catch (error) {
    return {
      ms: performance.now() - start,
      events,
      parsed,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * The fastest of `rounds` runs per size, alternating 1 MB and 2 MB so both see the same machine load (and a
 * collected heap first, when run with `--expose-gc`).
 */
async function bestOfBoth(
  fn: (args: string) => Promise<Measure>,
  sizes: readonly string[],
  rounds: number,
): Promise<Measure[]> {
  const best: (Measure | undefined)[] = sizes.map(() => undefined);
  for (let round = 0; round < rounds; round++) {
    for (const [i, args] of sizes.entries()) {
      collectGarbage?.();
      const next = await fn(args);
      const current = best[i];
      if (!current || next.ms < current.ms) best[i] = next;
    }
  }
  return best as Measure[];
}

const fmt = (m: Measure) =>
  `${m.ms.toFixed(1).padStart(8)} ms  ${String(m.parsed).padStart(6)}/${m.events} delta events with a parsed value${m.error ? `  (error: ${m.error})` : ''}`;

/** Baseline: making the chunks and passing them through rxjs, with no operator. */
async function runBaseline(args: string): Promise<Measure> {
  let events = 0;
  const start = performance.now();
  await lastValueFrom(chunks$(args).pipe(tap(() => events++)), { defaultValue: undefined });
  return { ms: performance.now() - start, events, parsed: 0 };
}

/** The 2 MB / 1 MB time ratio, or "n/a (errored)" when either run failed (its time means nothing). */
const ratio = (one: Measure, two: Measure) =>
  one.error !== undefined || two.error !== undefined ? 'n/a (errored)' : (two.ms / one.ms).toFixed(2);

/** Runs the benchmark and prints a table. */
export async function run(): Promise<void> {
  const nested = [1, 2].map((mb) => buildDocument(mb * 1024 * 1024));
  const flat = [1, 2].map((mb) => buildFlatDocument(mb * 1024 * 1024));
  const variants: Array<[string, string[], (args: string) => Promise<Measure>, number]> = [
    ['baseline: making the chunks, no operator', nested, runBaseline, ROUNDS],
    ['ours, partial never read', nested, (args) => runOurs(args, 0), ROUNDS],
    [
      'ours, partial read on every 500th event (a throttled UI)',
      nested,
      (args) => runOurs(args, 500),
      ROUNDS,
    ],
    ['ours, partial read on every event', nested, (args) => runOurs(args, 1), 3],
    ['ours, wide flat array, partial never read', flat, (args) => runOurs(args, 0), 3],
    ['ours, wide flat array, partial read on every event', flat, (args) => runOurs(args, 1), 3],
    ['openai ChatCompletionStream (strict tool)', nested, runOpenAI, 2],
  ];
  const describe = (label: string, sizes: string[]) =>
    `${label}: ${sizes.map((args, i) => `${i + 1} MB = ${args.length} B in ${chunkCount(args)} chunks`).join(', ')}`;
  console.log(
    `Arguments (${DELTA_BYTES}-byte deltas): ${describe('nested', nested)}; ${describe('flat array', flat)}.\n`,
  );
  for (const [name, sizes, fn, rounds] of variants) {
    const [one, two] = (await bestOfBoth(fn, sizes, rounds)) as [Measure, Measure];
    console.log(`${name}`);
    console.log(`  1 MB: ${fmt(one)}`);
    console.log(`  2 MB: ${fmt(two)}`);
    console.log(`  ratio 2 MB / 1 MB: ${ratio(one, two)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
