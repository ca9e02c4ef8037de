import { expect } from '@jest/globals';
import { from, type OperatorFunction } from 'rxjs';
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

/** Every emission of `values` through `operator`, and the error if the stream failed. */
export function collect<T, R>(
  values: readonly T[],
  operator: OperatorFunction<T, R>,
): Promise<{ out: R[]; error: unknown }> {
  const out: R[] = [];
  return new Promise((resolve) =>
    from(values)
      .pipe(operator)
      .subscribe({
        next: (value) => out.push(value),
        error: (error: unknown) => resolve({ out, error }),
        complete: () => resolve({ out, error: undefined }),
      }),
  );
}
