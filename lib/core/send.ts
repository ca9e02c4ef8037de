import ky, { isKyError, isNetworkError, isTimeoutError } from 'ky';
import { describeRequest } from '../errors/api-error.js';
import { APIConnectionError, RequestTimeoutError } from '../errors/connection.js';
import type { ResolvedClientOptions } from './options.js';
import type { ResolvedRequestOptions } from './request-options.js';
import { backoffMs, isRetryableStatus, retryAfterMs } from './retry-policy.js';
import { describeFailure, safeCause } from './safe-cause.js';

/**
 * What to send: method, path under `baseURL`, JSON body and query.
 *
 * @example
 * ```ts
 * import type { RequestSpec } from './send.js';
 *
 * const spec: RequestSpec = { method: 'POST', path: '/chat/completions', body: { model: 'gpt-4o', messages: [] } };
 * ```
 */
export interface RequestSpec {
  method: string;
  /** Path under `baseURL`, starting with `/`. */
  path: string;
  /** Sent as JSON when defined. */
  body?: unknown;
  /** Attempts an outer retry already made, so that attempt counts stay right. @defaultValue 0 */
  previousAttempts?: number;
}

/** The final response of {@link send} and how many attempts it took (outer attempts included). @internal */
export interface SendResult {
  response: Response;
  attempts: number;
}

/**
 * Sends a request through ky with the library's retry policy: connection errors, request timeouts and
 * retryable statuses are retried up to `maxRetries` times, honouring `retry-after-ms`, `retry-after` and
 * `x-should-retry`; the final response is returned whatever its status. ky owns the retries (limit,
 * waits, abort); the fetch it calls only tells a retryable status apart, so no response is cloned. Rejects with an
 * `APIConnectionError` (or `RequestTimeoutError`) whose cause is a sanitized copy, never ky's error.
 *
 * @internal
 */
export async function send(
  client: ResolvedClientOptions,
  spec: RequestSpec,
  request: ResolvedRequestOptions,
  accept: string,
  signal: AbortSignal,
): Promise<SendResult> {
  let attempts = spec.previousAttempts ?? 0;
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const retries = Math.max(0, request.maxRetries);
  let tries = 0;
  /** The wait the latest retryable response asked for (`retry-after-ms` / `retry-after`), if any. */
  let requestedDelay: number | undefined;
  // The status check lives in the fetch ky calls, not in an `afterResponse` hook: ky clones every
  // response it hands to such a hook, which tees the body of every successful stream for nothing.
  const classifyingFetch: typeof fetch = async (input, init) => {
    attempts++;
    tries++;
    requestedDelay = undefined;
    const response = await (client.fetch ?? globalThis.fetch)(input, init);
    if (response.ok || tries > retries || !isRetryableStatus(response.status, response.headers))
      return response;
    requestedDelay = retryAfterMs(response.headers);
    void response.body?.cancel().catch(() => undefined);
    throw new RetryableStatus(response.status);
  };
  try {
    const response = await ky(client.baseURL + spec.path, {
      method: spec.method,
      headers: buildHeaders(client, request, accept, spec.body !== undefined),
      body,
      searchParams: request.query,
      signal,
      fetch: classifyingFetch,
      timeout: request.timeout === 0 ? false : request.timeout,
      throwHttpErrors: false,
      retry: {
        limit: retries,
        methods: [spec.method.toLowerCase()],
        statusCodes: [],
        afterStatusCodes: [],
        retryOnTimeout: true,
        delay: (attempt) => requestedDelay ?? backoffMs(attempt),
        shouldRetry: ({ error }) =>
          error instanceof RetryableStatus || isNetworkError(error) || isTimeoutError(error),
      },
    });
    return { response, attempts };
  } catch (error) {
    throw signal.aborted ? error : toConnectionError(error, spec, request, attempts);
  }
}

/** Thrown by the fetch ky calls for a retryable status while retries are left: ky retries on it. */
class RetryableStatus extends Error {
  constructor(readonly status: number) {
    super(`Retryable status ${status}`);
    this.name = 'RetryableStatus';
  }
}

function toConnectionError(
  error: unknown,
  spec: RequestSpec,
  request: ResolvedRequestOptions,
  attempts: number,
) {
  const context = { method: spec.method, path: spec.path, attempts };
  if (isTimeoutError(error)) {
    const message = `Request timed out: no response headers within ${request.timeout} ms`;
    return new RequestTimeoutError(message + describeRequest(context), {
      ...context,
      timeout: 'request',
      ms: request.timeout,
    });
  }
  const raw = isKyError(error) ? (error as { cause?: unknown }).cause : error;
  const message = `Connection error: ${describeFailure(raw)}`;
  return new APIConnectionError(message + describeRequest(context), { ...context, cause: safeCause(raw) });
}

function buildHeaders(
  client: ResolvedClientOptions,
  request: ResolvedRequestOptions,
  accept: string,
  hasBody: boolean,
): Headers {
  const headers = new Headers({ Accept: accept });
  if (hasBody) headers.set('Content-Type', 'application/json');
  if (client.apiKey) headers.set('Authorization', `Bearer ${client.apiKey}`);
  if (client.organization) headers.set('OpenAI-Organization', client.organization);
  if (client.project) headers.set('OpenAI-Project', client.project);
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return headers;
}
