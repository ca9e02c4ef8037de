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
 * const init: APIErrorInit = { status: 200, method: 'POST', path: '/chat/completions', attempt: 2, maxAttempts: 3 };
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
  /** Which HTTP attempt failed (1-based); named in the message from the second on. */
  attempt?: number | undefined;
  /** How many attempts the request may make (`1 + maxRetries`). */
  maxAttempts?: number | undefined;
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
  /** The request's method and path, when the error belongs to a request. */
  readonly method: string | undefined;
  readonly path: string | undefined;
  /** Which HTTP attempt failed (1-based), and how many the request could make (`1 + maxRetries`). */
  readonly attempt: number | undefined;
  readonly maxAttempts: number | undefined;

  /**
   * @param message - what went wrong; the request it belongs to is appended from `init`:
   *   `(POST /chat/completions, request req_123, attempt 2 of 3)`.
   */
  constructor(message: string, init: APIErrorInit = {}) {
    super(message + describeRequest(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    // Configurable: redaction swaps in a copy whose echoed secrets are replaced.
    Object.defineProperty(this, 'headers', { value: init.headers, enumerable: false, configurable: true });
    this.requestId = init.requestId ?? init.headers?.get('x-request-id') ?? null;
    this.error = init.error;
    this.code = textOf(init.error?.code);
    this.type = textOf(init.error?.type);
    this.param = textOf(init.error?.param);
    this.method = init.method;
    this.path = init.path;
    this.attempt = init.attempt;
    this.maxAttempts = init.maxAttempts;
  }
}

/** A server's `code`, `type` or `param` as text: numbers are stringified, anything else is dropped. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
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

/** The suffix `(POST /chat/completions, request req_123, attempt 2 of 3)`, from what is known. */
function describeRequest(init: APIErrorInit): string {
  const parts: string[] = [];
  if (init.method && init.path) parts.push(`${init.method} ${init.path}`);
  const requestId = init.requestId ?? init.headers?.get('x-request-id');
  if (requestId) parts.push(`request ${requestId}`);
  if (init.attempt !== undefined && init.attempt > 1) {
    parts.push(`attempt ${init.attempt}${init.maxAttempts ? ` of ${init.maxAttempts}` : ''}`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}
