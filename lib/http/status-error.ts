// Loaded on the first error response or unexpected body, through error-details.ts (kept out of the
// initial bundle).
import type { APIErrorBody, APIErrorInit } from '../errors/api-error.js';
import { errorBodyOf } from '../errors/error-body.js';
import { createStatusError, type APIStatusError } from '../errors/status.js';
import type { UnexpectedResponseError } from '../errors/unexpected-response-error.js';
import { mediaType, readText, type ReadTextResult } from './read-text.js';
import { unexpectedResponse } from './read-error.js';

export { retryAfterMs } from './retry-policy.js';

/**
 * The most of an error body we read (64 KiB): enough for any OpenAI error object, not a whole HTML page.
 *
 * @example
 * ```ts
 * import { MAX_ERROR_BODY_BYTES } from './status-error.js';
 *
 * console.log(MAX_ERROR_BODY_BYTES / 1024); // 64
 * ```
 */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** What {@link readErrorBody} found: the OpenAI error object, if any, and what was read. @internal */
interface ReadErrorBody {
  error: APIErrorBody | undefined;
  /** `undefined` when the connection broke while reading. */
  body: ReadTextResult | undefined;
}

/**
 * Reads at most 64 KiB of a body for at most `deadlineMs` and finds the OpenAI error object in it. Never
 * throws: a broken connection gives `{ error: undefined, body: undefined }`.
 *
 * @internal
 */
async function readErrorBody(
  reader: ReadableStreamDefaultReader<Uint8Array> | null | undefined,
  deadlineMs: number,
): Promise<ReadErrorBody> {
  let body: ReadTextResult | undefined;
  if (reader) {
    try {
      body = await readText(reader, { maxBytes: MAX_ERROR_BODY_BYTES, deadlineMs });
    } catch {
      body = undefined; // the connection broke while reading the error body
    }
  }
  const parsed = body && !body.truncated ? tryParse(body.text) : undefined;
  return { error: errorBodyOf(parsed), body };
}

/**
 * Turns a non-2xx response into the matching `APIStatusError`, reading its body with
 * {@link readErrorBody}. A body that is not an OpenAI error object (an HTML 502 page, a truncated or
 * empty body) is described by its content type and size, never quoted.
 *
 * @internal
 */
export async function statusError(
  response: Response,
  context: APIErrorInit & { headers: Headers },
  deadlineMs: number,
): Promise<APIStatusError> {
  const contentType = response.headers.get('content-type');
  const { error, body } = await readErrorBody(response.body?.getReader(), deadlineMs);
  if (error) return createStatusError(response.status, { ...context, error });
  return createStatusError(response.status, { ...context, note: describeBody(contentType, body) });
}

function tryParse(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

function describeBody(
  contentType: string | null,
  body: { bytes: number; truncated: boolean } | undefined,
): string {
  if (!body || body.bytes === 0) return 'the response had no body';
  const type = mediaType(contentType) ?? 'no content type';
  const size = body.truncated ? `over ${body.bytes} bytes` : `${body.bytes} bytes`;
  return `the body was ${type} (${size}), not an OpenAI error object`;
}

/**
 * The error for a response that is not the event stream asked for (another content type, or no body).
 * When it is JSON, the OpenAI error object in it is read (capped, within `deadlineMs`) and quoted.
 *
 * @internal
 */
export async function unexpectedEventStream(
  problem: string,
  response: Response,
  reader: ReadableStreamDefaultReader<Uint8Array> | null,
  context: APIErrorInit,
  deadlineMs: number,
): Promise<UnexpectedResponseError> {
  const type = mediaType(response.headers.get('content-type'));
  const isJSON = type === 'application/json' || type?.endsWith('+json') === true;
  const error = isJSON && reader ? (await readErrorBody(reader, deadlineMs)).error : undefined;
  return unexpectedResponse(problem, response, context, error);
}
