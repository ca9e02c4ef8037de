import type { APIErrorInit } from '../errors/api-error.js';
import { APIConnectionError, IdleTimeoutError } from '../errors/connection.js';

/**
 * Copies what is useful about a low-level error (name, message, `code`, and the same of up to two nested
 * causes) into a plain `Error`. Errors from fetch implementations and from ky can hold the request, its
 * options and its headers (with `Authorization`); the copy holds none of that.
 *
 * @internal
 */
export function safeCause(error: unknown, depth = 0): Error | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const source = error as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const inner = depth < 2 ? safeCause(source.cause, depth + 1) : undefined;
  const copy = new Error(
    typeof source.message === 'string' ? source.message : 'unknown error',
    inner ? { cause: inner } : undefined,
  );
  if (typeof source.name === 'string') copy.name = source.name;
  if (typeof source.code === 'string') (copy as Error & { code?: string }).code = source.code;
  return copy;
}

/**
 * A short description of a low-level failure: its message and the first `code` down its cause chain, or
 * else the root cause's message, e.g. `fetch failed (ECONNREFUSED)`.
 *
 * @internal
 */
export function describeFailure(error: unknown): string {
  const message = messageOf(error) ?? 'unknown error';
  let code: unknown;
  let root = error as { code?: unknown; cause?: unknown } | null;
  for (let depth = 0; typeof root === 'object' && root !== null; depth++) {
    if (typeof code !== 'string') code = root.code;
    if (depth === 4 || !root.cause) break;
    root = root.cause as typeof root;
  }
  const detail = typeof code === 'string' ? code : root !== error ? messageOf(root) : undefined;
  return detail && detail !== message ? `${message} (${detail.slice(0, 200)})` : message;
}

function messageOf(error: unknown): string | undefined {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/**
 * Which of the platform fetch's own limits ended a request, if any: Node's fetch (undici) gives up after
 * 300 s without headers or between two body chunks, whatever the library's timeouts say. Recognised by the
 * error codes undici puts on the cause chain.
 */
export function platformTimeoutOf(error: unknown): 'headers' | 'body' | undefined {
  let current = error as { code?: unknown; cause?: unknown } | null;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (current.code === 'UND_ERR_HEADERS_TIMEOUT') return 'headers';
    if (current.code === 'UND_ERR_BODY_TIMEOUT') return 'body';
    current = current.cause as typeof current;
  }
  return undefined;
}

/**
 * The error for a body that broke off while being read: `IdleTimeoutError` when the platform's own body
 * timeout ended it (see {@link platformTimeoutOf}), else an `APIConnectionError` saying how far it got.
 */
export function bodyReadError(error: unknown, context: APIErrorInit, bytes: number): APIConnectionError {
  if (platformTimeoutOf(error) === 'body') {
    const message =
      'No data for longer than the platform fetch allows (undici bodyTimeout, 300 s by default) before the ' +
      'library idleTimeout; pass a `fetch` with a longer dispatcher timeout';
    return new IdleTimeoutError(message, { ...context, timeout: 'idle', ms: 0, cause: safeCause(error) });
  }
  const message = `Connection lost while reading the response body after ${bytes} bytes: ${describeFailure(error)}`;
  return new APIConnectionError(message, { ...context, cause: safeCause(error) });
}
