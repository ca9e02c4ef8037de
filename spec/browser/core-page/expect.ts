/**
 * The `expect` of the browser `@jest/globals` shim. Jest's own `expect` package does not bundle for the
 * browser (it pulls in graceful-fs, path, url, process and stack-utils), so this is the subset of matchers
 * spec/sse uses, built on jest's own equality (`@jest/expect-utils`, which is browser-safe): `toEqual` and
 * `toMatchObject` behave exactly as in jest. An unknown matcher fails the test with a clear message.
 */
import { equals, iterableEquality, subsetEquality } from '@jest/expect-utils';
import { format } from 'pretty-format';

/** What a failed matcher throws. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** The matchers the shim supports (each also under `.not`). */
export interface BrowserMatchers {
  not: BrowserMatchers;
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatchObject(expected: object): void;
  toBeUndefined(): void;
  toBeDefined(): void;
  toBeLessThan(expected: number): void;
  toBeGreaterThan(expected: number): void;
  toHaveLength(expected: number): void;
  toContain(expected: unknown): void;
  toThrow(expected?: unknown): void;
}

/** A matcher's verdict; `received` replaces the printed received value (toThrow prints what was thrown). */
interface Verdict {
  pass: boolean;
  received?: string;
}

type Matcher = (received: unknown, ...expected: unknown[]) => Verdict;

function show(value: unknown): string {
  const text = format(value, { min: true, maxDepth: 6 });
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

function number(value: unknown, matcher: string): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  throw new TypeError(`${matcher}: ${show(value)} is not a number`);
}

function messageOf(value: unknown): string {
  return typeof value === 'object' && value !== null && 'message' in value
    ? String(value.message)
    : String(value);
}

function toThrow(fn: unknown, expected?: unknown): Verdict {
  if (typeof fn !== 'function') throw new TypeError(`toThrow: ${show(fn)} is not a function`);
  try {
    fn();
  } catch (value) {
    const received = `threw ${show(value)}`;
    const message = messageOf(value);
    if (expected === undefined) return { pass: true, received };
    if (typeof expected === 'function') return { pass: value instanceof expected, received };
    if (expected instanceof RegExp) return { pass: expected.test(message), received };
    if (typeof expected === 'string') return { pass: message.includes(expected), received };
    if (typeof expected === 'object' && expected !== null && 'message' in expected)
      return { pass: message === messageOf(expected), received };
    throw new TypeError(`toThrow: unsupported expectation ${show(expected)}`);
  }
  return { pass: false, received: 'did not throw' };
}

const MATCHERS: Record<string, Matcher> = {
  toBe: (received, expected) => ({ pass: Object.is(received, expected) }),
  toEqual: (received, expected) => ({ pass: equals(received, expected, [iterableEquality]) }),
  toMatchObject: (received, expected) => {
    if (typeof received !== 'object' || received === null || typeof expected !== 'object' || !expected)
      throw new TypeError('toMatchObject: received and expected must be non-null objects');
    return { pass: equals(received, expected, [iterableEquality, subsetEquality]) };
  },
  toBeUndefined: (received) => ({ pass: received === undefined }),
  toBeDefined: (received) => ({ pass: received !== undefined }),
  toBeLessThan: (received, expected) => ({
    pass: number(received, 'toBeLessThan') < number(expected, 'toBeLessThan'),
  }),
  toBeGreaterThan: (received, expected) => ({
    pass: number(received, 'toBeGreaterThan') > number(expected, 'toBeGreaterThan'),
  }),
  toHaveLength: (received, expected) => {
    const length = (received as { length?: unknown } | null | undefined)?.length;
    if (typeof length !== 'number') throw new TypeError(`toHaveLength: ${show(received)} has no length`);
    return { pass: length === expected, received: `${show(received)} (length ${length})` };
  },
  toContain: (received, expected) => {
    if (typeof received === 'string') return { pass: received.includes(String(expected)) };
    if (Array.isArray(received)) return { pass: received.includes(expected) };
    throw new TypeError(`toContain: ${show(received)} is neither a string nor an array`);
  },
  toThrow,
};

function matchers(received: unknown, negated: boolean): BrowserMatchers {
  return new Proxy({} as BrowserMatchers, {
    get(_, key) {
      if (key === 'not') return matchers(received, !negated);
      const matcher = typeof key === 'string' ? MATCHERS[key] : undefined;
      if (!matcher)
        throw new TypeError(
          `expect(…).${String(key)} is not in the browser expect shim (spec/browser/core-page/expect.ts)`,
        );
      return (...expected: unknown[]) => {
        const verdict = matcher(received, ...expected);
        if (verdict.pass !== negated) return;
        throw new AssertionError(
          `expect(received)${negated ? '.not' : ''}.${String(key)}(${expected.map(show).join(', ')})\n` +
            `Received: ${verdict.received ?? show(received)}`,
        );
      };
    },
  });
}

/** Jest-style `expect(received).matcher(...)`, with `.not`. */
export function expect(received: unknown): BrowserMatchers {
  return matchers(received, false);
}
