/**
 * Reads an environment variable where an environment exists (Node, Deno, Bun), through a `globalThis`
 * guard so browsers and workers never touch `process`.
 *
 * @internal
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * True where a page's globals exist (`window` and `document`): a browser main thread, or a test that
 * simulates one.
 *
 * @internal
 */
export function isBrowserLike(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window !== 'undefined' && typeof scope.document !== 'undefined';
}
