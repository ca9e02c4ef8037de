import type { Response } from '../responses/response-schema.js';
import { APIError, APIStreamError, type APIErrorInit } from './api-error.js';
import { guardFor, named } from './base.js';
import { APIConnectionError } from './connection.js';
import { responseErrorKind, type ResponseErrorKind } from './response-error-kind.js';

/**
 * A Responses stream ended with `response.failed`. Carries the final `response` snapshot, its
 * `responseId`, and `code`/`message` from `response.error`; `kind` says whether it was a rate limit or a
 * quota. The events before it were delivered.
 *
 * @example
 * ```ts
 * import { isResponseFailedError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isResponseFailedError(error)) console.error(error.responseId, error.code, error.response.output.length);
 * };
 * ```
 */
export class ResponseFailedError extends APIError {
  static {
    named(this, 'ResponseFailedError');
  }
  /** The `response` of the `response.failed` event (or the accumulated snapshot). */
  readonly response: Response;
  readonly responseId: string;
  readonly kind: ResponseErrorKind;

  constructor(response: Response, init: Omit<APIErrorInit, 'error'> = {}) {
    const error = {
      code: response.error?.code ?? null,
      message: response.error?.message ?? 'Response failed',
    };
    const detail = `${error.code ? `${error.code}: ` : ''}${error.message}`;
    super(`Response ${response.id} failed: ${detail}`, { ...init, error });
    this.response = response;
    this.responseId = response.id;
    this.kind = responseErrorKind(this.code);
  }
}

/**
 * An `error` event inside a Responses stream (HTTP 200), in either shape: flat (`code`, `message`,
 * `param`) or nested under `error`. `kind` says whether it was a rate limit or a quota; `sequenceNumber`
 * is the event's. The events before it were delivered.
 *
 * @example
 * ```ts
 * import { isResponseStreamError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isResponseStreamError(error) && error.kind === 'rate_limit') console.error('slow down:', error.message);
 * };
 * ```
 */
export class ResponseStreamError extends APIStreamError {
  static {
    named(this, 'ResponseStreamError');
  }
  readonly kind: ResponseErrorKind;
  readonly sequenceNumber: number;

  constructor(message: string, init: APIErrorInit & { sequenceNumber: number }) {
    super(message, init);
    this.kind = responseErrorKind(this.code);
    this.sequenceNumber = init.sequenceNumber;
  }
}

/**
 * Resuming a dropped background Responses stream gave up: `reconnectAttempts` reconnects in a row brought no new
 * event. Says how far the stream got (`responseId`, `lastSequenceNumber`); `cause` is the last failure.
 *
 * @example
 * ```ts
 * import { isResponseResumeError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isResponseResumeError(error)) console.error(`stopped at ${error.responseId}#${error.lastSequenceNumber}`);
 * };
 * ```
 */
export class ResponseResumeError extends APIConnectionError {
  static {
    named(this, 'ResponseResumeError');
  }
  readonly responseId: string;
  readonly lastSequenceNumber: number;
  /** How many reconnects in a row brought nothing new. */
  readonly reconnectAttempts: number;

  constructor(init: {
    responseId: string;
    lastSequenceNumber: number;
    reconnectAttempts: number;
    cause?: unknown;
  }) {
    super(
      `Responses stream ${init.responseId} could not be resumed after sequence_number ${init.lastSequenceNumber}: ` +
        `${init.reconnectAttempts} reconnect attempt(s) in a row brought no new event`,
      { cause: init.cause },
    );
    this.responseId = init.responseId;
    this.lastSequenceNumber = init.lastSequenceNumber;
    this.reconnectAttempts = init.reconnectAttempts;
  }
}

/**
 * True for a {@link ResponseFailedError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isResponseFailedError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isResponseFailedError(error)) console.error(error.kind, error.message);
 * };
 * ```
 */
export const isResponseFailedError = /*#__PURE__*/ guardFor(ResponseFailedError);
/**
 * True for a {@link ResponseStreamError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isResponseStreamError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isResponseStreamError(error)) console.error(error.kind, error.code);
 * };
 * ```
 */
export const isResponseStreamError = /*#__PURE__*/ guardFor(ResponseStreamError);
/**
 * True for a {@link ResponseResumeError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isResponseResumeError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isResponseResumeError(error)) console.error(error.responseId, error.lastSequenceNumber);
 * };
 * ```
 */
export const isResponseResumeError = /*#__PURE__*/ guardFor(ResponseResumeError);
