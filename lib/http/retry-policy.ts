import { APIError, APIStreamError } from '../errors/api-error.js';
import { APIConnectionError, APIUserAbortError } from '../errors/connection.js';
import { responseErrorKind } from '../errors/response-error-kind.js';
import { APIStatusError } from '../errors/status.js';
// When and how long to wait before a retry. Pure: the transport feeds it statuses and headers.

const RETRYABLE_STATUSES = new Set([408, 409, 429]);
/**
 * The longest server-requested wait we honour, in ms (60 s): a longer `retry-after` is capped to it.
 *
 * @example
 * ```ts
 * import { MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-policy.js';
 *
 * retryAfterMs(new Headers({ 'retry-after': '3600' })) === MAX_RETRY_AFTER_MS; // true
 * ```
 */
export const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/**
 * Whether a response status is worth another attempt: 408, 409, 429 and >= 500, unless the server says
 * otherwise with `x-should-retry: true|false`.
 *
 * @example
 * ```ts
 * import { isRetryableStatus } from './retry-policy.js';
 *
 * isRetryableStatus(503, new Headers()); // true
 * isRetryableStatus(400, new Headers({ 'x-should-retry': 'true' })); // true
 * ```
 */
export function isRetryableStatus(status: number, headers: Headers): boolean {
  return shouldRetryHint(headers) ?? (RETRYABLE_STATUSES.has(status) || status >= 500);
}

/**
 * What the server's `x-should-retry` header says: `true` or `false` (case and surrounding spaces
 * ignored), else `undefined` (no header, or any other value), leaving the decision to the caller.
 *
 * @param headers - the response headers.
 * @returns the server's hint, if it gave one.
 *
 * @example
 * ```ts
 * import { shouldRetryHint } from './retry-policy.js';
 *
 * shouldRetryHint(new Headers({ 'x-should-retry': ' False' })); // false
 * shouldRetryHint(new Headers()); // undefined
 * ```
 */
export function shouldRetryHint(headers: Headers): boolean | undefined {
  const hint = headers.get('x-should-retry')?.trim().toLowerCase();
  return hint === 'true' ? true : hint === 'false' ? false : undefined;
}

/**
 * The wait the server asked for: `retry-after-ms`, else `retry-after` (seconds or an HTTP date), capped
 * at 60 s; `undefined` when neither header holds a usable value.
 *
 * @example
 * ```ts
 * import { retryAfterMs } from './retry-policy.js';
 *
 * retryAfterMs(new Headers({ 'retry-after': '2' })); // 2000
 * ```
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_AFTER_MS);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

/**
 * Exponential backoff with jitter for the `retry`-th retry (1-based): 0.5 s, 1 s, 2 s ... up to 8 s, each
 * shortened by up to 25 % at random so that many clients do not retry in step.
 *
 * @example
 * ```ts
 * import { backoffMs } from './retry-policy.js';
 *
 * backoffMs(1, () => 0); // 500
 * ```
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, retry - 1), MAX_BACKOFF_MS);
  return Math.round(base * (1 - 0.25 * random()));
}

/**
 * The one retry decision of the library, for any error of an attempt that delivered nothing yet: how long
 * to wait before the next attempt, or `undefined` for no retry.
 *
 * - a status error: 408, 409, 429 and >= 500 (or what `x-should-retry` says), after `retry-after-ms` /
 *   `retry-after` when the server gave one;
 * - a connection error, a timeout or a truncated stream, unless the response said `x-should-retry: false`;
 * - an error frame from the server side (`server_error`, `internal…`, `overloaded…`: see
 *   {@link isServerErrorFrame}) as the first event of a 200 stream, unless `x-should-retry: false`.
 *
 * Everything else (a bad request, an invalid chunk, an abort) is final.
 *
 * @param error - what the attempt failed with.
 * @param attempt - the attempt that failed (1-based): the backoff grows with it.
 */
export function retryDelay(error: unknown, attempt: number): number | undefined {
  if (error instanceof APIUserAbortError || !(error instanceof APIError)) return undefined;
  const headers = error.headers;
  if (error instanceof APIStatusError) {
    if (!isRetryableStatus(error.status, error.headers)) return undefined;
    return retryAfterMs(error.headers) ?? backoffMs(attempt);
  }
  const retryable = error instanceof APIConnectionError || isServerErrorFrame(error);
  if (!retryable || (headers && shouldRetryHint(headers) === false)) return undefined;
  return backoffMs(attempt);
}

/**
 * Whether an error frame inside a 200 stream comes from the server side, and so may succeed when sent
 * again: its `code` or `type` is `server_error` (or starts with `server`), or names `internal` or
 * `overloaded`. The same rule holds for a chat error frame and a Responses `error` event.
 */
export function isServerErrorFrame(error: unknown): boolean {
  return (
    error instanceof APIStreamError &&
    (responseErrorKind(error.code) === 'server' || responseErrorKind(error.type) === 'server')
  );
}
