import { APIError, type APIErrorInit } from './api-error.js';
import { guardFor, named } from './base.js';

/**
 * A non-2xx HTTP response. `status`, `headers`, `requestId` and the parsed `error` body (with `code`,
 * `type`, `param`) are always filled in. Subclasses name the common statuses; use
 * {@link createStatusError} to get the right one for a status.
 *
 * @example
 * ```ts
 * import { isAPIStatusError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIStatusError(error)) console.error(error.status, error.code, error.requestId);
 * };
 * ```
 */
export class APIStatusError extends APIError {
  static {
    named(this, 'APIStatusError');
  }
  declare readonly status: number;
  declare readonly headers: Headers;
}

/**
 * HTTP 400: the request is invalid (a bad parameter, a context that is too long).
 *
 * @example
 * ```ts
 * import { BadRequestError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof BadRequestError) console.error('invalid request:', error.param, error.message);
 * };
 * ```
 */
export class BadRequestError extends APIStatusError {
  static {
    named(this, 'BadRequestError');
  }
}
/**
 * HTTP 401: the API key is missing or wrong.
 *
 * @example
 * ```ts
 * import { AuthenticationError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof AuthenticationError) console.error('check OPENAI_API_KEY:', error.code);
 * };
 * ```
 */
export class AuthenticationError extends APIStatusError {
  static {
    named(this, 'AuthenticationError');
  }
}
/**
 * HTTP 403: the key may not use this model, project or region.
 *
 * @example
 * ```ts
 * import { PermissionDeniedError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof PermissionDeniedError) console.error('not allowed:', error.message);
 * };
 * ```
 */
export class PermissionDeniedError extends APIStatusError {
  static {
    named(this, 'PermissionDeniedError');
  }
}
/**
 * HTTP 404: unknown model or path.
 *
 * @example
 * ```ts
 * import { NotFoundError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof NotFoundError) console.error('unknown model or path:', error.message);
 * };
 * ```
 */
export class NotFoundError extends APIStatusError {
  static {
    named(this, 'NotFoundError');
  }
}
/**
 * HTTP 409: the resource is in a conflicting state (retried by default).
 *
 * @example
 * ```ts
 * import { ConflictError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof ConflictError) console.error('conflict after', error.attempt, 'attempts');
 * };
 * ```
 */
export class ConflictError extends APIStatusError {
  static {
    named(this, 'ConflictError');
  }
}
/**
 * HTTP 422: the request is well-formed but cannot be processed.
 *
 * @example
 * ```ts
 * import { UnprocessableEntityError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof UnprocessableEntityError) console.error(error.param, error.message);
 * };
 * ```
 */
export class UnprocessableEntityError extends APIStatusError {
  static {
    named(this, 'UnprocessableEntityError');
  }
}
/**
 * HTTP 429: rate limit or quota (`code` tells `rate_limit_exceeded` from `insufficient_quota`).
 *
 * @example
 * ```ts
 * import { RateLimitError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof RateLimitError) console.error(error.code, error.headers.get('retry-after'));
 * };
 * ```
 */
export class RateLimitError extends APIStatusError {
  static {
    named(this, 'RateLimitError');
  }
}
/**
 * HTTP 500 and above, once the retries ran out.
 *
 * @example
 * ```ts
 * import { InternalServerError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (error instanceof InternalServerError) console.error(error.status, 'after', error.attempt, 'attempts');
 * };
 * ```
 */
export class InternalServerError extends APIStatusError {
  static {
    named(this, 'InternalServerError');
  }
}

const BY_STATUS: Record<number, typeof APIStatusError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/**
 * Makes the {@link APIStatusError} subclass that fits `status`, with the message
 * `429 Rate limit reached (POST /chat/completions, request req_123)`.
 *
 * @example
 * ```ts
 * import { createStatusError, RateLimitError } from 'rxjs-openai-stream';
 *
 * const error = createStatusError(429, { headers: new Headers(), error: { message: 'Slow down' } });
 * console.log(error instanceof RateLimitError, error.message); // true '429 Slow down'
 * ```
 */
export function createStatusError(
  status: number,
  init: APIErrorInit & { headers: Headers; note?: string | undefined },
): APIStatusError {
  const Ctor = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIStatusError);
  const detail = init.error?.message || statusText(status) + (init.note ? `; ${init.note}` : '');
  return new Ctor(`${status} ${detail}`, { ...init, status });
}

function statusText(status: number): string {
  if (status === 429) return 'Rate limit reached';
  if (status >= 500) return 'Server error';
  return 'Request failed';
}

/**
 * True for an {@link APIStatusError} (or subclass), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isAPIStatusError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIStatusError(error)) console.error(error.status, error.code, error.requestId);
 * };
 * ```
 */
export const isAPIStatusError = /*#__PURE__*/ guardFor(APIStatusError);

/**
 * True for a {@link BadRequestError} (HTTP 400), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isBadRequestError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isBadRequestError(error)) console.error(error.param, error.message);
 * };
 * ```
 */
export const isBadRequestError = /*#__PURE__*/ guardFor(BadRequestError);

/**
 * True for an {@link AuthenticationError} (HTTP 401), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isAuthenticationError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAuthenticationError(error)) console.error('check the API key');
 * };
 * ```
 */
export const isAuthenticationError = /*#__PURE__*/ guardFor(AuthenticationError);

/**
 * True for a {@link PermissionDeniedError} (HTTP 403), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isPermissionDeniedError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isPermissionDeniedError(error)) console.error(error.message);
 * };
 * ```
 */
export const isPermissionDeniedError = /*#__PURE__*/ guardFor(PermissionDeniedError);

/**
 * True for a {@link NotFoundError} (HTTP 404), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isNotFoundError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isNotFoundError(error)) console.error(error.message);
 * };
 * ```
 */
export const isNotFoundError = /*#__PURE__*/ guardFor(NotFoundError);

/**
 * True for a {@link ConflictError} (HTTP 409), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isConflictError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isConflictError(error)) console.error(error.attempt);
 * };
 * ```
 */
export const isConflictError = /*#__PURE__*/ guardFor(ConflictError);

/**
 * True for an {@link UnprocessableEntityError} (HTTP 422), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isUnprocessableEntityError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isUnprocessableEntityError(error)) console.error(error.param, error.message);
 * };
 * ```
 */
export const isUnprocessableEntityError = /*#__PURE__*/ guardFor(UnprocessableEntityError);

/**
 * True for a {@link RateLimitError} (HTTP 429), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isRateLimitError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isRateLimitError(error)) console.error(error.code, error.headers.get('retry-after'));
 * };
 * ```
 */
export const isRateLimitError = /*#__PURE__*/ guardFor(RateLimitError);

/**
 * True for an {@link InternalServerError} (HTTP >= 500), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isInternalServerError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isInternalServerError(error)) console.error(error.status, error.requestId);
 * };
 * ```
 */
export const isInternalServerError = /*#__PURE__*/ guardFor(InternalServerError);
