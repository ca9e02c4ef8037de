import { from } from 'rxjs';
import { createSSEDecoder, parseSSE } from '../../../lib/sse/index.js';

/** What a replay of one chunking observed. */
export interface Observed {
  log: unknown[];
  comments: string[];
  lastEventId: string;
  retry: number | undefined;
}

/** Runs chunks through `parseSSE` (events, retry updates, comments) and a decoder (final state). */
export async function replay(
  chunks: Array<Uint8Array | string>,
  initialLastEventId?: string,
): Promise<Observed> {
  const log: unknown[] = [];
  const comments: string[] = [];
  const options = {
    initialLastEventId,
    onRetry: (ms: number) => log.push({ retry: ms }),
    onComment: (text: string) => comments.push(text),
  };
  await new Promise<void>((resolve, reject) =>
    from(chunks)
      .pipe(parseSSE(options))
      .subscribe({
        next: (e) => log.push({ event: e.event, data: e.data, id: e.id }),
        error: reject,
        complete: resolve,
      }),
  );
  const decoder = createSSEDecoder(() => undefined, { initialLastEventId });
  for (const chunk of chunks) decoder.write(chunk);
  decoder.end();
  return { log, comments, lastEventId: decoder.lastEventId, retry: decoder.retry };
}

/** Splits bytes into pieces of `size`. */
export function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** Decodes base64 without Node's Buffer. */
export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Structural equality through canonical JSON (our values are plain data). */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
