import type { APIErrorInit } from '../errors/api-error.js';
import { unexpectedBody, unexpectedResponse } from './error-response.js';
import { mediaType, readText } from './read-text.js';
import type { BodyReader } from './request.js';
import { bodyReadError } from './safe-cause.js';
import { startWatchdog } from './watchdog.js';

/** The largest JSON body read (64 MiB): a larger one fails with `UnexpectedResponseError`. */
export const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The body stage of a request answered with one JSON document (a non-streamed completion, a retrieved
 * response): reads it (bounded, under the idle timer), parses it and hands it to `decode`, which returns
 * the typed value or throws a typed error.
 */
export function readJSON<T>(decode: (body: unknown, context: APIErrorInit) => T): BodyReader<T> {
  return async ({ response, context, request, subscriber, open }) => {
    if (mediaType(response.headers.get('content-type')) === 'text/event-stream') {
      throw await unexpectedBody('Expected JSON but got an event stream', response, context);
    }
    if (!response.body)
      throw await unexpectedBody('Expected a JSON body but the response has none', response, context);
    open();
    const reader = response.body.getReader();
    const watchdog = startWatchdog(request, context, (error) => subscriber.error(error));
    subscriber.add(() => {
      watchdog.stop();
      void reader.cancel().catch(() => undefined);
    });
    let received = 0;
    let result: Awaited<ReturnType<typeof readText>>;
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
      if (subscriber.closed) return;
      throw bodyReadError(error, context, received);
    } finally {
      watchdog.stop();
    }
    if (subscriber.closed) return;
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
    subscriber.next({ type: 'data', data: decode(body, context) });
  };
}
