import type { APIErrorInit } from '../errors/api-error.js';
import { ResponseFailedError, ResponseStreamError } from '../errors/responses.js';
import type { ResponseStreamEvent, ResponseStreamEventOf } from './stream-event-schema.js';

type Context = APIErrorInit;

/**
 * What an event means for the end of its stream: go on, complete after it, or fail (after delivering
 * it when `deliver`).
 *
 * @internal
 */
export type Ending =
  { kind: 'continue' } | { kind: 'complete' } | { kind: 'error'; error: Error; deliver: boolean };

const CONTINUE: Ending = { kind: 'continue' };
const COMPLETE: Ending = { kind: 'complete' };

/**
 * The ending rule of the Responses API: `response.completed` and `response.incomplete` complete the
 * stream, `response.failed` fails it with a `ResponseFailedError` (after delivering the event), an
 * `error` event fails it with a `ResponseStreamError` (the event itself is not delivered).
 *
 * @internal
 */
export function endingOf(event: ResponseStreamEvent, context: Context = {}): Ending {
  switch (event.type) {
    case 'response.completed':
    case 'response.incomplete':
      return COMPLETE;
    case 'response.failed':
      return { kind: 'error', error: new ResponseFailedError(event.response, context), deliver: true };
    case 'error':
      return { kind: 'error', error: streamErrorOf(event, context), deliver: false };
    default:
      return CONTINUE;
  }
}

/** The `ResponseStreamError` for an `error` event, from its flat or its nested shape. */
function streamErrorOf(event: ResponseStreamEventOf<'error'>, context: Context = {}): ResponseStreamError {
  const nested = event.error ?? {};
  const code = event.code ?? nested.code ?? null;
  const body = {
    type: nested.type ?? null,
    code: code === null ? null : String(code),
    message: event.message ?? nested.message ?? 'Unknown error',
    param: event.param ?? nested.param ?? null,
  };
  const detail = `${body.code ? `${body.code}: ` : ''}${body.message}`;
  return new ResponseStreamError(`Responses stream error: ${detail}`, {
    ...context,
    error: body,
    sequenceNumber: event.sequence_number,
  });
}
