import type { Observable } from 'rxjs';
import { createSSEDecoder } from '../sse/decoder.js';
import type { ServerSentEvent } from '../sse/types.js';
import type { SSEStreamItem } from './sse-item.js';
import { unexpectedStreamOf } from './error-details.js';
import { exchange, type ExchangeContext } from './exchange.js';
import type { ResolvedClientOptions } from './options.js';
import { mediaType } from './read-text.js';
import { bodyReadError } from './read-error.js';
import type { ResolvedRequestOptions } from './request-options.js';
import type { RequestSpec } from './send.js';

/**
 * Sends a request that answers with `text/event-stream` and emits, in order: `{ type: 'open', response }`
 * once the headers arrived, `{ type: 'sse', event }` for every dispatched event, and `{ type: 'tail',
 * event }` for a block left unterminated at the end of the body (at most once, right before completing).
 * The body is read with a reader and fed straight to the SSE decoder (no RxJS per chunk). The body is
 * always decoded as UTF-8, whatever `charset` the `Content-Type` names: the SSE standard allows no other
 * encoding.
 *
 * Cold and cancellable to the end: see {@link exchange}. Retries (ky) happen only before the response
 * headers, so a retry never repeats a delivered event (the resources wrap it in `retryEarlyErrors` to
 * also retry failures after the headers but before the first event). An event whose data is empty or
 * blank (a bare `data:` ping; never an `event: error`) is a keep-alive, like a comment: it is not emitted (as `sse` or `tail`),
 * does not end `firstChunkTimeout`, and resets `idleTimeout` only when `idleTimeoutCountsKeepAlives` is
 * on. This is the one place that tells keep-alives apart; the decoders never see them.
 *
 * Errors: `APIStatusError` subclasses, `UnexpectedResponseError` (not an event stream, no body; a JSON
 * error body, read with the same bound as a status error's, gives it the server's message, `code`,
 * `type` and `param`), `APIConnectionError` (network, reset mid-body), the three timeouts,
 * `APIUserAbortError`, `SSEParseError` (`maxEventBytes`).
 *
 * @param client - the client's resolved options.
 * @param spec - method, path and JSON body.
 * @param request - resolved request options (see `resolveRequestOptions`).
 * @returns a cold Observable of {@link SSEStreamItem}.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { resolveRequestOptions } from './request-options.js';
 * import { sseRequest } from './sse-request.js';
 *
 * const { options } = createClient({ apiKey: 'sk-test' });
 * sseRequest(options, { method: 'POST', path: '/responses', body: { model: 'gpt-4o', input: 'Hi', stream: true } },
 *   resolveRequestOptions(options, {}))
 *   .subscribe((item) => item.type === 'sse' && console.log(item.event.event, item.event.data));
 * ```
 */
export function sseRequest(
  client: ResolvedClientOptions,
  spec: RequestSpec,
  request: ResolvedRequestOptions,
): Observable<SSEStreamItem> {
  return exchange<SSEStreamItem>(client, spec, request, 'text/event-stream', (ctx) =>
    readEvents(ctx, request),
  );
}

async function readEvents(
  ctx: ExchangeContext<SSEStreamItem>,
  request: ResolvedRequestOptions,
): Promise<void> {
  const { subscriber, response, reader, watchdog, context } = ctx;
  const isStream = mediaType(response.headers.get('content-type')) === 'text/event-stream';
  if (!isStream || !reader) {
    watchdog.stop();
    const problem = isStream
      ? 'Expected an event stream but the response has no body'
      : 'Expected an event stream (text/event-stream)';
    const error = await unexpectedStreamOf(problem, response, reader, context, request);
    if (subscriber.closed) return;
    throw error;
  }
  subscriber.next({ type: 'open', response: ctx.info });

  const countsKeepAlives = request.idleTimeoutCountsKeepAlives;
  let atEnd = false;
  const onEvent = (event: ServerSentEvent) => {
    // An event whose data is empty or blank (a bare `data:` ping) is a keep-alive, like a comment: it
    // neither ends the wait for the first event nor counts as activity unless keep-alives count (the
    // chunk that carried it already touched the idle timer then), and it goes no further.
    if (isKeepAlive(event)) return;
    watchdog.firstEvent();
    if (!countsKeepAlives) watchdog.touch();
    subscriber.next(atEnd ? { type: 'tail', event } : { type: 'sse', event });
  };
  const decoder = createSSEDecoder(onEvent, { maxEventBytes: request.maxEventBytes });
  let bytes = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (error) {
      if (!subscriber.closed) throw bodyReadError(error, context, bytes);
      return;
    }
    if (subscriber.closed) return;
    if (result.done) break;
    bytes += result.value.byteLength;
    if (countsKeepAlives) watchdog.touch();
    decoder.write(result.value);
    if (subscriber.closed) return;
  }
  // Two line feeds end any pending line and block, so the parser dispatches what the WHATWG algorithm
  // would drop at end of input; it is reported as a `tail` item, never as a regular event.
  atEnd = true;
  decoder.write('\n\n');
  decoder.end();
  subscriber.complete();
}

/**
 * Whether an event is a keep-alive ping: its data is empty or whitespace (a bare `data:`, or a named
 * `event: ping`). An `event: error` is never one, even with empty data: it still reports a failure.
 */
function isKeepAlive(event: ServerSentEvent): boolean {
  return event.event !== 'error' && event.data.trim() === '';
}
