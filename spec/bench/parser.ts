/**
 * SSE parsing throughput: our decoder vs eventsource-parser (+ TextDecoder) vs the openai package's
 * `Stream.fromSSEResponse`, over ~20 MB of chat completion chunks fed as 64 B, 1 KiB and 16 KiB pieces.
 *
 * Fairness: both sides start from the same byte pieces and count events the same way. eventsource-parser
 * gets one `TextDecoder` with a hoisted `{ stream: true }` (its documented use); we go through our public
 * `createSSEDecoder`. Each round runs both back to back (alternating which goes first) in this one process
 * after a warmup, so machine noise hits both; the ratio column is the median of the per-round ratios. A
 * second table feeds both parsers the same already decoded strings, to show the parser alone.
 *
 * Run alone with `npx tsx spec/bench/parser.ts` (`BENCH_ROUNDS=41` for more rounds), or via `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import { createParser } from 'eventsource-parser';
import { Stream } from 'openai/core/streaming';
import { createSSEDecoder, createSSEParser } from '../../lib/sse/index.js';

const TARGET_BYTES = 20 * 1024 * 1024;
const CHUNK_SIZES = [64, 1024, 16 * 1024];
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 21);
const WARMUP = 3;
const OPENAI_ROUNDS = 3;
const STREAM = { stream: true };
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

type Runner<T> = (pieces: T[]) => number;

const ours: Runner<Uint8Array> = (pieces) => {
  let count = 0;
  const decoder = createSSEDecoder(() => count++);
  for (const piece of pieces) decoder.write(piece);
  decoder.end();
  return count;
};

const eventsourceParser: Runner<Uint8Array> = (pieces) => {
  let count = 0;
  const parser = createParser({ onEvent: () => count++ });
  const decoder = new TextDecoder();
  for (const piece of pieces) parser.feed(decoder.decode(piece, STREAM));
  parser.feed(decoder.decode());
  return count;
};

const oursParser: Runner<string> = (pieces) => {
  let count = 0;
  const parser = createSSEParser({ onEvent: () => count++ });
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return count;
};

const eventsourceParserOnly: Runner<string> = (pieces) => {
  let count = 0;
  const parser = createParser({ onEvent: () => count++ });
  for (const piece of pieces) parser.feed(piece);
  return count;
};

async function openai(pieces: Uint8Array[]): Promise<number> {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
  const stream = Stream.fromSSEResponse<unknown>(new Response(body), new AbortController());
  let count = 0;
  for await (const _ of stream) count++;
  return count;
}

/** Milliseconds of wall time, or of this process's CPU time with `BENCH_CLOCK=cpu` (steadier when shared). */
const now =
  process.env['BENCH_CLOCK'] === 'cpu'
    ? () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      }
    : () => performance.now();

function time<T>(runner: Runner<T>, pieces: T[], expected: number): number {
  const start = now();
  const count = runner(pieces);
  const ms = now() - start;
  if (count !== expected) throw new Error(`expected ${expected} events, got ${count}`);
  return ms;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

/** Paired rounds of `a` and `b` (alternating order); returns both timings and the per-round b/a ratios. */
function duel<T>(a: Runner<T>, b: Runner<T>, pieces: T[], expected: number) {
  for (let i = 0; i < WARMUP; i++) {
    time(a, pieces, expected);
    time(b, pieces, expected);
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let msA: number;
    let msB: number;
    if (round % 2 === 0) {
      msA = time(a, pieces, expected);
      msB = time(b, pieces, expected);
    } else {
      msB = time(b, pieces, expected);
      msA = time(a, pieces, expected);
    }
    timesA.push(msA);
    timesB.push(msB);
    ratios.push(msB / msA);
  }
  return { timesA, timesB, ratios };
}

/** `median (min-max)` of MB/s over the rounds. */
function rate(mb: number, times: number[]): string {
  const speed = (ms: number) => (mb / (ms / 1000)).toFixed(0);
  return `${speed(median(times))} (${speed(Math.max(...times))}-${speed(Math.min(...times))})`;
}

function spread(ratios: number[]): string {
  return `**${median(ratios).toFixed(2)}x** (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`;
}

const label = (size: number) => (size >= 1024 ? `${size / 1024} KiB` : `${size} B`);

/** Runs the parser benchmark and prints its tables. */
export async function run(): Promise<void> {
  const body = buildBody();
  const mb = body.length / 1e6;
  const expected = ours([body]);
  console.log(
    `${mb.toFixed(1)} MB, ${expected} chat.completion.chunk events; ${ROUNDS} paired rounds after ${WARMUP} warmups ` +
      `(openai: ${OPENAI_ROUNDS}). MB/s as median (min-max); ratio = median of per-round ratios (min-max).\n`,
  );
  console.log('Bytes in, events out:\n');
  console.log('| chunking | ours MB/s | eventsource-parser MB/s | ratio | openai MB/s* | ratio |');
  console.log('|---|---|---|---|---|---|');
  for (const size of CHUNK_SIZES) {
    const pieces = split(body, size);
    const { timesA, timesB, ratios } = duel(ours, eventsourceParser, pieces, expected);
    const openaiTimes: number[] = [];
    for (let round = 0; round < OPENAI_ROUNDS; round++) {
      const start = now();
      const count = await openai(pieces);
      openaiTimes.push(now() - start);
      if (count !== expected) throw new Error(`openai: expected ${expected} events, got ${count}`);
    }
    const vsOpenai = median(openaiTimes) / median(timesA);
    console.log(
      `| ${label(size)} | ${rate(mb, timesA)} | ${rate(mb, timesB)} | ${spread(ratios)} | ${rate(mb, openaiTimes)} | ${vsOpenai.toFixed(1)}x |`,
    );
  }
  console.log('\nParser alone (both fed the same strings, decoded once up front with TextDecoder):\n');
  console.log('| chunking | ours MB/s | eventsource-parser MB/s | ratio |');
  console.log('|---|---|---|---|');
  for (const size of CHUNK_SIZES) {
    const decoder = new TextDecoder();
    const strings = split(body, size).map((piece) => decoder.decode(piece, STREAM));
    const { timesA, timesB, ratios } = duel(oursParser, eventsourceParserOnly, strings, expected);
    console.log(`| ${label(size)} | ${rate(mb, timesA)} | ${rate(mb, timesB)} | ${spread(ratios)} |`);
  }
  console.log(
    '\n* openai: Stream.fromSSEResponse over a ReadableStream of the pieces; it also JSON.parses every event.',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
