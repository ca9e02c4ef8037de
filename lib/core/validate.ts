// Option checks shared by createClient and the per-request options. Each throws a TypeError that names
// the option and shows the bad value's type or number, never a string value (it could be a secret).
import type { TimeoutOptions } from './options.js';

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

/** What a kind of option must be: a test, and its description in the error message. */
const RULES = {
  ms: [
    (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0,
    'a non-negative finite number',
  ],
  retries: [(value) => Number.isInteger(value) && (value as number) >= 0, 'a non-negative integer'],
  boolean: [(value) => typeof value === 'boolean', 'a boolean'],
  positive: [
    (value) => typeof value === 'number' && Number.isFinite(value) && value > 0,
    'a positive finite number',
  ],
} satisfies Record<string, [test: (value: unknown) => boolean, expected: string]>;

/** The kind of each {@link TimeoutOptions} field, in the order they are checked. */
const TIMER_KINDS = {
  timeout: 'ms',
  idleTimeout: 'ms',
  firstChunkTimeout: 'ms',
  idleTimeoutCountsKeepAlives: 'boolean',
  maxRetries: 'retries',
  maxEventBytes: 'positive',
} as const satisfies Record<keyof TimeoutOptions, keyof typeof RULES>;

/** The names of the {@link TimeoutOptions} fields. @internal */
export const TIMER_OPTIONS = Object.keys(TIMER_KINDS);

function reject(where: string, name: string, expected: string, got: string): never {
  throw new TypeError(`${where}: option "${name}" must be ${expected}, got ${got}`);
}

/** @internal */
export function checkObject(where: string, what: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${where}: ${what} must be an object, got ${value === null ? 'null' : typeof value}`);
  }
}

/** @internal */
export function checkUnknown(where: string, options: object, known: ReadonlySet<string>): void {
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new TypeError(`${where}: unknown option "${key}"`);
  }
}

/** Checks one option of a kind; `undefined` passes. A timer length must also fit `setTimeout`. @internal */
export function checkOption<T>(where: string, name: string, value: T, kind: keyof typeof RULES): T {
  if (value === undefined) return value;
  const [test, expected] = RULES[kind];
  if (!test(value)) reject(where, name, expected, describe(value));
  if (kind === 'ms' && (value as number) > MAX_TIMER_MS) {
    throw new TypeError(`${where}: option "${name}" must be at most ${MAX_TIMER_MS} ms, got ${value}`);
  }
  return value;
}

/** Every timer and limit, resolved (`maxEventBytes` may stay unset: the parser's default). @internal */
export type ResolvedTimeouts = Required<Omit<TimeoutOptions, 'maxEventBytes'>> & {
  maxEventBytes: number | undefined;
};

/**
 * Checks every timer and limit of `options`, and fills what is left out from `defaults`.
 *
 * @internal
 */
export function checkTimeoutOptions(
  where: string,
  options: TimeoutOptions,
  defaults: ResolvedTimeouts,
): ResolvedTimeouts {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(TIMER_KINDS)) {
    const key = name as keyof TimeoutOptions;
    out[name] = checkOption(where, name, options[key], kind) ?? defaults[key];
  }
  return out as ResolvedTimeouts;
}

/** @internal */
export function checkNonEmptyString(
  where: string,
  name: string,
  value: unknown,
  secret = false,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    const got = typeof value === 'string' ? 'an empty string' : secret ? typeof value : describe(value);
    reject(where, name, 'a non-empty string', got);
  }
  return value;
}

/** @internal */
export function checkHeaders(where: string, name: string, value: unknown): Record<string, string | null> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject(where, name, 'an object of header names to strings', describe(value));
  }
  const out: Record<string, string | null> = {};
  for (const [key, header] of Object.entries(value)) {
    if (header != null && typeof header !== 'string') {
      throw new TypeError(
        `${where}: option "${name}" header "${key}" must be a string or null, got ${typeof header}`,
      );
    }
    out[key] = header ?? null;
  }
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
