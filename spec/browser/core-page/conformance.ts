import { base64Bytes, replay, same, splitEvery } from './replay.js';
import type { CaseResult } from './main.js';

interface Vector {
  name: string;
  inputBase64: string;
  chunks?: string[] | null;
  chunksBase64?: string[] | null;
  replayChunkSizes?: number[] | null;
  expected: unknown[];
  expectedFinalLastEventId: string;
  expectedFinalRetry: number | null;
  expectedComments?: string[] | null;
  initialLastEventId?: string | null;
}

/**
 * Replays the shared `sse-vectors.json` (served by the test server under `/conformance/`, read at run time)
 * as one chunk, byte by byte, and in the vector's own chunkings. Returns `undefined` when it is not served.
 */
export async function runConformance(): Promise<CaseResult[] | undefined> {
  const response = await fetch('/conformance/sse-vectors.json');
  if (!response.ok) return undefined;
  const vectors = (await response.json()) as Vector[];
  const results: CaseResult[] = [];
  for (const vector of vectors) {
    const bytes = base64Bytes(vector.inputBase64);
    const chunkings: Array<[string, Array<Uint8Array | string>]> = [
      ['one chunk', [bytes]],
      ['byte by byte', splitEvery(bytes, 1)],
    ];
    if (vector.chunksBase64) chunkings.push(['as given (bytes)', vector.chunksBase64.map(base64Bytes)]);
    if (vector.chunks) chunkings.push(['as given (strings)', vector.chunks]);
    for (const size of vector.replayChunkSizes ?? [])
      chunkings.push([`chunks of ${size}`, splitEvery(bytes, size)]);
    let failure: string | undefined;
    for (const [label, chunks] of chunkings) {
      try {
        const seen = await replay(chunks, vector.initialLastEventId ?? undefined);
        if (!same(seen.log, vector.expected)) failure = `${label}: got ${JSON.stringify(seen.log)}`;
        else if (vector.expectedComments && !same(seen.comments, vector.expectedComments))
          failure = `${label}: comments ${JSON.stringify(seen.comments)}`;
        else if (seen.lastEventId !== vector.expectedFinalLastEventId)
          failure = `${label}: last event ID ${JSON.stringify(seen.lastEventId)}`;
        else if ((seen.retry ?? null) !== vector.expectedFinalRetry)
          failure = `${label}: retry ${String(seen.retry)}`;
      } catch (error) {
        failure = `${label}: threw ${String(error)}`;
      }
      if (failure) break;
    }
    results.push({ name: `conformance: ${vector.name}`, ok: !failure, detail: failure?.slice(0, 300) });
  }
  return results;
}
