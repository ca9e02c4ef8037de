import type { Observable } from 'rxjs';
import type { ResponseInfo } from './events.js';
import { exchange, type ExchangeContext } from './exchange.js';
import type { ResolvedClientOptions } from './options.js';
import { mediaType, readText } from './read-text.js';
import { bodyReadError, unexpectedResponse } from './read-error.js';
import type { ResolvedRequestOptions } from './request-options.js';
import type { RequestSpec } from './send.js';

/**
 * The largest JSON body read (64 MiB, a bound against a runaway response).
 *
 * @example
 * ```ts
 * import { MAX_JSON_BODY_BYTES } from './json-request.js';
 *
 * console.log(MAX_JSON_BODY_BYTES / 2 ** 20); // 64
 * ```
 */
export const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024;

/**
 * A JSON response: its metadata and its parsed body.
 *
 * @example
 * ```ts
 * import type { JSONResponse } from './json-request.js';
 *
 * const id = (result: JSONResponse) => result.response.requestId;
 * ```
 */
export interface JSONResponse {
  response: ResponseInfo;
  body: unknown;
}

/**
 * Sends a request that answers with JSON and emits `{ response, body }` once, then completes. Same
 * lifecycle, retries and errors as {@link sseRequest}; a body that is not JSON (or is an event stream)
 * fails with `UnexpectedResponseError` naming its content type. Decoded as UTF-8 (as JSON requires).
 *
 * @param client - the client's resolved options.
 * @param spec - method, path and JSON body.
 * @param request - resolved request options.
 * @returns a cold Observable that emits once.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { jsonRequest } from './json-request.js';
 * import { resolveRequestOptions } from './request-options.js';
 *
 * const { options } = createClient({ apiKey: 'sk-test' });
 * jsonRequest(options, { method: 'GET', path: '/models' }, resolveRequestOptions(options, {}))
 *   .subscribe(({ body }) => console.log(body));
 * ```
 */
export function jsonRequest(
  client: ResolvedClientOptions,
  spec: RequestSpec,
  request: ResolvedRequestOptions,
): Observable<JSONResponse> {
  return exchange<JSONResponse>(client, spec, request, 'application/json', readJSON);
}

async function readJSON(ctx: ExchangeContext<JSONResponse>): Promise<void> {
  const { subscriber, response, reader, watchdog, context } = ctx;
  if (mediaType(response.headers.get('content-type')) === 'text/event-stream') {
    throw unexpectedResponse('Expected JSON but got an event stream', response, context);
  }
  if (!reader) throw unexpectedResponse('Expected a JSON body but the response has none', response, context);
  let result: Awaited<ReturnType<typeof readText>>;
  let received = 0;
  try {
    result = await readText(reader, {
      maxBytes: MAX_JSON_BODY_BYTES,
      onChunk: (bytes) => {
        received += bytes;
        watchdog.touch();
        watchdog.firstEvent();
      },
    });
  } catch (error) {
    if (!subscriber.closed) throw bodyReadError(error, context, received);
    return;
  }
  if (subscriber.closed) return;
  watchdog.stop();
  let body: unknown;
  try {
    if (result.truncated) throw new RangeError('too large');
    body = JSON.parse(result.text);
  } catch {
    const what = result.truncated
      ? `larger than ${MAX_JSON_BODY_BYTES} bytes`
      : `not valid JSON (${result.bytes} bytes)`;
    throw unexpectedResponse(`The response body is ${what}`, response, context);
  }
  subscriber.next({ response: ctx.info, body });
  subscriber.complete();
}
