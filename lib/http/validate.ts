// One table of option kinds for createClient, per-request and Responses `resume` options. Every check
// throws a TypeError that names the option and shows the bad value's type or number, never a string
// value (it could be a secret).

/**
 * The longest wait a timer supports (2^31 - 1 ms, about 24.8 days): `setTimeout` fires a longer one at
 * once. Timer options above it are rejected; computed waits are clamped to it.
 *
 * @example
 * ```ts
 * import { MAX_TIMER_MS } from './validate.js';
 *
 * const wait = Math.min(Number.MAX_SAFE_INTEGER, MAX_TIMER_MS); // 2147483647
 * ```
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** What a header value may not contain: `Headers` would throw on it deep inside the request. */
const UNSENDABLE = /[\r\n\0]/;

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isMs = (value: unknown): value is number => isNumber(value) && value >= 0;
/**
 * Strings end up in headers or URLs, so a line break or NUL is refused here, with the option's name, rather
 * than by `Headers` deep inside a request. A secret is checked the same way; only its error message shows
 * less (its type, never a value).
 */
const SENDABLE_STRING: [(value: unknown) => boolean, string] = [
  (value) => typeof value === 'string' && value !== '' && !UNSENDABLE.test(value),
  'a non-empty string without line breaks or NUL characters',
];

/** What each kind of option must be: a test, and its description in the error message. */
const RULES = {
  ms: [isMs, 'a non-negative finite number'],
  retries: [(value) => Number.isInteger(value) && (value as number) >= 0, 'a non-negative integer'],
  attempts: [(value) => Number.isInteger(value) && (value as number) >= 1, 'an integer >= 1'],
  positive: [(value) => isNumber(value) && value > 0, 'a positive finite number'],
  boolean: [(value) => typeof value === 'boolean', 'a boolean'],
  string: SENDABLE_STRING,
  secret: SENDABLE_STRING,
  function: [(value) => typeof value === 'function', 'a function'],
  object: [isObject, 'an object'],
  headers: [(value) => isObject(value) && !Array.isArray(value), 'an object of header names to strings'],
  signal: [
    (value) => isObject(value) && typeof (value as AbortSignal).addEventListener === 'function',
    'an AbortSignal',
  ],
  observe: [(value) => value === 'body' || value === 'events', `'body' or 'events'`],
  resume: [(value) => typeof value === 'boolean' || isObject(value), 'a boolean or { maxAttempts, backoff }'],
  hooks: [
    (value) =>
      isObject(value) &&
      Object.entries(value).every(
        ([name, list]) =>
          (name === 'beforeRequest' || name === 'afterResponse') &&
          (list === undefined || (Array.isArray(list) && list.every((hook) => typeof hook === 'function'))),
      ),
    '{ beforeRequest?, afterResponse? } with arrays of functions',
  ],
  backoff: [(value) => typeof value === 'function' || isMs(value), 'a number of ms or a function'],
} satisfies Record<string, [test: (value: unknown) => boolean, expected: string]>;

/** A kind of option value, checked by {@link checkOptions}. @internal */
export type OptionKind = keyof typeof RULES;

/** The kind of each timer and limit that createClient and every request accept. @internal */
export const TIMER_KINDS = {
  timeout: 'ms',
  idleTimeout: 'ms',
  firstChunkTimeout: 'ms',
  idleTimeoutCountsKeepAlives: 'boolean',
  maxRetries: 'retries',
  maxEventBytes: 'positive',
} as const satisfies Record<string, OptionKind>;

/**
 * Checks an options object against a table of kinds: it must be an object, every key must be known, and
 * every value that is not `undefined` must be of its kind (`null` counts as unset for strings). A timer
 * must also fit `setTimeout`.
 *
 * @param where - the call named in messages, e.g. `'createClient'`.
 * @param what - what `options` is, in the message when it is not an object.
 * @param options - the value to check.
 * @param kinds - the known options and their kinds.
 * @param prefix - put before option names in messages, e.g. `'resume.'`.
 * @internal
 */
export function checkOptions(
  where: string,
  what: string,
  options: unknown,
  kinds: Readonly<Record<string, OptionKind>>,
  prefix = '',
): void {
  if (!isObject(options))
    throw new TypeError(`${where}: ${what} must be an object, got ${describe(options)}`);
  for (const [name, value] of Object.entries(options)) {
    const option = `${where}: option "${prefix}${name}"`;
    if (!Object.hasOwn(kinds, name)) throw new TypeError(`${where}: unknown option "${prefix}${name}"`);
    const kind = kinds[name]!;
    if (value === undefined || (value === null && (kind === 'string' || kind === 'secret'))) continue;
    const [test, expected] = RULES[kind];
    if (!test(value)) {
      const got = value === '' ? 'an empty string' : kind === 'secret' ? typeof value : describe(value);
      throw new TypeError(`${option} must be ${expected}, got ${got}`);
    }
    if (typeof value === 'number' && value > MAX_TIMER_MS && (kind === 'ms' || kind === 'backoff')) {
      throw new TypeError(`${option} must be at most ${MAX_TIMER_MS} ms, got ${value}`);
    }
    if (kind === 'headers') {
      for (const [header, text] of Object.entries(value as object)) {
        if (text != null && typeof text !== 'string') {
          throw new TypeError(`${option} header "${header}" must be a string or null, got ${typeof text}`);
        }
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
          throw new TypeError(`${option} has a header name that cannot be sent`);
        }
        if (typeof text === 'string' && UNSENDABLE.test(text)) {
          throw new TypeError(
            `${option} header "${header}" has a line break or NUL character, which cannot be sent`,
          );
        }
      }
    }
  }
}

/** Throws unless `params` is a plain object (not `null`, not an array). @internal */
export function checkParams(where: string, params: unknown): void {
  if (!isObject(params) || Array.isArray(params)) throw new TypeError(`${where}: params must be an object`);
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * Checks a request's params and serialises them once, at call time: `params` must be an object, each of
 * `required` present (`model` a non-empty string, `messages` an array…), and the whole JSON-serialisable.
 * A `TypeError` names what is wrong (a BigInt, a cycle, a throwing `toJSON`) before anything is sent.
 */
export function serializeParams(where: string, params: unknown, required: readonly string[] = []): string {
  checkParams(where, params);
  const record = params as Record<string, unknown>;
  for (const field of required) {
    const value = record[field];
    const ok = field === 'messages' ? Array.isArray(value) : typeof value === 'string' && value !== '';
    if (!ok) {
      const expected = field === 'messages' ? 'an array of messages' : 'a non-empty string';
      throw new TypeError(`${where}: params.${field} must be ${expected}, got ${describe(value)}`);
    }
  }
  try {
    return JSON.stringify(params);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    throw new TypeError(`${where}: params cannot be sent as JSON: ${reason}`, { cause: error });
  }
}
