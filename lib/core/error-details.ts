// Reading and interpreting the body of an error response (status-error.ts, read-text.ts) is code that
// only failures need. It loads with import() on the first error response, so the initial bundle of an
// app stays lean; by then the server has answered, so the network is up. Should the load still fail,
// the error keeps its typed class (RateLimitError for a 429...) and only lacks the body's details.
import type { APIErrorBody, APIErrorInit } from '../errors/api-error.js';
import { createStatusError, type APIStatusError } from '../errors/status.js';
import { describeFailure } from './safe-cause.js';

/** Longest wait for the body of an error response before giving up on reading it. */
const ERROR_BODY_DEADLINE_MS = 10_000;

/**
 * How long to read an error body: the idle timeout, capped at 10 s (a stalled error body must not hold
 * the error back for minutes).
 *
 * @internal
 */
export function errorBodyDeadline(request: { idleTimeout: number }): number {
  return Math.min(request.idleTimeout || Infinity, ERROR_BODY_DEADLINE_MS);
}

const loadDetails = () => import('./status-error.js');

/**
 * The typed error of a non-2xx response, with the server's error object when its body has one.
 * `load` is replaceable for tests.
 *
 * @internal
 */
export async function statusErrorOf(
  response: Response,
  context: APIErrorInit & { headers: Headers },
  request: { idleTimeout: number },
  load = loadDetails,
): Promise<APIStatusError> {
  let details: Awaited<ReturnType<typeof loadDetails>>;
  try {
    details = await load();
  } catch (error) {
    void response.body?.cancel().catch(() => undefined);
    const note = `its body was not read (${describeFailure(error)})`;
    return createStatusError(response.status, { ...context, note });
  }
  return details.statusError(response, context, errorBodyDeadline(request));
}

/**
 * The OpenAI error object in a JSON body that came where an event stream was expected, if there is one.
 *
 * @internal
 */
export async function errorObjectOf(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  request: { idleTimeout: number },
): Promise<APIErrorBody | undefined> {
  try {
    return (await (await loadDetails()).readErrorBody(reader, errorBodyDeadline(request))).error;
  } catch {
    return undefined;
  }
}
