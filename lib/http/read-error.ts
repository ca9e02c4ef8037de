import { describeRequest, type APIErrorBody, type APIErrorInit } from '../errors/api-error.js';
import { APIConnectionError } from '../errors/connection.js';
import { describeErrorBody } from '../errors/error-body.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { mediaType } from './read-text.js';
import { describeFailure, safeCause } from './safe-cause.js';

/**
 * The body stream failed (a reset, a dropped socket): an `APIConnectionError` with a sanitized cause.
 *
 * @internal
 */
export function bodyReadError(error: unknown, context: APIErrorInit, bytes: number): APIConnectionError {
  const message = `Connection lost while reading the response body after ${bytes} bytes: ${describeFailure(error)}`;
  return new APIConnectionError(message + describeRequest(context), { ...context, cause: safeCause(error) });
}

/** The longest server message quoted in an unexpected-response message. */
const MAX_QUOTED_MESSAGE = 500;

/**
 * A 2xx response that is not what was asked for (wrong content type, or no body). When its body held an
 * OpenAI error object (`error`), the server's message is quoted and `code`/`type`/`param` are filled in.
 *
 * @internal
 */
export function unexpectedResponse(
  problem: string,
  response: Response,
  context: APIErrorInit,
  error?: APIErrorBody,
): UnexpectedResponseError {
  const contentType = response.headers.get('content-type');
  let message = `${problem}; got HTTP ${response.status} with ${mediaType(contentType) ?? 'no content type'}`;
  if (error) message += `: ${describeErrorBody(error, MAX_QUOTED_MESSAGE)}`;
  return new UnexpectedResponseError(message + describeRequest(context), {
    ...context,
    contentType,
    ...(error ? { error } : {}),
  });
}
