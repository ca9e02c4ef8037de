import type { AfterResponseHook, BeforeRequestHook } from 'ky';
import { isBrowserLike, readEnv } from './environment.js';
import { checkOptions, TIMER_KINDS, type OptionKind } from './validate.js';

/**
 * The OpenAI API, used when neither `baseURL` nor `OPENAI_BASE_URL` is set.
 *
 * @example
 * ```ts
 * import { createClient, DEFAULT_BASE_URL } from 'rxjs-openai-stream';
 *
 * const client = createClient({ apiKey: 'sk-test', baseURL: DEFAULT_BASE_URL });
 * ```
 */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Headers to add to every request. `null` (or `undefined`) removes a header the library would set, e.g.
 * `{ Authorization: null }` behind a proxy that adds its own.
 *
 * @example
 * ```ts
 * import type { HeadersOption } from 'rxjs-openai-stream';
 *
 * const headers: HeadersOption = { 'X-Trace': 'abc', Authorization: null };
 * ```
 */
export type HeadersOption = Record<string, string | null | undefined>;

/**
 * The timers and limits that every request can override. `0` turns a timer off.
 *
 * @example
 * ```ts
 * import type { TimeoutOptions } from 'rxjs-openai-stream';
 *
 * const patient: TimeoutOptions = { timeout: 120_000, idleTimeout: 60_000, firstChunkTimeout: 30_000 };
 * ```
 */
export interface TimeoutOptions {
  /**
   * Milliseconds to wait for the response headers, per attempt. Fails with `RequestTimeoutError`.
   * @defaultValue 600_000 (10 minutes: a non-streaming reasoning request answers only when it is done)
   */
  timeout?: number;
  /**
   * Longest gap in milliseconds between two chunks of the body (from the headers on). Fails with
   * `IdleTimeoutError`.
   * @defaultValue 300_000 (5 minutes)
   */
  idleTimeout?: number;
  /**
   * Milliseconds from the response headers to the first SSE event. Keep-alives do not count: comments
   * and events whose data is empty or blank (bare `data:` pings). Fails with `FirstChunkTimeoutError`.
   * @defaultValue 0 (off)
   */
  firstChunkTimeout?: number;
  /**
   * Whether keep-alives reset the idle timer: SSE comments (`: keep-alive`), events whose data is empty
   * or blank (bare `data:` pings) and bytes that complete no event. Set it to `false` to fail a stream
   * whose server only sends keep-alives.
   * @defaultValue true
   */
  idleTimeoutCountsKeepAlives?: boolean;
  /**
   * Retries after a connection error, a request timeout, HTTP 408, 409, 429 or >= 500, and, for streams,
   * a connection failure, idle or first-chunk timeout, empty body or `server_error` frame that comes
   * before any output. Never after the first chunk was delivered.
   * @defaultValue 2
   */
  maxRetries?: number;
  /**
   * Largest SSE event in UTF-16 code units before the stream fails with `SSEParseError`.
   * @defaultValue 16 MiB
   */
  maxEventBytes?: number;
}

/**
 * Request hooks (ky's): `beforeRequest` runs before each attempt and may return a changed `Request`;
 * `afterResponse` runs on each response and may return a replacement `Response`.
 *
 * @example
 * ```ts
 * import { createClient, type ClientHooks } from 'rxjs-openai-stream';
 *
 * declare function freshToken(): Promise<string>;
 * const hooks: ClientHooks = {
 *   beforeRequest: [async ({ request }) => request.headers.set('Authorization', `Bearer ${await freshToken()}`)],
 * };
 * const client = createClient({ baseURL: 'https://gateway.example/v1', hooks });
 * ```
 */
export interface ClientHooks {
  beforeRequest?: BeforeRequestHook[];
  afterResponse?: AfterResponseHook[];
}

/**
 * Options of {@link createClient}.
 *
 * @example
 * ```ts
 * import { createClient, type ClientOptions } from 'rxjs-openai-stream';
 *
 * const options: ClientOptions = { baseURL: 'http://localhost:11434/v1', apiKey: 'ollama', maxRetries: 0 };
 * const client = createClient(options);
 * ```
 */
export interface ClientOptions extends TimeoutOptions {
  /**
   * Sent as `Authorization: Bearer <apiKey>`; no header when unset.
   * @defaultValue `process.env.OPENAI_API_KEY` where an environment exists
   */
  apiKey?: string;
  /**
   * Root of every path (`/chat/completions` is appended). http or https; a trailing slash is fine.
   * @defaultValue `process.env.OPENAI_BASE_URL`, else `https://api.openai.com/v1`
   */
  baseURL?: string;
  /** Sent as `OpenAI-Organization`. @defaultValue `process.env.OPENAI_ORG_ID` */
  organization?: string;
  /** Sent as `OpenAI-Project`. @defaultValue `process.env.OPENAI_PROJECT_ID` */
  project?: string;
  /** Extra headers for every request. @defaultValue `{}` */
  headers?: HeadersOption;
  /**
   * The `fetch` to send requests with, called as `fetch(url, init)` (`init` holds the method, headers, body,
   * `redirect: 'manual'` and the attempt's `signal`). @defaultValue `globalThis.fetch` at call time
   */
  fetch?: typeof fetch;
  /**
   * ky's request hooks, run on every attempt: your interceptors. `beforeRequest` may change the request
   * (a freshly refreshed token, a trace header) and `afterResponse` sees each response before the library
   * reads it. This is the answer to "Angular `HttpClient` interceptors do not apply": the library talks
   * to `fetch` through ky, so interceptors go here (see `provideOpenAIStream` for hooks that `inject()`).
   * @defaultValue none
   */
  hooks?: ClientHooks;
  /**
   * Allows an `apiKey` in a browser, where every visitor could read it. Leave it off and call your own
   * backend instead (a client without `apiKey` is always allowed).
   * @defaultValue false
   */
  dangerouslyAllowBrowser?: boolean;
}

/**
 * The frozen, validated form of {@link ClientOptions} that every request reads. `apiKey` is a
 * non-enumerable property, so logging or serialising the object does not show it.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 *
 * const { options } = createClient({ apiKey: 'sk-test' });
 * console.log(options.baseURL, options.timeout); // 'https://api.openai.com/v1' 600000
 * ```
 */
export interface ResolvedClientOptions extends Required<Omit<TimeoutOptions, 'maxEventBytes'>> {
  readonly apiKey: string | undefined;
  readonly baseURL: string;
  readonly organization: string | undefined;
  readonly project: string | undefined;
  readonly headers: Readonly<Record<string, string | null>>;
  readonly fetch: typeof fetch | undefined;
  readonly hooks: Readonly<ClientHooks>;
  readonly maxEventBytes: number | undefined;
}

const CLIENT_KINDS = {
  apiKey: 'secret',
  baseURL: 'string',
  organization: 'string',
  project: 'string',
  headers: 'headers',
  fetch: 'function',
  hooks: 'hooks',
  dangerouslyAllowBrowser: 'boolean',
  ...TIMER_KINDS,
} as const satisfies Record<keyof ClientOptions, OptionKind>;

const DEFAULTS: ResolvedTimeouts = {
  timeout: 600_000,
  idleTimeout: 300_000,
  firstChunkTimeout: 0,
  idleTimeoutCountsKeepAlives: true,
  maxRetries: 2,
  maxEventBytes: undefined,
};

/** Every timer and limit, resolved (`maxEventBytes` may stay unset: the parser's default). @internal */
export type ResolvedTimeouts = Required<Omit<TimeoutOptions, 'maxEventBytes'>> & {
  maxEventBytes: number | undefined;
};

/** The checked timers and limits of `options`, each falling back to `defaults`. @internal */
export function timeoutsOf(options: TimeoutOptions, defaults: ResolvedTimeouts): ResolvedTimeouts {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(TIMER_KINDS) as (keyof TimeoutOptions)[]) {
    out[name] = options[name] ?? defaults[name];
  }
  return out as ResolvedTimeouts;
}

/** Checked headers with `undefined` turned into `null` (both remove a header). @internal */
export function headersOf(headers: HeadersOption | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = value ?? null;
  return out;
}

/**
 * Validates {@link ClientOptions}, fills in the environment and the defaults, and freezes the result. A bad
 * option throws a `TypeError` that names it (and never quotes the API key).
 *
 * @param options - what the caller passed to `createClient`.
 * @returns the resolved options.
 *
 * @example
 * ```ts
 * import { resolveClientOptions } from './options.js';
 *
 * resolveClientOptions({ timeout: -1 }); // TypeError: createClient: option "timeout" must be a non-negative finite number, got -1
 * ```
 */
export function resolveClientOptions(options: ClientOptions = {}): ResolvedClientOptions {
  const where = 'createClient';
  checkOptions(where, 'options', options, CLIENT_KINDS);
  const env = (name: string) => readEnv(name) || undefined;
  const apiKey = options.apiKey ?? env('OPENAI_API_KEY');
  if (apiKey !== undefined && !options.dangerouslyAllowBrowser && isBrowserLike()) {
    throw new TypeError(
      `${where}: refusing to use an apiKey in a browser-like environment, where every visitor can read it. ` +
        'Call your own backend instead, or pass dangerouslyAllowBrowser: true if you understand the risk.',
    );
  }
  const resolved = {
    baseURL: checkBaseURL(where, options.baseURL ?? env('OPENAI_BASE_URL') ?? DEFAULT_BASE_URL),
    organization: options.organization ?? env('OPENAI_ORG_ID'),
    project: options.project ?? env('OPENAI_PROJECT_ID'),
    headers: Object.freeze(headersOf(options.headers)),
    fetch: options.fetch,
    hooks: Object.freeze({ ...options.hooks }),
    ...timeoutsOf(options, DEFAULTS),
  };
  Object.defineProperty(resolved, 'apiKey', { value: apiKey, enumerable: false });
  return Object.freeze(resolved as ResolvedClientOptions);
}

/**
 * Checks `baseURL` and makes it absolute: a relative one resolves against the document in a browser (an
 * Angular app calling `/api/v1` on its own backend), and is a `TypeError` where there is no document. A
 * query string (Azure's `?api-version=…`) is kept for every request; credentials (`user:pass@`) are refused
 * without quoting the URL, so a password never reaches an error text.
 */
function checkBaseURL(where: string, value: string): string {
  const option = `${where}: option "baseURL" must`;
  const documentBase = (globalThis as { document?: { baseURI?: unknown } }).document?.baseURI;
  let url: URL;
  try {
    url = new URL(value, typeof documentBase === 'string' ? documentBase : undefined);
  } catch {
    throw new TypeError(`${option} be an absolute http or https URL (a relative one needs a browser page)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${option} use http or https, got "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new TypeError(`${option} not contain credentials (user:password@); pass apiKey or headers instead`);
  }
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href.replace(/\/+(?=\?|$)/, '');
}
