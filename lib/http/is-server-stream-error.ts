import { isAPIStreamError } from '../errors/api-error.js';
import { responseErrorKind } from '../errors/response-error-kind.js';

/**
 * Whether an error frame inside a 200 stream reports a server-side failure worth another attempt: an
 * `APIStreamError` (a chat error frame, or a Responses `error` event, which is a `ResponseStreamError`)
 * whose `code` or `type` is of kind `'server'` in `responseErrorKind`: `server_error` and the like, or a
 * value containing `internal` or `overloaded`. Rate limits, quotas and invalid requests are not.
 * `client.chat.completions` and `client.responses` both hand it to `retryEarlyErrors`, so such a frame is
 * retried like a 5xx when it comes before any chunk or event, and never after one.
 *
 * @param error - What the stream failed with.
 * @returns `true` for a server-side stream error.
 * @internal
 */
export function isServerStreamError(error: unknown): boolean {
  return (
    isAPIStreamError(error) &&
    (responseErrorKind(error.code) === 'server' || responseErrorKind(error.type) === 'server')
  );
}
