import { guardFor, named, OpenAIStreamError } from './base.js';

/**
 * What the server said about an error, as OpenAI shapes it (`{ error: { message, type, param, code } }`).
 *
 * @example
 * ```ts
 * import { isAPIError, type APIErrorBody } from 'rxjs-openai-stream';
 *
 * const bodyOf = (error: unknown): APIErrorBody | undefined => (isAPIError(error) ? error.error : undefined);
 * ```
 */
export interface APIErrorBody {
  message?: string;
  type?: string | null;
  param?: string | null;
  code?: string | number | null;
  [key: string]: unknown;
}

/**
 * Context attached to every {@link APIError}: the second argument of its constructor.
 *
 * @example
 * ```ts
 * import { APIError, type APIErrorInit } from 'rxjs-openai-stream';
 *
 * const init: APIErrorInit = { status: 200, method: 'POST', path: '/chat/completions', attempts: 2 };
 * const error = new APIError('The stream failed', init);
 * ```
 */
export interface APIErrorInit {
  status?: number | undefined;
  headers?: Headers | undefined;
  requestId?: string | null | undefined;
  error?: APIErrorBody | undefined;
  method?: string | undefined;
  path?: string | undefined;
  /** How many HTTP attempts were made (retries included); named in the message when more than 1. */
  attempts?: number | undefined;
  cause?: unknown;
}

/**
 * Base class of every failure of a request to an OpenAI-compatible API: HTTP status errors, connection
 * failures and timeouts, and error frames inside a 200 stream. Carries the response's `status`,
 * `headers` and `requestId` when there was a response, and `code`, `type`, `param` from its error body.
 *
 * @example
 * ```ts
 * import { createClient, isAPIError } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 })
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *   .subscribe({ error: (error) => isAPIError(error) && console.error(error.name, error.message) });
 * ```
 */
export class APIError extends OpenAIStreamError {
  static {
    named(this, 'APIError');
  }

  /** HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** Response headers, when there was a response. Never serialised by `toJSON`. */
  declare readonly headers: Headers | undefined;
  /** The `x-request-id` response header, to quote to support. */
  readonly requestId: string | null;
  /** The parsed error object from the body (`body.error`), when there was one. */
  readonly error: APIErrorBody | undefined;
  readonly code: string | null;
  readonly type: string | null;
  readonly param: string | null;
  /** How many HTTP attempts were made before this error (retries included), when known. */
  readonly attempts: number | undefined;

  constructor(message: string, init: APIErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    Object.defineProperty(this, 'headers', { value: init.headers, enumerable: false });
    this.requestId = init.requestId ?? init.headers?.get('x-request-id') ?? null;
    this.error = init.error;
    this.code = init.error?.code == null ? null : String(init.error.code);
    this.type = init.error?.type ?? null;
    this.param = init.error?.param ?? null;
    this.attempts = init.attempts;
  }
}

/**
 * An error frame inside a successful (HTTP 200) stream: `data: {"error": {...}}` or `event: error`. The
 * chunks before it were delivered.
 *
 * @example
 * ```ts
 * import { isAPIStreamError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIStreamError(error)) console.error(`server failed mid-stream: ${error.code} ${error.message}`);
 * };
 * ```
 */
export class APIStreamError extends APIError {
  static {
    named(this, 'APIStreamError');
  }
}

/**
 * True for an {@link APIError} (or subclass), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isAPIError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIError(error)) console.error(error.name, error.status, error.requestId);
 * };
 * ```
 */
export const isAPIError = /*#__PURE__*/ guardFor(APIError);
/**
 * True for an {@link APIStreamError} (an error frame inside a 200 stream), also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isAPIStreamError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isAPIStreamError(error)) console.error(error.code, error.message);
 * };
 * ```
 */
export const isAPIStreamError = /*#__PURE__*/ guardFor(APIStreamError);

/**
 * The suffix `(POST /chat/completions, request req_123, after 3 attempts)` of error messages, from
 * whatever context is known (empty when nothing is).
 *
 * @example
 * ```ts
 * import { describeRequest } from './api-error.js';
 *
 * describeRequest({ method: 'POST', path: '/chat/completions', attempts: 3 }); // ' (POST /chat/completions, after 3 attempts)'
 * ```
 */
export function describeRequest(
  init: Pick<APIErrorInit, 'method' | 'path' | 'requestId' | 'headers' | 'attempts'>,
): string {
  const parts: string[] = [];
  if (init.method && init.path) parts.push(`${init.method} ${init.path}`);
  const requestId = init.requestId ?? init.headers?.get('x-request-id');
  if (requestId) parts.push(`request ${requestId}`);
  if (init.attempts !== undefined && init.attempts > 1) parts.push(`after ${init.attempts} attempts`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
