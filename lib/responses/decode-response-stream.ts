import { Observable, type OperatorFunction } from 'rxjs';
import { describeRequest } from '../errors/api-error.js';
import { StreamTruncatedError } from '../errors/connection.js';
import type { ServerSentEvent } from '../sse/types.js';
import type { StreamEvent } from '../http/events.js';
import { requestContext } from '../http/request-context.js';
import type { SSEStreamItem } from '../http/sse-item.js';
import { decodeResponseStreamEvent } from './decode-response-stream-event.js';
import { endingOf } from './response-stream-endings.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

/**
 * Options of {@link decodeResponseStream}: the request it decodes, named in error messages.
 *
 * @example
 * ```ts
 * import type { DecodeResponseStreamOptions } from './decode-response-stream.js';
 *
 * const options: DecodeResponseStreamOptions = { method: 'POST', path: '/responses' };
 * ```
 */
export interface DecodeResponseStreamOptions {
  method?: string;
  path?: string;
}

/**
 * Decodes a Responses API event stream into typed {@link ResponseStreamEvent}s: passes the `open` event
 * through and emits `{ type: 'data', data: event }` per event. Pure: no I/O.
 *
 * - Dispatch is on the JSON `type` (the `event:` line is optional and only used when the JSON has no
 *   `type`); unknown types pass through as `UnknownResponseStreamEvent`s; `data: [DONE]` is ignored.
 * - `response.completed` and `response.incomplete` are delivered, then the stream completes (and
 *   unsubscribes upstream, which releases the connection).
 * - `response.failed` is delivered, then the stream fails with `ResponseFailedError` (the snapshot,
 *   `code`, `message`, `kind`).
 * - An `error` event (flat or nested shape) fails with `ResponseStreamError` (`code`, `message`, `param`,
 *   `kind`); the events before it were delivered.
 * - Invalid JSON fails with `ChunkParseError`; a known event with bad fields with `ChunkValidationError`.
 * - The end of the body before a terminal event fails with `StreamTruncatedError` (a final event that
 *   lacks only its blank line still counts when it is complete, valid JSON).
 *
 * @param options - method and path for error messages.
 * @returns An operator from transport items to stream events.
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { decodeResponseStream } from './decode-response-stream.js';
 * import type { SSEStreamItem } from '../http/sse-item.js';
 *
 * const item = (data: string): SSEStreamItem => ({ type: 'sse', event: { event: 'message', id: '', data } });
 * of(item('{"type":"response.output_text.delta","sequence_number":1,"output_index":0,"delta":"Hi"}'))
 *   .pipe(decodeResponseStream())
 *   .subscribe({ next: (event) => console.log(event.type), error: (error) => console.log(error.name) });
 * // 'data', then 'StreamTruncatedError'
 * ```
 */
export function decodeResponseStream(
  options: DecodeResponseStreamOptions = {},
): OperatorFunction<SSEStreamItem, StreamEvent<ResponseStreamEvent>> {
  return (source) =>
    new Observable<StreamEvent<ResponseStreamEvent>>((subscriber) => {
      let eventIndex = -1;
      let lastSequenceNumber = -1;
      // What errors carry: built once per connection (at `open`), never per event.
      let context = requestContext(options, undefined);

      const onEvent = (sse: ServerSentEvent, tail: boolean) => {
        eventIndex++;
        // Keep-alives (blank data) never get here: sseRequest drops them.
        if (sse.data.trim() === '[DONE]') return;
        let event: ResponseStreamEvent;
        let ending: ReturnType<typeof endingOf>;
        try {
          event = decodeResponseStreamEvent(sse, eventIndex, context);
          ending = endingOf(event, context);
        } catch (error) {
          if (!tail) subscriber.error(error); // an unterminated tail is a cut-off frame: truncation follows
          return;
        }
        if (event.sequence_number >= 0) lastSequenceNumber = event.sequence_number;
        if (ending.kind === 'error') {
          if (ending.deliver) subscriber.next({ type: 'data', data: event });
          subscriber.error(ending.error);
          return;
        }
        subscriber.next({ type: 'data', data: event });
        if (ending.kind === 'complete') subscriber.complete();
      };

      return source.subscribe({
        next(item) {
          if (item.type === 'open') {
            context = requestContext(options, item.response);
            subscriber.next(item);
          } else {
            onEvent(item.event, item.type === 'tail');
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          const last =
            lastSequenceNumber >= 0 ? `after sequence_number ${lastSequenceNumber}` : 'before any event';
          const message = `The Responses stream ended early, without a terminal response.* event, ${last}`;
          subscriber.error(new StreamTruncatedError(message + describeRequest(context), context));
        },
      });
    });
}
