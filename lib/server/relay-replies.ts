import { Observable } from 'rxjs';
import type { APIErrorBody } from '../errors/api-error.js';
import { SSE_HEADERS } from './sse-response.js';
import type { StoredStreamEntry } from './stream-store.js';
import { toOpenAIError } from './to-openai-error.js';
import { toServerSentEvents } from './to-server-sent-events.js';

/**
 * The response header that names a relayed generation: the `<id>` of `<mount>/streams/<id>`, where a
 * dropped connection resumes (`GET` with `Last-Event-ID`) and a cancel goes (`DELETE`). Cross-origin
 * browsers read it only if the relay's CORS setup lists it in `access-control-expose-headers`.
 *
 * @example
 * ```ts
 * import { STREAM_ID_HEADER } from 'rxjs-openai-stream/server';
 *
 * const response = await fetch('/api/chat/completions', { method: 'POST', body: '{"model":"gpt-4o-mini","messages":[],"stream":true}' });
 * const streamId = response.headers.get(STREAM_ID_HEADER); // 'x-stream-id'
 * ```
 */
export const STREAM_ID_HEADER = 'x-stream-id';

/** A JSON response. @internal */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The OpenAI-shaped error response for anything a request failed with (redacted). @internal */
export function errorResponse(error: unknown, secrets: readonly string[]): Response {
  const reply = toOpenAIError(error, secrets);
  return jsonResponse(reply.status, { error: reply.error }, reply.headers);
}

/** The terminal error entry of a stream, raised inside the watch Observable to become its error frame. */
class EntryError extends Error {
  constructor(readonly body: APIErrorBody) {
    super(typeof body.message === 'string' ? body.message : 'stream error');
  }
}

/**
 * The event stream of a stored generation: `id: <sequence>` + the stored JSON per data entry, `[DONE]` at a
 * `done` entry, and at an `error` entry (or a store failure) the frame `{"type":"error","error":{…}}`,
 * which the chat decoder reads as an `APIStreamError` and the Responses decoder as a `ResponseStreamError`.
 *
 * @internal
 */
export function watchResponse(
  streamId: string,
  entries$: Observable<StoredStreamEntry>,
  keepAliveMs: number,
  secrets: readonly string[],
): Response {
  const data$ = new Observable<StoredStreamEntry>((subscriber) =>
    entries$.subscribe({
      next(entry) {
        if (entry.type === 'data') subscriber.next(entry);
        else if (entry.type === 'done') subscriber.complete();
        else subscriber.error(new EntryError(entry.error));
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );
  const body = toServerSentEvents(data$, {
    keepAliveMs,
    data: (entry) => (entry.type === 'data' ? entry.data : ''),
    id: (entry) => entry.sequence,
    errorFrame: (error) => ({
      type: 'error',
      error: error instanceof EntryError ? error.body : toOpenAIError(error, secrets).error,
    }),
  });
  return new Response(body, { status: 200, headers: { ...SSE_HEADERS, [STREAM_ID_HEADER]: streamId } });
}
