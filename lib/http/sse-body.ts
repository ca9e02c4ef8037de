import type { APIErrorInit } from '../errors/api-error.js';
import { SSEParseError } from '../errors/sse-parse-error.js';
import { createSSEDecoder } from '../sse/decoder.js';
import type { ServerSentEvent } from '../sse/types.js';
import type { BodyReader } from './request.js';
import { bodyReadError } from './safe-cause.js';
import { mediaType } from './read-text.js';
import { unexpectedBody } from './error-response.js';
import { startWatchdog } from './watchdog.js';

/**
 * Turns the events of one response into values. `event` gets every dispatched event except keep-alives
 * and returns `true` at the end marker (`data: [DONE]`); `end` gets the block left unterminated when the
 * body ended (the WHATWG parser drops it; a decoder may accept a final frame without its blank line) and
 * throws when the stream is incomplete. Both deliver through `emit` and throw typed errors.
 */
export interface EventDecoder<T> {
  event(event: ServerSentEvent, emit: (value: T) => void): boolean;
  end(tail: ServerSentEvent | undefined, emit: (value: T) => void): void;
}

/**
 * The body stage of a streamed request: reads the body with its reader, straight into the SSE decoder (no
 * RxJS per chunk), drops keep-alives (once, here), runs the idle and first-chunk timers, and hands events
 * to the API's decoder, which emits. Reading waits for `pace` when the consumer pulls (`for await`), so the
 * body is read only as fast as it is taken. The body is always UTF-8, whatever `charset` it names: SSE
 * allows no other encoding.
 */
export function readEvents<T>(decoderFor: (context: APIErrorInit) => EventDecoder<T>): BodyReader<T> {
  return async ({ response, context, request, subscriber, pace, open }) => {
    const isStream = mediaType(response.headers.get('content-type')) === 'text/event-stream';
    if (!isStream || !response.body) {
      const problem = isStream
        ? 'Expected an event stream but the response has no body'
        : 'Expected an event stream (text/event-stream)';
      throw await unexpectedBody(problem, response, context);
    }
    open();
    const reader = response.body.getReader();
    const decoder = decoderFor(context);
    const emit = (value: T) => subscriber.next({ type: 'data', data: value });
    const watchdog = startWatchdog(request, context, (error) => subscriber.error(error));
    subscriber.add(() => {
      watchdog.stop();
      void reader.cancel().catch(() => undefined);
    });
    const countsKeepAlives = request.idleTimeoutCountsKeepAlives;
    let tail: ServerSentEvent | undefined;
    let atEnd = false;
    let done = false;
    const sse = createSSEDecoder(
      (event) => {
        if (done || isKeepAlive(event)) return;
        if (atEnd) {
          tail = event;
          return;
        }
        watchdog.firstEvent();
        if (!countsKeepAlives) watchdog.touch();
        done = decoder.event(event, emit);
      },
      { maxEventBytes: request.maxEventBytes },
    );
    let bytes = 0;
    try {
      while (!done) {
        if (pace) await pace();
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (error) {
          if (subscriber.closed) return;
          throw bodyReadError(error, context, bytes);
        }
        if (subscriber.closed) return;
        if (result.done) break;
        bytes += result.value.byteLength;
        if (countsKeepAlives) watchdog.touch();
        sse.write(result.value);
      }
      if (!done) {
        // Two line feeds end a pending line and block, which the WHATWG algorithm would drop at the end of
        // input: the decoder sees it as the tail, never as a regular event.
        atEnd = true;
        sse.write('\n\n');
        sse.end();
        decoder.end(tail, emit);
      }
    } catch (error) {
      throw error instanceof SSEParseError && error.method === undefined
        ? new SSEParseError(error.message, { ...context, kind: error.kind, limit: error.limit })
        : error;
    } finally {
      watchdog.stop();
    }
  };
}

/**
 * A keep-alive ping: an event whose data is empty or whitespace (a bare `data:`, an `event: ping`). An
 * `event: error` is never one, even with empty data: it still reports a failure.
 */
function isKeepAlive(event: ServerSentEvent): boolean {
  return event.event !== 'error' && event.data.trim() === '';
}
