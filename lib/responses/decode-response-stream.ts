import type { APIErrorInit } from '../errors/api-error.js';
import { StreamTruncatedError } from '../errors/connection.js';
import type { EventDecoder } from '../http/sse-body.js';
import type { ServerSentEvent } from '../sse/types.js';
import { decodeResponseStreamEvent } from './decode-response-stream-event.js';
import { endingOf } from './response-stream-endings.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

/**
 * The decoder of a Responses API event stream: each event becomes a typed {@link ResponseStreamEvent}.
 * Pure: no I/O.
 *
 * - Dispatch is on the JSON `type` (the `event:` line is used only when the JSON has none); unknown types
 *   pass through as `UnknownResponseStreamEvent`s; `data: [DONE]` is ignored.
 * - `response.completed` and `response.incomplete` are delivered, then the stream ends.
 * - `response.failed` is delivered, then the stream fails with `ResponseFailedError`.
 * - An `error` event fails with `ResponseStreamError`; the events before it were delivered.
 * - Invalid JSON fails with `ChunkParseError`, a known event with bad fields with `ChunkValidationError`.
 * - The end of the body before a terminal event fails with `StreamTruncatedError` (a final event that
 *   lacks only its blank line still counts when it is complete, valid JSON).
 */
export function responseStreamDecoder(context: APIErrorInit): EventDecoder<ResponseStreamEvent> {
  let eventIndex = -1;
  let lastSequenceNumber = -1;

  const event = (sse: ServerSentEvent, emit: (event: ResponseStreamEvent) => void): boolean => {
    eventIndex++;
    if (sse.data.trim() === '[DONE]') return false;
    const decoded = decodeResponseStreamEvent(sse, eventIndex, context);
    const ending = endingOf(decoded, context);
    if (decoded.sequence_number >= 0) lastSequenceNumber = decoded.sequence_number;
    if (ending.kind === 'error') {
      if (ending.deliver) emit(decoded);
      throw ending.error;
    }
    emit(decoded);
    return ending.kind === 'complete';
  };

  const end = (tail: ServerSentEvent | undefined, emit: (event: ResponseStreamEvent) => void): void => {
    if (tail) {
      let ended = false;
      try {
        ended = event(tail, emit);
      } catch {
        // an unterminated tail that does not decode is a cut-off frame: truncation, below
      }
      if (ended) return;
    }
    const last = lastSequenceNumber >= 0 ? `after sequence_number ${lastSequenceNumber}` : 'before any event';
    const message = `The Responses stream ended early, without a terminal response.* event, ${last}`;
    throw new StreamTruncatedError(message, context);
  };

  return { event, end };
}
