import ky, { isKyError, isNetworkError, isTimeoutError } from 'ky';
import { describeRequest } from '../errors/api-error.js';
import { APIConnectionError, RequestTimeoutError } from '../errors/connection.js';
import type { ResolvedClientOptions } from './options.js';
import type { ResolvedRequestOptions } from './request-options.js';
import { retryAfterOf } from './error-details.js';
import { backoffMs, isRetryableStatus } from './retry-policy.js';
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
 * `x-should-retry`; the final response is returned whatever its status. ky owns the retries (limit and
 * waits); each attempt's fetch has its own abort and header timeout (see fetchWithTimeout) and tells a
 * retryable status apart, so no response is cloned. Rejects with an
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
  const attemptFetch: typeof fetch = async (input, init) => {
    attempts++;
    tries++;
    requestedDelay = undefined;
    const response = await fetchWithTimeout(
      client.fetch ?? globalThis.fetch,
      input,
      init,
      signal,
      request.timeout,
    );
    if (response.ok || tries > retries || !isRetryableStatus(response.status, response.headers))
      return response;
    void response.body?.cancel().catch(() => undefined);
    requestedDelay = await retryAfterOf(response.headers);
    throw new RetryableStatus(response.status);
  };
  try {
    const response = await ky(client.baseURL + spec.path, {
      method: spec.method,
      headers: buildHeaders(client, request, accept, spec.body !== undefined),
      body,
      searchParams: request.query,
      signal,
      fetch: attemptFetch,
      timeout: false, // per attempt, in fetchWithTimeout
      throwHttpErrors: false,
      retry: {
        limit: retries,
        methods: [spec.method.toLowerCase()],
        statusCodes: [],
        afterStatusCodes: [],
        retryOnTimeout: true,
        delay: (attempt) => requestedDelay ?? backoffMs(attempt),
        shouldRetry: ({ error }) =>
          error instanceof RetryableStatus ||
          error instanceof AttemptTimeout ||
          isNetworkError(error) ||
          isTimeoutError(error),
      },
    });
    return { response, attempts };
  } catch (error) {
    throw signal.aborted ? error : toConnectionError(error, spec, request, attempts);
  }
}

/**
 * One attempt of the fetch, with its own AbortController held here, aborted by the subscription's
 * `signal`, by ky's signal, or after `timeoutMs` without response headers. ky would abort a timed-out
 * attempt through the signal of a cloned Request, which follows its parent only weakly: after a garbage
 * collection that abort can be lost, and the stalled socket stayed open.
 */
async function fetchWithTimeout(
  fetchFn: typeof fetch,
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Response> {
  const attempt = new AbortController();
  const abort = () => attempt.abort();
  const kySignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  for (const source of [signal, kySignal]) {
    if (source?.aborted) abort();
    else source?.addEventListener('abort', abort, { once: true });
  }
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          abort();
        }, timeoutMs)
      : undefined;
  try {
    return await fetchFn(input, { ...init, signal: attempt.signal });
  } catch (error) {
    throw timedOut && !signal.aborted ? new AttemptTimeout() : error;
  } finally {
    clearTimeout(timer);
  }
}

/** Thrown when an attempt got no response headers within `timeout`: ky retries on it. */
class AttemptTimeout extends Error {
  constructor() {
    super('Attempt timed out');
    this.name = 'AttemptTimeout';
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
  if (error instanceof AttemptTimeout || isTimeoutError(error)) {
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
