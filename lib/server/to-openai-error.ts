import { isAPIError } from '../errors/api-error.js';
import type { APIErrorBody } from '../errors/api-error.js';
import { isAPIConnectionError, isAPIConnectionTimeoutError } from '../errors/connection.js';
import { isAPIStatusError } from '../errors/status.js';
import { RelayError } from './relay-error.js';
import { StreamStoreError } from './stream-store-errors.js';

/**
 * An error as the relay sends it to a browser: an HTTP status, the OpenAI error object and a few headers.
 *
 * @example
 * ```ts
 * import type { OpenAIErrorReply } from 'rxjs-openai-stream/server';
 *
 * const reply: OpenAIErrorReply = { status: 429, error: { message: 'Slow down', type: 'requests', code: null, param: null }, headers: { 'retry-after': '1' } };
 * ```
 */
export interface OpenAIErrorReply {
  status: number;
  error: APIErrorBody;
  headers: Record<string, string>;
}

const STORE_STATUS: Record<string, number> = {
  stream_not_found: 404,
  stream_owner_lost: 502,
  stream_store_full: 503,
};
const PASSED_HEADERS = ['retry-after', 'retry-after-ms'];

/**
 * Turns whatever a relayed request failed with into what the browser gets, so that its client raises the
 * same typed error class: an upstream HTTP error keeps its status and its server's `message`, `type`,
 * `code` and `param` (and `retry-after`); a {@link RelayError} is sent as it is. Everything else gets a
 * fixed message that names no URL, host or key: connection failures 502 `upstream_connection_error`,
 * timeouts 504 `upstream_timeout`, other failures 502 `upstream_error`. An upstream 401 (the server's own
 * key was refused) becomes 502 `upstream_authentication_failed`, since the browser's credentials are not
 * at fault. `secrets` (the server's key) are replaced by `[redacted]` wherever they occur.
 *
 * @param error - what the upstream request or the relay failed with.
 * @param secrets - strings never to send (the relay passes the client's `apiKey`).
 * @returns the status, the OpenAI error object and headers.
 *
 * @example
 * ```ts
 * import { createStatusError } from 'rxjs-openai-stream';
 * import { toOpenAIError } from 'rxjs-openai-stream/server';
 *
 * const reply = toOpenAIError(createStatusError(429, { headers: new Headers({ 'retry-after': '2' }), error: { message: 'Slow down', code: 'rate_limit_exceeded' } }));
 * console.log(reply.status, reply.error.code, reply.headers['retry-after']); // 429 'rate_limit_exceeded' '2'
 * ```
 */
export function toOpenAIError(error: unknown, secrets: readonly string[] = []): OpenAIErrorReply {
  const reply = replyFor(error);
  const redact = (text: string): string =>
    secrets.reduce((out, secret) => (secret ? out.split(secret).join('[redacted]') : out), text);
  const body = reply.error;
  if (typeof body.message === 'string') body.message = redact(body.message);
  return reply;
}

function replyFor(error: unknown): OpenAIErrorReply {
  if (error instanceof RelayError) {
    return { status: error.status, error: error.body, headers: { ...error.headers } };
  }
  if (error instanceof StreamStoreError) {
    const status = STORE_STATUS[error.code] ?? 500;
    return fixed(status, error.code, error.message, status >= 500 ? 'server_error' : 'invalid_request_error');
  }
  if (isAPIStatusError(error) && error.status !== 401) {
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = error.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { status: error.status, error: upstreamBody(error.error, error.status), headers };
  }
  if (isAPIStatusError(error)) {
    return fixed(502, 'upstream_authentication_failed', 'The relay could not authenticate upstream.');
  }
  if (isAPIConnectionTimeoutError(error))
    return fixed(504, 'upstream_timeout', 'The upstream API timed out.');
  if (isAPIConnectionError(error)) {
    return fixed(502, 'upstream_connection_error', 'The connection to the upstream API failed.');
  }
  if (isAPIError(error) && error.error)
    return { status: 502, error: upstreamBody(error.error, 502), headers: {} };
  return fixed(502, 'upstream_error', 'The upstream request failed.');
}

function upstreamBody(body: APIErrorBody | undefined, status: number): APIErrorBody {
  const message =
    typeof body?.message === 'string' && body.message ? body.message : `Upstream error ${status}`;
  return {
    message,
    type: body?.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
    code: body?.code ?? null,
    param: body?.param ?? null,
  };
}

function fixed(status: number, code: string, message: string, type = 'server_error'): OpenAIErrorReply {
  return { status, error: { message, type, code, param: null }, headers: {} };
}
