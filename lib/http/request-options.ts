import { headersOf, timeoutsOf } from './options.js';
import type { HeadersOption, ResolvedClientOptions, TimeoutOptions } from './options.js';
import { checkOptions, TIMER_KINDS, type OptionKind } from './validate.js';

/**
 * Options of a single request (the second argument of `create`). Timers and retries override the
 * client's.
 *
 * @example
 * ```ts
 * import { createClient, type RequestOptions } from 'rxjs-openai-stream';
 *
 * const controller = new AbortController();
 * const options: RequestOptions = { signal: controller.signal, idleTimeout: 30_000, headers: { 'X-Trace': '1' } };
 * createClient({ apiKey: 'sk-test' }).chat.completions
 *   .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }, options)
 *   .subscribe();
 * ```
 */
export interface RequestOptions extends TimeoutOptions {
  /** Cancels the request; the Observable then fails with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Extra headers for this request; `null` removes one. */
  headers?: HeadersOption;
  /** Query parameters appended to the URL (`undefined` values are left out). */
  query?: Record<string, string | number | boolean | undefined>;
  /** `'body'` emits payloads; `'events'` emits a typed `open` event then `data` events. @defaultValue 'body' */
  observe?: 'body' | 'events';
}

/**
 * Everything a request needs, merged from the client and the request options once (at call time).
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { resolveRequestOptions } from './request-options.js';
 *
 * const resolved = resolveRequestOptions(createClient({ apiKey: 'sk-test' }).options, { maxRetries: 0 });
 * console.log(resolved.maxRetries); // 0
 * ```
 */
export interface ResolvedRequestOptions {
  readonly signal: AbortSignal | undefined;
  readonly headers: Readonly<Record<string, string | null>>;
  readonly query: Readonly<Record<string, string | number | boolean | undefined>> | undefined;
  readonly observe: 'body' | 'events';
  readonly timeout: number;
  readonly idleTimeout: number;
  readonly firstChunkTimeout: number;
  readonly idleTimeoutCountsKeepAlives: boolean;
  readonly maxRetries: number;
  readonly maxEventBytes: number | undefined;
}

const REQUEST_KINDS = {
  signal: 'signal',
  headers: 'headers',
  query: 'object',
  observe: 'observe',
  ...TIMER_KINDS,
} as const satisfies Record<keyof RequestOptions, OptionKind>;

/**
 * Validates per-request options and merges them over the client's. Throws a `TypeError` naming a bad
 * option, synchronously, before anything is sent.
 *
 * @param client - the client's resolved options.
 * @param options - the request's options.
 * @param where - the method name for error messages.
 * @param extra - options a method adds (checked here, left out of the result), e.g. Responses' `resume`.
 * @returns the frozen, merged options.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { resolveRequestOptions } from './request-options.js';
 *
 * const client = createClient({ apiKey: 'sk-test', timeout: 60_000 });
 * resolveRequestOptions(client.options, { timeout: 5_000 }).timeout; // 5000
 * ```
 */
export function resolveRequestOptions(
  client: ResolvedClientOptions,
  options: RequestOptions = {},
  where = 'create',
  extra?: Readonly<Record<string, OptionKind>>,
): ResolvedRequestOptions {
  checkOptions(where, 'request options', options, extra ? { ...REQUEST_KINDS, ...extra } : REQUEST_KINDS);
  return Object.freeze({
    signal: options.signal,
    headers: { ...client.headers, ...headersOf(options.headers) },
    query: options.query,
    observe: options.observe ?? 'body',
    ...timeoutsOf(options, client),
  });
}
