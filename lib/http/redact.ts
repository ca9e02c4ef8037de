import type { ResolvedClientOptions } from './options.js';

/**
 * What replaces every occurrence of a secret.
 *
 * @example
 * ```ts
 * import { REDACTED, redactText } from './redact.js';
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
const SECRET_HEADERS = new Set(['authorization', 'api-key', 'x-api-key']);

/**
 * The secrets a request sends, to keep out of its errors: the client's `apiKey` and the credential of an
 * `Authorization` (or `api-key`, `x-api-key`) header set in the options. The `apiKey` counts whatever its
 * length; a header credential only from 8 characters on.
 *
 * @param client - the client's resolved options (their `apiKey`).
 * @param headers - the request's resolved headers (client headers included).
 * @param sent - credentials the requests really carried (set by a `beforeRequest` hook, say).
 * @returns the distinct secrets, longest first.
 *
 * @internal
 */
export function secretsOf(
  client: Pick<ResolvedClientOptions, 'apiKey'>,
  headers: Readonly<Record<string, string | null>> = {},
  sent: Iterable<string> = [],
): string[] {
  const found = new Set<string>(sent);
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
 * Replaces every secret in an error and its `cause` chain: `message`, `stack`, string fields, the parsed
 * error body at any depth (walked with an explicit stack, so a deep body cannot overflow the call stack;
 * its size is bounded by the body limit), and response header values (a server may echo the key in a
 * header). Plain objects and arrays are redacted in place: they were parsed from the response.
 *
 * @internal
 */
export function redactError<E>(error: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return error;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    redactOne(current, secrets);
    current = current.cause;
  }
  return error;
}

function redactOne(error: Error, secrets: readonly string[]): void {
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack', ...Object.keys(error)]) {
    if (key === 'cause') continue;
    const value = fields[key];
    if (typeof value === 'string') {
      const clean = redactText(value, secrets);
      if (clean !== value) trySet(fields, key, clean);
    } else {
      redactInPlace(value, secrets);
    }
  }
  const headers = fields['headers'];
  if (headers instanceof Headers) {
    let copy: Headers | undefined;
    headers.forEach((value, name) => {
      const clean = redactText(value, secrets);
      if (clean === value) return;
      copy ??= new Headers(headers);
      copy.set(name, clean);
    });
    if (copy) Object.defineProperty(error, 'headers', { value: copy, enumerable: false, configurable: true });
  }
}

/** Redacts the strings inside plain objects and arrays, iteratively; class instances are left alone. */
function redactInPlace(root: unknown, secrets: readonly string[]): void {
  const stack: unknown[] = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const proto: unknown = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) continue;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') {
        const clean = redactText(item, secrets);
        if (clean !== item) trySet(record, key, clean);
      } else if (typeof item === 'object' && item !== null) {
        stack.push(item);
      }
    }
  }
}

function trySet(target: Record<string, unknown>, key: string, value: unknown): void {
  try {
    target[key] = value;
  } catch {
    // a frozen or accessor-only field: nothing more can be done for it
  }
}
