import type { ResolvedClientOptions } from './options.js';

/**
 * What replaces every occurrence of a secret.
 *
 * @example
 * ```ts
 * import { REDACTED, redactText } from './redact-secrets.js';
 *
 * redactText('key sk-abcdefgh', ['sk-abcdefgh']) === `key ${REDACTED}`; // true
 * ```
 */
export const REDACTED = '[redacted]';

/**
 * Credentials sniffed from headers shorter than this are not redacted: a short header value may be no
 * secret at all, and replacing it everywhere would garble every message. The configured `apiKey` is
 * always redacted, whatever its length (a short key is still the user's key).
 */
const MIN_HEADER_SECRET_LENGTH = 8;
/** How deep {@link redactError} follows `cause` links and nested plain data. */
const MAX_DEPTH = 8;
const SECRET_HEADERS = new Set(['authorization', 'api-key', 'x-api-key']);

/**
 * The secrets a request sends, to keep out of its errors: the client's `apiKey` and the credential of an
 * `Authorization` (or `api-key`, `x-api-key`) header set in the options. The `apiKey` counts whatever its
 * length; a header credential only from 8 characters on.
 *
 * @param client - the client's resolved options (their `apiKey`).
 * @param headers - the request's resolved headers (client headers included).
 * @returns the distinct secrets, longest first.
 *
 * @internal
 */
export function secretsOf(
  client: Pick<ResolvedClientOptions, 'apiKey'>,
  headers: Readonly<Record<string, string | null>> = {},
): string[] {
  const found = new Set<string>();
  if (client.apiKey) found.add(client.apiKey);
  for (const [name, value] of Object.entries(headers)) {
    if (!value || !SECRET_HEADERS.has(name.toLowerCase())) continue;
    const credential = value.trim().replace(/^(?:bearer|basic|token)\s+/i, '');
    if (credential.length >= MIN_HEADER_SECRET_LENGTH) found.add(credential);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** Secrets at least this long are replaced wherever they occur; shorter ones only as whole tokens. */
const MIN_SUBSTRING_SECRET_LENGTH = 8;
const TOKEN_CHAR = /[A-Za-z0-9_-]/;

/**
 * Replaces every occurrence of every secret in `text` with `[redacted]`. A short secret (a placeholder key
 * such as `'ollama'` or `'x'`) is replaced only where it stands as a whole token, so that it does not
 * garble ordinary words (`exchange.ts`) in messages and stack traces.
 *
 * @internal
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!out.includes(secret)) continue;
    out =
      secret.length >= MIN_SUBSTRING_SECRET_LENGTH
        ? out.split(secret).join(REDACTED)
        : redactTokens(out, secret);
  }
  return out;
}

function redactTokens(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) {
    const before = text[at - 1];
    const after = text[at + secret.length];
    if ((before && TOKEN_CHAR.test(before)) || (after && TOKEN_CHAR.test(after))) continue;
    out += text.slice(from, at) + REDACTED;
    from = at + secret.length;
  }
  return out + text.slice(from);
}

/**
 * Removes the secrets from an error that is about to leave a request, in place: its `message`, its
 * `stack`, and the strings in its own data fields (the parsed `error` body, `code`, `type`, a Responses
 * `response` snapshot, …), down the `cause` chain. Nested data that holds a secret is replaced by a
 * redacted copy; data without one keeps its identity. Anything that is not an `Error` is returned as it
 * is.
 *
 * @param error - what a request failed with.
 * @param secrets - from {@link secretsOf}.
 * @returns the same error.
 *
 * @internal
 */
export function redactError<E>(error: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return error;
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && !seen.has(current) && depth < MAX_DEPTH; depth++) {
    seen.add(current);
    redactOne(current, secrets);
    current = current.cause;
  }
  return error;
}

function redactOne(error: Error, secrets: readonly string[]): void {
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack', ...Object.keys(error)]) {
    if (key === 'cause' || key === 'headers') continue;
    const value = fields[key];
    const clean = redactValue(value, secrets, 0);
    if (clean === value) continue;
    try {
      fields[key] = clean;
    } catch {
      // a frozen or accessor-only field: nothing more can be done for it
    }
  }
}

/** A redacted copy of strings, arrays and plain objects; the same value when nothing changed. */
function redactValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => redactValue(item, secrets, depth + 1));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // Headers, class instances: left alone
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const clean = redactValue(item, secrets, depth + 1);
    if (clean === item) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    copy[key] = clean;
  }
  return copy ?? value;
}
