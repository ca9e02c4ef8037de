// Everything about a response that is not what was asked for: a non-2xx status (its body read by ky), a 2xx
// body of the wrong kind, a redirect that is not followed. One place builds those errors.
import type { APIErrorBody, APIErrorInit } from '../errors/api-error.js';
import { describeErrorBody, errorBodyOf, textReasonOf } from '../errors/error-body.js';
import { createStatusError, type APIStatusError } from '../errors/status.js';
import { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { mediaType, readText } from './read-text.js';

/** The largest body of an unexpected 2xx response read for its error message. */
const MAX_UNEXPECTED_BODY_BYTES = 64 * 1024;
const MAX_QUOTED_MESSAGE = 500;

/**
 * The typed status error of a non-2xx response whose body ky already read (`data`: parsed JSON, text, or
 * `undefined`). An OpenAI error object gives the message, `code`, `type` and `param`; a FastAPI `detail`
 * or a short text body gives a quoted reason; anything else is described by type and size.
 */
export function statusErrorOf(response: Response, data: unknown, context: APIErrorInit): APIStatusError {
  const init = { ...context, ...responseContext(response) };
  const type = mediaType(response.headers.get('content-type'));
  const error = errorBodyOf(typeof data === 'string' ? parseObject(data) : data);
  if (error) {
    const message = typeof error.message === 'string' ? clip(error.message) : error.message;
    return createStatusError(response.status, { ...init, error: { ...error, message } });
  }
  const reason = typeof data === 'string' ? textReasonOf(data, type) : undefined;
  if (reason) return createStatusError(response.status, { ...init, error: { message: reason } });
  return createStatusError(response.status, { ...init, note: describeBody(type, data) });
}

/**
 * A 2xx response whose body is not what the request asked for (no event stream, no body). A JSON body is
 * read (bounded) for an error object, whose message is quoted.
 */
export async function unexpectedBody(
  problem: string,
  response: Response,
  context: APIErrorInit,
): Promise<UnexpectedResponseError> {
  const type = mediaType(response.headers.get('content-type'));
  let error: APIErrorBody | undefined;
  const reader = response.body?.getReader();
  if (reader && (type === 'application/json' || type?.endsWith('+json'))) {
    const body = await readText(reader, { maxBytes: MAX_UNEXPECTED_BODY_BYTES }).catch(() => undefined);
    error = body && !body.truncated ? errorBodyOf(parseObject(body.text)) : undefined;
  } else {
    void reader?.cancel().catch(() => undefined);
  }
  return unexpectedResponse(problem, response, context, error);
}

/** The `UnexpectedResponseError` for a response that is not what was asked for, quoting `error` if known. */
export function unexpectedResponse(
  problem: string,
  response: Response,
  context: APIErrorInit,
  error?: APIErrorBody,
): UnexpectedResponseError {
  const type = mediaType(response.headers.get('content-type'));
  let message = `${problem}; got HTTP ${response.status} with ${type ?? 'no content type'}`;
  if (error) message += `: ${describeErrorBody(error, MAX_QUOTED_MESSAGE)}`;
  return new UnexpectedResponseError(message, {
    ...context,
    ...responseContext(response),
    contentType: response.headers.get('content-type'),
    ...(error ? { error } : {}),
  });
}

/**
 * A redirect that is not followed: to another origin (credentials and the prompt would go along), without a
 * usable `Location`, one hop too many, or hidden by the browser (an opaque redirect).
 */
export function refusedRedirect(
  response: Response,
  targetOrigin: string | undefined,
  tooMany: boolean,
  context: APIErrorInit,
): UnexpectedResponseError {
  const problem = tooMany
    ? 'Too many redirects'
    : targetOrigin
      ? `Refused to follow a redirect to another origin (${targetOrigin}): credentials never leave the origin of baseURL`
      : response.type === 'opaqueredirect'
        ? 'The server answered with a redirect, which the browser does not let the library follow safely'
        : 'The server answered with a redirect without a usable Location header';
  return new UnexpectedResponseError(problem, {
    ...context,
    ...responseContext(response),
    contentType: response.headers.get('content-type'),
  });
}

/** Status, headers and request id of a response, for an error's context. */
export function responseContext(response: Response): APIErrorInit & { headers: Headers } {
  const { headers } = response;
  return { status: response.status, headers, requestId: headers.get('x-request-id') };
}

/** A server message as quoted in an error: at most 500 characters (a body may be megabytes). */
const clip = (text: string) =>
  text.length > MAX_QUOTED_MESSAGE
    ? `${text.slice(0, MAX_QUOTED_MESSAGE)}… (${text.length} characters)`
    : text;

function parseObject(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

function describeBody(type: string | null, data: unknown): string {
  if (data === undefined || data === '') return 'the response had no readable body';
  const size = typeof data === 'string' ? `${data.length} characters` : 'JSON';
  return `the body was ${type ?? 'no content type'} (${size}), not an OpenAI error object`;
}
