import { expect } from '@jest/globals';
import { from, lastValueFrom, toArray, type Observable, type OperatorFunction } from 'rxjs';
import { TestScheduler, type RunHelpers } from 'rxjs/testing';

/** Runs a marble test whose values are compared with jest's toEqual (asymmetric matchers allowed). */
export function marbles(callback: (helpers: RunHelpers) => void): void {
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(callback);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A marble diagram with one frame per value (`abc|`) and its values map. */
export function sequence<T>(values: readonly T[]): { diagram: string; values: Record<string, T> } {
  const map: Record<string, T> = {};
  values.forEach((value, i) => (map[LETTERS[i] as string] = value));
  return { diagram: `${LETTERS.slice(0, values.length)}|`, values: map };
}

/** Every emission of `chunks` through `operator`. */
export function replay<T, R>(chunks: readonly T[], operator: OperatorFunction<T, R>): Promise<R[]> {
  return lastValueFrom(from(chunks).pipe(operator, toArray()));
}

/** Freezes a value and everything reachable from it, so a later mutation throws (ESM code is strict). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

export type { Observable };

/**
 * Asserts that a malformed value errors the stream with a TypeError at once (never a silent completion,
 * never a late emission): the `a` frame fails, the `b` frame and the completion never happen.
 */
export function expectMalformedToError<T, R>(operator: OperatorFunction<T, R>, malformed: unknown): void {
  marbles(({ cold, expectObservable }) => {
    const source = cold<T>('-a-b|', { a: malformed as T, b: malformed as T });
    expectObservable(source.pipe(operator)).toBe('-#', undefined, expect.any(TypeError));
  });
}
