import { APIError } from './api-error.js';
import { guardFor, named } from './base.js';

/**
 * The connection failed or broke: DNS or TCP failure, a reset mid-stream, or a body that ended before the
 * stream was complete (see {@link StreamTruncatedError}). Whatever was delivered before stays delivered.
 *
 * @example
 * ```ts
 * import { isAPIConnectionError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIConnectionError(error)) console.error('network trouble:', error.message);
 * };
 * ```
 */
export class APIConnectionError extends APIError {
  static {
    named(this, 'APIConnectionError');
  }
}

/**
 * The response body ended before the stream's terminal event (`data: [DONE]` for chat, a terminal
 * `response.*` event for the Responses API) and the content was not known to be complete.
 *
 * @example
 * ```ts
 * import { isStreamTruncatedError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => isStreamTruncatedError(error) && console.error(error.message);
 * ```
 */
export class StreamTruncatedError extends APIConnectionError {
  static {
    named(this, 'StreamTruncatedError');
  }
}

/**
 * Which timer fired: until response headers (`request`), between two chunks (`idle`), or until the
 * first event (`firstChunk`).
 *
 * @example
 * ```ts
 * import { isAPIConnectionTimeoutError, type TimeoutKind } from 'rxjs-openai-stream';
 *
 * const kindOf = (error: unknown): TimeoutKind | undefined =>
 *   isAPIConnectionTimeoutError(error) ? error.timeout : undefined;
 * ```
 */
export type TimeoutKind = 'request' | 'idle' | 'firstChunk';

/**
 * A timeout fired. `timeout` names which one, `ms` is its length; the subclasses
 * {@link RequestTimeoutError}, {@link IdleTimeoutError} and {@link FirstChunkTimeoutError} say the same
 * with `instanceof`.
 *
 * @example
 * ```ts
 * import { isAPIConnectionTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIConnectionTimeoutError(error)) console.error(`${error.timeout} timeout after ${error.ms} ms`);
 * };
 * ```
 */
export class APIConnectionTimeoutError extends APIConnectionError {
  static {
    named(this, 'APIConnectionTimeoutError');
  }
  readonly timeout: TimeoutKind;
  readonly ms: number;

  constructor(
    message: string,
    init: ConstructorParameters<typeof APIError>[1] & { timeout: TimeoutKind; ms: number },
  ) {
    super(message, init);
    this.timeout = init.timeout;
    this.ms = init.ms;
  }
}

/**
 * No response headers within `timeout` (per attempt; retried like a connection error).
 *
 * @example
 * ```ts
 * import { RequestTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof RequestTimeoutError) console.error(`no headers within ${error.ms} ms`);
 * };
 * ```
 */
export class RequestTimeoutError extends APIConnectionTimeoutError {
  static {
    named(this, 'RequestTimeoutError');
  }
}
/**
 * No bytes for longer than `idleTimeout` once the body started (keep-alives count unless
 * `idleTimeoutCountsKeepAlives` is `false`).
 *
 * @example
 * ```ts
 * import { IdleTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof IdleTimeoutError) console.error(`the stream went quiet for ${error.ms} ms`);
 * };
 * ```
 */
export class IdleTimeoutError extends APIConnectionTimeoutError {
  static {
    named(this, 'IdleTimeoutError');
  }
}
/**
 * No SSE event within `firstChunkTimeout` of the response headers (keep-alives do not count).
 *
 * @example
 * ```ts
 * import { FirstChunkTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof FirstChunkTimeoutError) console.error(`no first event within ${error.ms} ms`);
 * };
 * ```
 */
export class FirstChunkTimeoutError extends APIConnectionTimeoutError {
  static {
    named(this, 'FirstChunkTimeoutError');
  }
}

/**
 * The request was cancelled through an external `AbortSignal` (`requestOptions.signal`). Unsubscribing
 * never raises this: an unsubscribed Observable delivers nothing more.
 *
 * @example
 * ```ts
 * import { isAPIUserAbortError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => isAPIUserAbortError(error) && console.log('cancelled');
 * ```
 */
export class APIUserAbortError extends APIError {
  static {
    named(this, 'APIUserAbortError');
  }
}

/**
 * True for an {@link APIConnectionError} (or subclass), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isAPIConnectionError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIConnectionError(error)) console.error('network trouble:', error.message);
 * };
 * ```
 */
export const isAPIConnectionError = /*#__PURE__*/ guardFor(APIConnectionError);

/**
 * True for a {@link StreamTruncatedError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isStreamTruncatedError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isStreamTruncatedError(error)) console.error('cut off:', error.message);
 * };
 * ```
 */
export const isStreamTruncatedError = /*#__PURE__*/ guardFor(StreamTruncatedError);

/**
 * True for an {@link APIConnectionTimeoutError} (or subclass), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isAPIConnectionTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIConnectionTimeoutError(error)) console.error(`${error.timeout} timeout after ${error.ms} ms`);
 * };
 * ```
 */
export const isAPIConnectionTimeoutError = /*#__PURE__*/ guardFor(APIConnectionTimeoutError);

/**
 * True for a {@link RequestTimeoutError} (no response headers within `timeout`), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isRequestTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isRequestTimeoutError(error)) console.error(`no headers within ${error.ms} ms`);
 * };
 * ```
 */
export const isRequestTimeoutError = /*#__PURE__*/ guardFor(RequestTimeoutError);

/**
 * True for an {@link IdleTimeoutError} (the body went quiet for `idleTimeout`), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isIdleTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isIdleTimeoutError(error)) console.error(`quiet for ${error.ms} ms`);
 * };
 * ```
 */
export const isIdleTimeoutError = /*#__PURE__*/ guardFor(IdleTimeoutError);

/**
 * True for a {@link FirstChunkTimeoutError} (no event within `firstChunkTimeout`), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isFirstChunkTimeoutError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isFirstChunkTimeoutError(error)) console.error(`no first event within ${error.ms} ms`);
 * };
 * ```
 */
export const isFirstChunkTimeoutError = /*#__PURE__*/ guardFor(FirstChunkTimeoutError);

/**
 * True for an {@link APIUserAbortError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isAPIUserAbortError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIUserAbortError(error)) console.log('cancelled');
 * };
 * ```
 */
export const isAPIUserAbortError = /*#__PURE__*/ guardFor(APIUserAbortError);
