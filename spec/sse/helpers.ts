import { createSSEDecoder } from '../../lib/sse/index.js';
import type { ParseSSEOptions, ServerSentEvent } from '../../lib/sse/index.js';

/** What a parse run reported, in order. */
export interface Run {
  /** Events and `{ retry }` updates, in stream order. */
  log: Array<ServerSentEvent | { retry: number }>;
  events: ServerSentEvent[];
  comments: string[];
  lastEventId: string;
  retry: number | undefined;
}

/** Feeds `chunks` through one decoder and records everything it reports. */
export function runChunks(chunks: Array<Uint8Array | string>, options: ParseSSEOptions = {}): Run {
  const log: Run['log'] = [];
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  const decoder = createSSEDecoder(
    (event) => {
      log.push(event);
      events.push(event);
    },
    {
      ...options,
      onRetry: (ms) => log.push({ retry: ms }),
      onComment: (text) => comments.push(text),
    },
  );
  for (const chunk of chunks) decoder.write(chunk);
  decoder.end();
  return { log, events, comments, lastEventId: decoder.lastEventId, retry: decoder.retry };
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Splits bytes into pieces of `size`. */
export function bytesInPieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** The same input in the chunkings every rule is checked with. */
export function chunkings(input: string): Array<[string, Array<Uint8Array | string>]> {
  const bytes = utf8(input);
  return [
    ['one string', [input]],
    ['one byte array', [bytes]],
    ['char by char', input.split('')],
    ['byte by byte', bytesInPieces(bytes, 1)],
  ];
}

/** A message event with the default type and no id. */
export const message = (data: string, id = ''): ServerSentEvent => ({ event: 'message', data, id });
