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
