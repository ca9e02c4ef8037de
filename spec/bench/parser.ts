/**
 * SSE parsing throughput: our decoder vs eventsource-parser (+ TextDecoder) vs the openai package's
 * `Stream.fromSSEResponse`, over ~20 MB of chat completion chunks fed as 64 B, 1 KiB and 16 KiB pieces.
 */
import { createParser } from 'eventsource-parser';
import { Stream } from 'openai/core/streaming';
import { createSSEDecoder } from '../../lib/sse/index.js';

const TARGET_BYTES = 20 * 1024 * 1024;
const CHUNK_SIZES = [64, 1024, 16 * 1024];
const ROUNDS = 15;
const OPENAI_ROUNDS = 3;
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

type Runner = (pieces: Uint8Array[]) => Promise<number>;

const ours: Runner = async (pieces) => {
  let count = 0;
  const decoder = createSSEDecoder(() => count++);
  for (const piece of pieces) decoder.write(piece);
  decoder.end();
  return count;
};

const STREAM = { stream: true };
const eventsourceParser: Runner = async (pieces) => {
  let count = 0;
  const parser = createParser({ onEvent: () => count++ });
  const decoder = new TextDecoder();
  for (const piece of pieces) parser.feed(decoder.decode(piece, STREAM));
  parser.feed(decoder.decode());
  return count;
};

const openai: Runner = async (pieces) => {
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
};

async function measure(runner: Runner, pieces: Uint8Array[], expected: number): Promise<number> {
  const start = performance.now();
  const count = await runner(pieces);
  const ms = performance.now() - start;
  if (count !== expected) throw new Error(`expected ${expected} events, got ${count}`);
  return ms;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

/** Runs the parser benchmark and prints its table. */
export async function run(): Promise<void> {
  const body = buildBody();
  const mb = body.length / 1e6;
  const expected = await ours([body]);
  console.log(
    `${mb.toFixed(1)} MB, ${expected} chat.completion.chunk events; median of ${ROUNDS} rounds (openai: ${OPENAI_ROUNDS})\n`,
  );
  console.log('| chunking | ours MB/s | eventsource-parser MB/s | ratio | openai MB/s* | ratio |');
  console.log('|---|---|---|---|---|---|');
  for (const size of CHUNK_SIZES) {
    const pieces = split(body, size);
    const times = { ours: [] as number[], esp: [] as number[], openai: [] as number[] };
    await measure(ours, pieces, expected);
    await measure(eventsourceParser, pieces, expected);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which one goes first, so neither always pays for the other's garbage.
      if (round % 2 === 0) times.ours.push(await measure(ours, pieces, expected));
      times.esp.push(await measure(eventsourceParser, pieces, expected));
      if (round % 2 === 1) times.ours.push(await measure(ours, pieces, expected));
    }
    for (let round = 0; round < OPENAI_ROUNDS; round++)
      times.openai.push(await measure(openai, pieces, expected));
    const [a, b, c] = [
      mb / (median(times.ours) / 1000),
      mb / (median(times.esp) / 1000),
      mb / (median(times.openai) / 1000),
    ];
    const label = size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
    console.log(
      `| ${label} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)}x | ${c.toFixed(0)} | ${(a / c).toFixed(2)}x |`,
    );
  }
  console.log(
    '\n* openai: Stream.fromSSEResponse over a ReadableStream of the pieces; it also JSON.parses every event.',
  );
}
