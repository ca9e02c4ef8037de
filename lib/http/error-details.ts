// The code that interprets a response that is not what was asked for (a non-2xx status, or no event
// stream): reading its body within a deadline and a size cap, finding the OpenAI error object in it, the
// typed error classes (RateLimitError, UnexpectedResponseError...) and the Retry-After reader. Only
// failures need it, so it loads with import() on the first of them; the server has answered by then, so
// the network is up. Should the load still fail (a stale deploy whose chunks are gone), the error is a
// plain APIError that keeps the status, headers and request id, and retries use the usual backoff.
import { APIError, describeRequest, type APIErrorInit } from '../errors/api-error.js';
import { describeFailure } from './safe-cause.js';
import type * as StatusError from './status-error.js';

/** Longest wait for the body of an error response before giving up on reading it. */
const ERROR_BODY_DEADLINE_MS = 10_000;

/**
 * How long to read an error body: the idle timeout, capped at 10 s (a stalled error body must not hold
 * the error back for minutes).
 *
 * @internal
 */
function errorBodyDeadline(request: { idleTimeout: number }): number {
  return Math.min(request.idleTimeout || Infinity, ERROR_BODY_DEADLINE_MS);
}

type Details = typeof StatusError;
const loadDetails = (): Promise<Details> => import('./status-error.js');

async function withDetails(
  what: string,
  response: Response,
  context: APIErrorInit,
  load: () => Promise<Details>,
  use: (details: Details) => Promise<APIError>,
): Promise<APIError> {
  let details: Details;
  try {
    details = await load();
  } catch (error) {
    // The body is released by the request's teardown, which aborts it.
    const message = `${what}; the code that reads error responses did not load (${describeFailure(error)})`;
    return new APIError(message + describeRequest(context), { ...context, status: response.status });
  }
  return use(details);
}

/**
 * The typed error of a non-2xx response (`RateLimitError` for a 429...), with the server's error object
 * when its body has one. `load` is replaceable for tests.
 *
 * @internal
 */
export function statusErrorOf(
  response: Response,
  context: APIErrorInit & { headers: Headers },
  request: { idleTimeout: number },
  load = loadDetails,
): Promise<APIError> {
  return withDetails(`HTTP ${response.status}`, response, context, load, (details) =>
    details.statusError(response, context, errorBodyDeadline(request)),
  );
}

/**
 * The `UnexpectedResponseError` of a response that should have been an event stream, quoting the OpenAI
 * error object of a JSON body. `load` is replaceable for tests.
 *
 * @internal
 */
export function unexpectedStreamOf(
  problem: string,
  response: Response,
  reader: ReadableStreamDefaultReader<Uint8Array> | null,
  context: APIErrorInit,
  request: { idleTimeout: number },
  load = loadDetails,
): Promise<APIError> {
  return withDetails(`${problem}; got HTTP ${response.status}`, response, context, load, (details) =>
    details.unexpectedEventStream(problem, response, reader, context, errorBodyDeadline(request)),
  );
}

/**
 * How long the server asks to wait before a retry (`retry-after-ms`, `Retry-After`), read by the code that
 * loads with the first error response; `undefined` (so the usual backoff) when there is no such header or
 * that code cannot load. `load` is replaceable for tests.
 *
 * @internal
 */
export function retryAfterOf(headers: Headers, load = loadDetails): Promise<number | undefined> {
  return load().then(
    (details) => details.retryAfterMs(headers),
    () => undefined,
  );
}
