/**
 * The SSE path, bytes in and events out: our `createSSEDecoder` (UTF-8 decoding included) vs
 * eventsource-parser, over ~21 MB of chat completion chunks (about half of them with non-ASCII text) fed
 * as 64 B, 1 KiB and 16 KiB pieces.
 *
 * Peers, each from the same byte pieces to the same events:
 * - eventsource-parser's `createParser` behind one `TextDecoder` with `{ stream: true }`: its fastest use;
 *   the ratio the targets refer to.
 * - eventsource-parser's documented stream use, `body.pipeThrough(new TextDecoderStream())
 *   .pipeThrough(new EventSourceParserStream())` (what the Vercel AI SDK does), against our decoder
 *   reading the same `ReadableStream` with a reader loop (what our client does).
 * - the `openai` package's `Stream.fromSSEResponse` (it also `JSON.parse`s every event; 3 rounds).
 * A second table feeds both parsers the same decoded strings, to show the parser alone.
 *
 * Every consumer reads the last character of each event's data (as a consumer that parses it must), so
 * that no side can leave work to it. Rounds are paired (both sides back to back, alternating which goes
 * first) after warmups, each table row in its own process (so that the JIT specializes to that one use,
 * as in an app); times are the process's CPU time (steadier on a shared machine than wall time;
 * `BENCH_CLOCK=wall` for wall time) and the ratio is the median of per-round ratios, range in brackets.
 *
 * Run alone with `npx tsx spec/bench/sse.ts` (`BENCH_ROUNDS=31` for more rounds), or via `npm run bench`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { Stream } from 'openai/core/streaming';
import { createSSEDecoder, createSSEParser, type ServerSentEvent } from '../../lib/sse/index.js';
import { createUtf8Stream } from '../../lib/sse/utf8-stream.js';
import { machine, median, ratio } from './report.js';

const TARGET_BYTES = 20 * 1024 * 1024;
const CHUNK_SIZES = [64, 1024, 16 * 1024];
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 21);
const STREAM_ROUNDS = Math.max(5, Math.round(ROUNDS / 2));
const WARMUP = 3;
const OPENAI_ROUNDS = 3;
const STREAM = { stream: true };
/** A bound on one case's child process. */
const CASE_LIMIT_MS = 300_000;
const TOKENS = [
  'Hello',
  ',',
  ' world',
  ' the',
  ' quick',
  ' brown',
  ' fox',
  '\\n\\n',
  ' `code`',
  ' \\"quoted\\"',
  ' café',
  ' naïve',
  ' Straße',
  ' 東京',
  ' 你好',
  ' мир',
  ' 😀',
  ' 🚀 launch',
  ' ñandú',
  ' α β γ',
  ' 1234',
  '.',
];

/** Builds the stream body: realistic `chat.completion.chunk` events, one per token. */
function buildBody(): Uint8Array {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const token = TOKENS[(i * 7 + (i >> 3)) % TOKENS.length] ?? '';
    const line =
      `data: {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":${1741570000 + (i >> 6)},` +
      `"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_f9f4fb6dbf","choices":[{"index":0,` +
      `"delta":{"content":"${token}"},"logprobs":null,"finish_reason":null}]}\n\n`;
    parts.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(parts.join(''));
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** What every consumer does with an event: reads the last character of its data. */
const consume = (event: ServerSentEvent | EventSourceMessage): number =>
  event.data.charCodeAt(event.data.length - 1);

/** Parses `pieces` and returns a checksum of the events (their count and what `consume` read). */
type Runner<T> = (pieces: T[]) => number | Promise<number>;

const ours: Runner<Uint8Array> = (pieces) => {
  let sum = 0;
  const decoder = createSSEDecoder((event) => (sum += 1 + consume(event)));
  for (const piece of pieces) decoder.write(piece);
  decoder.end();
  return sum;
};

const eventsourceParser: Runner<Uint8Array> = (pieces) => {
  let sum = 0;
  const parser = createParser({ onEvent: (event) => (sum += 1 + consume(event)) });
  const decoder = new TextDecoder();
  for (const piece of pieces) parser.feed(decoder.decode(piece, STREAM));
  parser.feed(decoder.decode());
  return sum;
};

/** A body stream that hands out `pieces` one per pull, like a response body. */
function bodyOf(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
}

const oursReader: Runner<Uint8Array> = async (pieces) => {
  let sum = 0;
  const decoder = createSSEDecoder((event) => (sum += 1 + consume(event)));
  const reader = bodyOf(pieces).getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) decoder.write(read.value);
  decoder.end();
  return sum;
};

const eventsourceParserStream: Runner<Uint8Array> = async (pieces) => {
  let sum = 0;
  const events = (bodyOf(pieces) as ReadableStream<BufferSource>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) sum += 1 + consume(read.value);
  return sum;
};

const oursParser: Runner<string> = (pieces) => {
  let sum = 0;
  const parser = createSSEParser({ onEvent: (event) => (sum += 1 + consume(event)) });
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return sum;
};

const eventsourceParserOnly: Runner<string> = (pieces) => {
  let sum = 0;
  const parser = createParser({ onEvent: (event) => (sum += 1 + consume(event)) });
  for (const piece of pieces) parser.feed(piece);
  return sum;
};

/** UTF-8 decoding alone, as our decoder does it; the checksum is the decoded length. */
const oursUtf8: Runner<Uint8Array> = (pieces) => {
  const utf8 = createUtf8Stream();
  let length = 0;
  for (const piece of pieces) length += utf8.decode(piece).length;
  return length + utf8.flush().length;
};

/** UTF-8 decoding alone, as eventsource-parser's documented use does it. */
const textDecoderStream: Runner<Uint8Array> = (pieces) => {
  const decoder = new TextDecoder();
  let length = 0;
  for (const piece of pieces) length += decoder.decode(piece, STREAM).length;
  return length + decoder.decode().length;
};

async function openai(pieces: Uint8Array[]): Promise<number> {
  const stream = Stream.fromSSEResponse<unknown>(new Response(bodyOf(pieces)), new AbortController());
  let count = 0;
  for await (const _ of stream) count++;
  return count;
}

/** Milliseconds of this process's CPU time, or of wall time with `BENCH_CLOCK=wall`. */
const now =
  process.env['BENCH_CLOCK'] === 'wall'
    ? () => performance.now()
    : () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      };

async function time<T>(runner: Runner<T>, pieces: T[], expected: number): Promise<number> {
  const start = now();
  const sum = await runner(pieces);
  const ms = now() - start;
  if (sum !== expected) throw new Error(`expected checksum ${expected}, got ${sum}`);
  return ms;
}

/** Paired rounds of `a` and `b` (alternating order); returns both timings and the per-round b/a ratios. */
async function duel<T>(a: Runner<T>, b: Runner<T>, pieces: T[], expected: number, rounds = ROUNDS) {
  for (let i = 0; i < WARMUP; i++) {
    await time(a, pieces, expected);
    await time(b, pieces, expected);
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = round % 2 === 0;
    const msA = first ? await time(a, pieces, expected) : 0;
    const msB = await time(b, pieces, expected);
    const lastA = first ? msA : await time(a, pieces, expected);
    timesA.push(lastA);
    timesB.push(msB);
    ratios.push(msB / lastA);
  }
  return { timesA, timesB, ratios };
}

/** `median (min-max)` of MB/s over the rounds. */
function rate(mb: number, times: number[]): string {
  const speed = (ms: number) => (mb / (ms / 1000)).toFixed(0);
  return `${speed(median(times))} (${speed(Math.max(...times))}-${speed(Math.min(...times))})`;
}

const label = (size: number) => (size >= 1024 ? `${size / 1024} KiB` : `${size} B`);

/**
 * Heap held per parser after one 64 KB chunk that ends in an unfinished line (as a read of a fast stream
 * does), after a GC: ours in `timesA`, eventsource-parser's in `timesB`, in bytes.
 */
function retained(): CaseResult {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const chunk = (i: number): string => `${'data: {"n":1}\n\n'.repeat(4000)}data: {"unfinished":${i}`;
  const measure = (make: (text: string) => unknown): number => {
    const keep: unknown[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) keep.push(make(chunk(i)));
    gc();
    return (process.memoryUsage().heapUsed - before) / keep.length;
  };
  const oursHeld = measure((text) => {
    const parser = createSSEParser({ onEvent: () => undefined });
    parser.feed(text);
    return parser;
  });
  const theirsHeld = measure((text) => {
    const parser = createParser({ onEvent: () => undefined });
    parser.feed(text);
    return parser;
  });
  return { timesA: [oursHeld], timesB: [theirsHeld], ratios: [] };
}

interface CaseResult {
  timesA: number[];
  timesB: number[];
  ratios: number[];
}

/** Measures one case at one piece size in this process (a child of `run`). */
async function measureCase(name: string, size: number): Promise<CaseResult> {
  if (name === 'retain') return retained();
  const body = buildBody();
  const pieces = split(body, size);
  // The expected checksum comes from the runner measured first, so that no other use of our code (with
  // another callback) makes its call sites polymorphic.
  switch (name) {
    case 'bytes':
      return duel(ours, eventsourceParser, pieces, await ours(pieces));
    case 'streams':
      return duel(oursReader, eventsourceParserStream, pieces, await oursReader(pieces), STREAM_ROUNDS);
    case 'decode':
      return duel(oursUtf8, textDecoderStream, pieces, await oursUtf8(pieces));
    case 'parser': {
      const decoder = new TextDecoder();
      const strings = pieces.map((piece) => decoder.decode(piece, STREAM));
      return duel(oursParser, eventsourceParserOnly, strings, await oursParser(strings));
    }
    default: {
      let events = 0;
      createSSEDecoder(() => events++).write(body);
      const times: number[] = [];
      for (let round = 0; round <= OPENAI_ROUNDS; round++) {
        const start = now();
        const count = await openai(pieces);
        if (count !== events) throw new Error(`openai: expected ${events} events, got ${count}`);
        if (round > 0) times.push(now() - start);
      }
      return { timesA: times, timesB: times, ratios: [] };
    }
  }
}

/** Runs one case in a fresh process, so that the JIT sees only that case's code, as in an app. */
function runCase(name: string, size: number): Promise<CaseResult> {
  const child = fork(fileURLToPath(import.meta.url), ['--case', name, String(size)], {
    execArgv: [
      ...process.execArgv.filter((arg) => !arg.startsWith('--cpu-prof')),
      '--expose-gc',
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_LIMIT_MS);
    child.once('message', (result: CaseResult) => resolve(result));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} at ${size} B: the child exited (${code}) without a result`));
    });
  });
}

/** Runs the SSE benchmark and prints its tables. */
export async function run(): Promise<void> {
  const mb = buildBody().length / 1e6;
  const clock = process.env['BENCH_CLOCK'] === 'wall' ? 'wall time' : 'CPU time';
  console.log(
    `${machine()}. ${mb.toFixed(1)} MB of chat.completion.chunk events; every row in its own process; ${ROUNDS} ` +
      `paired rounds (${STREAM_ROUNDS} for streams, ${OPENAI_ROUNDS} for openai) after ${WARMUP} warmups, ${clock}. ` +
      `MB/s as median (min-max); ratio = median of per-round ratios (min-max), higher is better for us.\n`,
  );
  console.log('Bytes in, events out:\n');
  console.log(
    '| pieces | ours MB/s | eventsource-parser + TextDecoder MB/s | **ratio** | ours, reader loop MB/s | eventsource-parser stream + TextDecoderStream MB/s | ratio | openai MB/s | ratio |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const peerTimes = new Map<number, number[]>();
  for (const size of CHUNK_SIZES) {
    const direct = await runCase('bytes', size);
    peerTimes.set(size, direct.timesB);
    const streams = await runCase('streams', size);
    const openaiTimes = (await runCase('openai', size)).timesA;
    const vsOpenai = median(openaiTimes) / median(direct.timesA);
    console.log(
      `| ${label(size)} | ${rate(mb, direct.timesA)} | ${rate(mb, direct.timesB)} | ${ratio(direct.ratios)} | ` +
        `${rate(mb, streams.timesA)} | ${rate(mb, streams.timesB)} | ${ratio(streams.ratios)} | ${rate(mb, openaiTimes)} | ${vsOpenai.toFixed(1)}x |`,
    );
  }
  console.log(
    "\nUTF-8 decoding alone, and the most any parser could gain: eventsource-parser's whole time over our " +
      'decoding time (a parser that cost nothing):\n',
  );
  console.log(
    '| pieces | ours MB/s | TextDecoder with stream MB/s | ratio | ceiling of the bytes-to-events ratio |',
  );
  console.log('|---|---|---|---|---|');
  for (const size of CHUNK_SIZES) {
    const decode = await runCase('decode', size);
    const ceiling = median(peerTimes.get(size) ?? []) / median(decode.timesA);
    console.log(
      `| ${label(size)} | ${rate(mb, decode.timesA)} | ${rate(mb, decode.timesB)} | ${ratio(decode.ratios)} | ${ceiling.toFixed(2)}x |`,
    );
  }
  const held = await runCase('retain', 0);
  const kb = (bytes: number[]) => `${((bytes[0] ?? 0) / 1024).toFixed(1)} KB`;
  console.log(
    `\nHeap a parser holds after a 64 KB chunk that ends in an unfinished line (after a GC): ours ${kb(held.timesA)}, ` +
      `eventsource-parser ${kb(held.timesB)}.`,
  );
  console.log('\nParser alone (both fed the same strings, decoded once up front with TextDecoder):\n');
  console.log('| pieces | ours MB/s | eventsource-parser MB/s | ratio |');
  console.log('|---|---|---|---|');
  for (const size of CHUNK_SIZES) {
    const { timesA, timesB, ratios } = await runCase('parser', size);
    console.log(`| ${label(size)} | ${rate(mb, timesA)} | ${rate(mb, timesB)} | ${ratio(ratios)} |`);
  }
}

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) {
  const result = await measureCase(process.argv[caseAt + 1] ?? '', Number(process.argv[caseAt + 2]));
  process.send?.(result);
  process.disconnect?.();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
