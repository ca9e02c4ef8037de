import ky, { isHTTPError, isTimeoutError, type Input, type KyInstance } from 'ky';
import { APIConnectionError, RequestTimeoutError } from '../errors/connection.js';
import type { APIErrorInit } from '../errors/api-error.js';
import { statusErrorOf, refusedRedirect } from './error-response.js';
import type { ResolvedClientOptions } from './options.js';
import type { ResolvedRequestOptions } from './request-options.js';
import { describeFailure, platformTimeoutOf, safeCause } from './safe-cause.js';

/** What one request sends: method, path under `baseURL`, the JSON body already serialised, and `Accept`. */
export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path under `baseURL`, starting with `/`. */
  readonly path: string;
  /** The JSON body, serialised once when the request was created (so a bad one throws at call time). */
  readonly body?: string | undefined;
  readonly accept: 'text/event-stream' | 'application/json';
  /** Extra query parameters of this request (Responses resume sends `starting_after`). */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** Which attempt this is: 1-based, out of `1 + maxRetries`. Named in error messages from the second on. */
export interface AttemptNumber {
  readonly attempt: number;
  readonly maxAttempts: number;
}

const MAX_REDIRECTS = 5;

/** The ky instance of one client and whether the user gave hooks, made once per client (see `senderOf`). */
interface Sender {
  readonly ky: KyInstance;
  /** A hook can see (and change) the `Request` ky builds: it must then carry the headers and the body. */
  readonly hooked: boolean;
}

const senders = new WeakMap<ResolvedClientOptions, Sender>();

/**
 * One ky instance per client, with what never changes between its requests (the user's hooks, `retry: 0`,
 * manual redirects), so that a request merges only its own options. ky 2 still normalises its options and
 * builds a `Request` per call; the instance saves the merge of the client's part.
 */
function senderOf(client: ResolvedClientOptions): Sender {
  let sender = senders.get(client);
  if (!sender) {
    const { beforeRequest, afterResponse } = client.hooks;
    sender = {
      ky: ky.create({ hooks: client.hooks, retry: 0, redirect: 'manual' }),
      hooked: Boolean(beforeRequest?.length || afterResponse?.length),
    };
    senders.set(client, sender);
  }
  return sender;
}

/**
 * Makes one HTTP attempt through ky and resolves with a 2xx response, or rejects with a typed error: a
 * status error (ky read the error body, bounded), `RequestTimeoutError` (no headers within `timeout`),
 * `APIConnectionError`. ky builds the request (URL, query) and runs the user's hooks; its `retry` is 0
 * because the one retry policy of a request lives in `retry.ts`: ky cannot see a stream body, and a
 * failure before the first chunk is retried as well.
 *
 * `fetch` is called as `fetch(url, init)` with the body as a string. Handed a `Request` with a body
 * instead, fetch copies that body through a `TransformStream` (about 70 µs and 14 KB per request). So
 * the `Request` ky builds carries the headers and the body only when the client has hooks, which see
 * and may change it; then fetch gets that `Request`, as the hooks left it.
 *
 * Redirects are followed by hand and only within the origin of `baseURL`: fetch would carry `api-key` (and
 * the prompt, on 307/308) to any origin a server names.
 */
export async function sendAttempt(
  client: ResolvedClientOptions,
  spec: RequestSpec,
  request: ResolvedRequestOptions,
  number: AttemptNumber,
  signal: AbortSignal,
  credentials?: Set<string>,
): Promise<Response> {
  const context: APIErrorInit = { method: spec.method, path: spec.path, ...number };
  const { ky: send, hooked } = senderOf(client);
  let url = urlOf(client.baseURL, spec.path);
  let method: string = spec.method;
  let body = spec.body;
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    const headers = headersOf(client, request, spec.accept, body !== undefined);
    // The attempt's own signal goes to fetch itself, not through ky: ky would compose it with its own (an
    // `AbortSignal.any` per request) and hand it to fetch inside a `Request`, whose signal follows its
    // parent only weakly (a collected one loses the abort).
    const init: RequestInit = { method, headers, body, redirect: 'manual', signal };
    try {
      response = await send(url, {
        method,
        searchParams: request.query || spec.query ? { ...request.query, ...spec.query } : undefined,
        timeout: request.timeout > 0 ? request.timeout : false,
        ...(hooked
          ? { headers, body, fetch: hookedFetch(client.fetch, signal, credentials) }
          : { fetch: (input: Input) => (client.fetch ?? globalThis.fetch)((input as Request).url, init) }),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      if (isHTTPError(error) && isRedirect(error.response.status)) {
        const next = redirectTarget(url, error.response, context, redirects);
        url = next;
        if (error.response.status === 303 || (error.response.status < 307 && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      throw await attemptError(error, request, context);
    }
    return response;
  }
}

/** The `fetch` ky calls when hooks ran: it sends the `Request` as the hooks left it, with the attempt's signal. */
function hookedFetch(
  userFetch: typeof fetch | undefined,
  signal: AbortSignal,
  credentials: Set<string> | undefined,
): typeof fetch {
  return userFetch
    ? async (input, init) => userFetch(...(await urlAndInit(record(input, credentials), { ...init, signal })))
    : (input, init) => globalThis.fetch(record(input, credentials), { ...init, signal });
}

/** `baseURL` + `path`, keeping a query string of `baseURL` (Azure's `?api-version=`) after the path; ky adds
 * the request's own query parameters to it. */
export function urlOf(baseURL: string, path: string): string {
  const query = baseURL.indexOf('?');
  return query === -1 ? baseURL + path : baseURL.slice(0, query) + path + baseURL.slice(query);
}

function headersOf(
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

/**
 * A user's `fetch` is called with `(url, init)`, the form every fetch accepts and most wrappers expect: the
 * `Request` ky builds is unreadable to another fetch implementation (undici's own `fetch`, used with an
 * `Agent` of longer timeouts, fails with "Failed to parse URL from [object Request]").
 */
async function urlAndInit(input: RequestInfo | URL, init: RequestInit): Promise<[string, RequestInit]> {
  if (!(input instanceof Request)) return [String(input), init];
  const { url, method, headers, redirect } = input;
  const body = input.body ? await input.text() : undefined;
  return [url, { method, headers, body, redirect, ...init }];
}

/** Notes the credentials a request really carries (after the hooks), for redaction; returns it as it is. */
function record<I>(input: I, credentials: Set<string> | undefined): I {
  if (credentials && input instanceof Request) {
    for (const name of ['authorization', 'api-key', 'x-api-key']) {
      const value = input.headers
        .get(name)
        ?.replace(/^(?:bearer|basic|token)\s+/i, '')
        .trim();
      if (value && value.length >= 8) credentials.add(value);
    }
  }
  return input;
}

const isRedirect = (status: number) => status >= 300 && status < 400 && status !== 304;

/** The next URL of a same-origin redirect, or throws: another origin, no Location, or too many hops. */
function redirectTarget(current: string, response: Response, context: APIErrorInit, hops: number): string {
  void response.body?.cancel().catch(() => undefined);
  const location = response.headers.get('location');
  let target: URL | undefined;
  try {
    target = location ? new URL(location, current) : undefined;
  } catch {
    target = undefined;
  }
  if (!target || target.origin !== new URL(current).origin || hops >= MAX_REDIRECTS) {
    throw refusedRedirect(response, target?.origin, hops >= MAX_REDIRECTS, context);
  }
  return target.href;
}

async function attemptError(error: unknown, request: ResolvedRequestOptions, context: APIErrorInit) {
  if (isHTTPError(error)) {
    // A browser hides a manual redirect's target: the response is an opaque one with status 0.
    if (error.response.type === 'opaqueredirect')
      return refusedRedirect(error.response, undefined, false, context);
    return statusErrorOf(error.response, error.data, context);
  }
  if (isTimeoutError(error)) {
    const message = `Request timed out: no response headers within ${request.timeout} ms`;
    return new RequestTimeoutError(message, { ...context, timeout: 'request', ms: request.timeout });
  }
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const platform = platformTimeoutOf(cause);
  if (platform === 'headers') {
    const message =
      'Request timed out: the platform fetch gave up waiting for response headers (undici headersTimeout, ' +
      '300 s by default) before the library timeout; pass a `fetch` with a longer dispatcher timeout';
    return new RequestTimeoutError(message, { ...context, timeout: 'request', ms: request.timeout });
  }
  const message = `Connection error: ${describeFailure(cause)}`;
  return new APIConnectionError(message, { ...context, cause: safeCause(cause) });
}
