/**
 * Conformance suite `sse-vectors`: replays every case of `sse-vectors.json` through `parseSSE` (and
 * `createSSEDecoder` for the final state) as given, as one chunk, byte by byte and with its own chunkings.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { from } from 'rxjs';
import { createSSEDecoder, parseSSE } from '../../lib/sse/index.js';
import type { ConformanceSuite } from './run.js';

interface Vector {
  name: string;
  inputBase64: string;
  chunks?: string[] | null;
  chunksBase64?: string[] | null;
  replayChunkSizes?: number[] | null;
  replaySplitAtEveryPosition?: boolean | null;
  expected: Array<{ event: string; data: string; id: string } | { retry: number }>;
  expectedFinalLastEventId: string;
  expectedFinalRetry: number | null;
  expectedComments?: string[] | null;
  initialLastEventId?: string | null;
  checkpoints?: Array<{ afterChunk: number; lastEventId: string }> | null;
}

type Chunk = Uint8Array | string;

const bytesOf = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** Every chunking the harness replays, by label. */
function chunkings(vector: Vector, bytes: Uint8Array): Array<[string, Chunk[]]> {
  const out: Array<[string, Chunk[]]> = [
    ['one chunk', [bytes]],
    ['byte by byte', splitEvery(bytes, 1)],
  ];
  if (vector.chunksBase64) out.push(['as given (bytes)', vector.chunksBase64.map(bytesOf)]);
  if (vector.chunks) out.push(['as given (strings)', vector.chunks]);
  for (const size of vector.replayChunkSizes ?? []) out.push([`chunks of ${size}`, splitEvery(bytes, size)]);
  if (vector.replaySplitAtEveryPosition) {
    for (let i = 1; i < bytes.length; i++)
      out.push([`split at ${i}`, [bytes.subarray(0, i), bytes.subarray(i)]]);
  }
  return out;
}

/** Replays one chunking; returns a failure reason or undefined. */
async function replay(vector: Vector, chunks: Chunk[]): Promise<string | undefined> {
  const log: unknown[] = [];
  const comments: string[] = [];
  let retry: number | undefined;
  const options = {
    initialLastEventId: vector.initialLastEventId ?? undefined,
    onRetry: (ms: number) => {
      retry = ms;
      log.push({ retry: ms });
    },
    onComment: (text: string) => comments.push(text),
  };
  await new Promise<void>((resolve, reject) => {
    from(chunks)
      .pipe(parseSSE(options))
      .subscribe({
        next(event) {
          if (event.retry !== retry) log.push({ wrongRetryOnEvent: event.retry ?? null });
          log.push({ event: event.event, data: event.data, id: event.id });
        },
        error: reject,
        complete: resolve,
      });
  });
  if (!isDeepStrictEqual(log, vector.expected)) {
    return `expected ${JSON.stringify(vector.expected)}, got ${JSON.stringify(log)}`;
  }
  if (vector.expectedComments && !isDeepStrictEqual(comments, vector.expectedComments)) {
    return `comments: expected ${JSON.stringify(vector.expectedComments)}, got ${JSON.stringify(comments)}`;
  }
  const decoder = createSSEDecoder(() => undefined, options);
  for (const chunk of chunks) decoder.write(chunk);
  decoder.end();
  if (decoder.lastEventId !== vector.expectedFinalLastEventId) {
    return `final last event ID: expected ${JSON.stringify(vector.expectedFinalLastEventId)}, got ${JSON.stringify(decoder.lastEventId)}`;
  }
  if ((decoder.retry ?? null) !== vector.expectedFinalRetry) {
    return `final retry: expected ${vector.expectedFinalRetry}, got ${decoder.retry}`;
  }
  return undefined;
}

function checkpoints(vector: Vector): string | undefined {
  if (!vector.checkpoints || !vector.chunksBase64) return undefined;
  const decoder = createSSEDecoder(() => undefined, {
    initialLastEventId: vector.initialLastEventId ?? undefined,
  });
  const chunks = vector.chunksBase64.map(bytesOf);
  for (const [index, chunk] of chunks.entries()) {
    decoder.write(chunk);
    for (const checkpoint of vector.checkpoints) {
      if (checkpoint.afterChunk === index && checkpoint.lastEventId !== decoder.lastEventId) {
        return `checkpoint after chunk ${index}: expected ${JSON.stringify(checkpoint.lastEventId)}, got ${JSON.stringify(decoder.lastEventId)}`;
      }
    }
  }
  return undefined;
}

/** The `sse-vectors` suite. */
export const sseVectorsSuite: ConformanceSuite = {
  name: 'sse-vectors',
  async run(dir) {
    const vectors = JSON.parse(await readFile(join(dir, 'sse-vectors.json'), 'utf8')) as Vector[];
    let passed = 0;
    let failed = 0;
    for (const vector of vectors) {
      const bytes = bytesOf(vector.inputBase64);
      const all = chunkings(vector, bytes);
      let failure: string | undefined = checkpoints(vector);
      for (const [label, chunks] of all) {
        if (failure) break;
        const reason = await replay(vector, chunks).catch((error: unknown) => `threw ${String(error)}`);
        if (reason) failure = `${label}: ${reason}`;
      }
      if (failure) {
        failed++;
        console.log(`FAIL ${vector.name}\n     ${failure.slice(0, 600)}`);
      } else {
        passed++;
        console.log(`ok   ${vector.name} (${all.length} chunkings)`);
      }
    }
    return { passed, failed };
  },
};
