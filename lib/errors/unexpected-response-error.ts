// Its own module: only the code that interprets error responses (loaded on first use) constructs it.
import { APIError, type APIErrorInit } from './api-error.js';
import { guardFor, named } from './base.js';

/**
 * A 2xx response whose body is not what was asked for: not `text/event-stream` for a stream (an HTML page
 * from a proxy, a JSON body), a non-streaming body that is not JSON, or no body at all. `contentType`
 * names what came. (A `charset` in the `Content-Type` is never a reason: bodies are always decoded as
 * UTF-8.)
 *
 * @example
 * ```ts
 * import { isUnexpectedResponseError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => isUnexpectedResponseError(error) && console.error(error.contentType);
 * ```
 */
export class UnexpectedResponseError extends APIError {
  static {
    named(this, 'UnexpectedResponseError');
  }
  readonly contentType: string | null;

  constructor(message: string, init: APIErrorInit & { contentType: string | null }) {
    super(message, init);
    this.contentType = init.contentType;
  }
}

/**
 * True for an {@link UnexpectedResponseError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isUnexpectedResponseError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isUnexpectedResponseError(error)) console.error(error.status, error.contentType);
 * };
 * ```
 */
export const isUnexpectedResponseError = /*#__PURE__*/ guardFor(UnexpectedResponseError);
