// Growth guards for hostile input (not a spec itself): how a cost grows with the size of its input, as a
// ratio of CPU times. The suite runs each case once at small sizes, a cheap guard against a quadratic
// regression; `npm run bench -- linearity` (spec/bench/linearity.ts) runs the same cases at size.
import { workClock } from './work-clock.js';

/** One input that must not make its code slower than linear (or than constant per piece). */
export interface GrowthCase {
  /** What grows and how it is fed, as a test name. */
  name: string;
  /**
   * Builds the input of `size` (not timed), times the work on it with {@link workClock} and returns the
   * milliseconds. Throws when the work's result is wrong, so a fast wrong answer cannot pass.
   */
  time(size: number): number;
  /** The two sizes of the suite's guard: small enough to take a millisecond or a few. */
  guard: readonly [number, number];
  /**
   * The sizes `npm run bench` measures, rising. Larger inputs cost more per unit once their live data
   * outgrows the young generation (a step, not a slope), so three sizes show both sides of it.
   */
  bench: readonly number[];
  /** The bound on t(large) / t(small), and what linear and non-linear code give, e.g. `~4; quadratic ~16`. */
  limit: number;
  expected: string;
  /** CPU time to warm up with before the guard measures (code with many layers needs more); 40 ms if unset. */
  warmMs?: number;
}

/** The fastest times of the two sizes and their ratio. */
export interface Growth {
  small: number;
  large: number;
  ratio: number;
}

/**
 * The fastest of `rounds` runs at each size, after warm-up runs of every size worth `warmMs` of CPU time
 * (at least three each): in a fresh process the JIT compiles on other threads that the clock counts, and
 * the fastest of several runs leaves out the scavenges that fall into one run but not into another.
 */
export function fastestTimes(
  growthCase: GrowthCase,
  sizes: readonly number[],
  { warmMs = growthCase.warmMs ?? 40, rounds = 5 } = {},
): number[] {
  const start = workClock();
  for (let pass = 0; pass < 3 || workClock() - start < warmMs; pass++) {
    for (const size of sizes) growthCase.time(size);
  }
  const fastest = sizes.map(() => Infinity);
  for (let round = 0; round < rounds; round++) {
    sizes.forEach((size, i) => (fastest[i] = Math.min(fastest[i]!, growthCase.time(size))));
  }
  return fastest;
}

/** t(large) / t(small), each the fastest of several runs ({@link fastestTimes}). */
export function growthRatio(
  growthCase: GrowthCase,
  [small, large]: readonly [number, number],
  options: { warmMs?: number; rounds?: number } = {},
): Growth {
  const [fastSmall = Infinity, fastLarge = Infinity] = fastestTimes(growthCase, [small, large], options);
  return { small: fastSmall, large: fastLarge, ratio: fastLarge / Math.max(fastSmall, 0.05) };
}

/**
 * The suite's guard: the best ratio of up to three measurements at the guard sizes, stopping at the first
 * under the limit. Linear code passes at once; a scavenge or a JIT pause that lands in a large run but in
 * no small one must then happen three times in a row to fail it, while quadratic code fails every time.
 */
export function guardRatio(growthCase: GrowthCase): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= growthCase.limit; attempt++) {
    best = Math.min(best, growthRatio(growthCase, growthCase.guard).ratio);
  }
  return best;
}

/** Times `work` with {@link workClock}. */
export function timed(work: () => void): number {
  const start = workClock();
  work();
  return workClock() - start;
}

/** Throws unless `actual` is `expected`: a growth case's check of its own result. */
export function check(actual: unknown, expected: unknown, what: string): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  }
}
