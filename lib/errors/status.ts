import { APIError, describeRequest, type APIErrorInit } from './api-error.js';
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

/** HTTP 400. @example `import { BadRequestError } from 'rxjs-openai-stream';` */
export class BadRequestError extends APIStatusError {
  static {
    named(this, 'BadRequestError');
  }
}
/** HTTP 401: the API key is missing or wrong. @example `import { AuthenticationError } from 'rxjs-openai-stream';` */
export class AuthenticationError extends APIStatusError {
  static {
    named(this, 'AuthenticationError');
  }
}
/** HTTP 403. @example `import { PermissionDeniedError } from 'rxjs-openai-stream';` */
export class PermissionDeniedError extends APIStatusError {
  static {
    named(this, 'PermissionDeniedError');
  }
}
/** HTTP 404: unknown model or path. @example `import { NotFoundError } from 'rxjs-openai-stream';` */
export class NotFoundError extends APIStatusError {
  static {
    named(this, 'NotFoundError');
  }
}
/** HTTP 409. @example `import { ConflictError } from 'rxjs-openai-stream';` */
export class ConflictError extends APIStatusError {
  static {
    named(this, 'ConflictError');
  }
}
/** HTTP 422. @example `import { UnprocessableEntityError } from 'rxjs-openai-stream';` */
export class UnprocessableEntityError extends APIStatusError {
  static {
    named(this, 'UnprocessableEntityError');
  }
}
/** HTTP 429: rate limit or quota. @example `import { RateLimitError } from 'rxjs-openai-stream';` */
export class RateLimitError extends APIStatusError {
  static {
    named(this, 'RateLimitError');
  }
}
/** HTTP 500 and above. @example `import { InternalServerError } from 'rxjs-openai-stream';` */
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
  return new Ctor(`${status} ${detail}${describeRequest(init)}`, { ...init, status });
}

function statusText(status: number): string {
  if (status === 429) return 'Rate limit reached';
  if (status >= 500) return 'Server error';
  return 'Request failed';
}

/** True for an {@link APIStatusError} (or subclass), also from another bundle of this library. */
export const isAPIStatusError = /*#__PURE__*/ guardFor(APIStatusError);
/** True for a {@link RateLimitError}. */
export const isRateLimitError = /*#__PURE__*/ guardFor(RateLimitError);
/** True for an {@link AuthenticationError}. */
export const isAuthenticationError = /*#__PURE__*/ guardFor(AuthenticationError);
