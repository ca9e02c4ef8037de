// Virtual time for specs that talk to a real server on loopback (not a spec itself). The timers of the
// library and of the mock server (setTimeout, setInterval, Date, performance.now) run on jest's fake clock,
// while the sockets stay real (nextTick, setImmediate and microtasks are not faked). A spec moves the clock
// only once the timer it means is set, so a 1 s retry-after costs no second and is still checked to the ms.
import { jest } from '@jest/globals';
import { setTimeout as realDelay } from 'node:timers/promises';
import { backoffMs } from '../../lib/http/retry-policy.js';

type SetTimeoutSpy = jest.Spied<typeof globalThis.setTimeout>;

let spy: SetTimeoutSpy | undefined;
/** Indexes of the `setTimeout` calls that {@link timerSet} already handed out. */
const taken = new Set<number>();

/** Puts this test on the fake clock; {@link useRealTime} (in an `afterEach`) takes it off. */
export function useVirtualTime(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime'] });
  spy = jest.spyOn(globalThis, 'setTimeout');
  taken.clear();
}

/** Back to real timers (harmless when the test never left them). */
export function useRealTime(): void {
  spy?.mockRestore();
  spy = undefined;
  jest.useRealTimers();
}

/**
 * Waits in real time, letting the sockets work, until `condition` holds; fails after `limitMs`. It checks
 * after each turn of the event loop at first (most waits are a few turns), then every millisecond.
 */
export async function until(condition: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const started = realNow();
  for (let turn = 0; !condition(); turn++) {
    if (realNow() - started > limitMs) throw new Error(`Waited ${limitMs} ms (real) for ${what}.`);
    await (turn < 100 ? new Promise((resolve) => setImmediate(resolve)) : realDelay(1));
  }
}

/** Real milliseconds (Date and performance.now are fake here; hrtime is not). */
const realNow = () => Number(process.hrtime.bigint() / 1_000_000n);

/** Accepts the delay of the `retry`-th backoff (1-based): the jitter makes it a range. */
export const backoff =
  (retry: number) =>
  (ms: number): boolean =>
    ms >= backoffMs(retry, () => 1) && ms <= backoffMs(retry, () => 0);

/**
 * Waits (in real time) until the code under test sets a timer of `delay` ms that no earlier call took,
 * and returns its delay. Calls are taken in the order they were made.
 */
export async function timerSet(delay: number | ((ms: number) => boolean)): Promise<number> {
  const matches = typeof delay === 'number' ? (ms: number) => ms === delay : delay;
  const calls = () => spy?.mock.calls ?? [];
  const find = () => calls().findIndex((call, i) => !taken.has(i) && matches(Number(call[1] ?? 0)));
  await until(() => find() >= 0, `a timer of ${String(delay)} ms`);
  const index = find();
  taken.add(index);
  return Number(calls()[index]?.[1] ?? 0);
}

/** Moves the fake clock on by `ms`, running every timer that falls due (and the promises they settle). */
export async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

/**
 * Fires every timer of `delay` ms as it is set until `done` settles (a server that drips its reply on
 * the same clock), and returns what `done` resolved to.
 */
export async function fireUntil<T>(delay: number, done: Promise<T>): Promise<T> {
  let settled = false;
  const result = done.finally(() => (settled = true));
  const pending = () => (spy?.mock.calls ?? []).some((call, i) => !taken.has(i) && call[1] === delay);
  for (;;) {
    await until(() => settled || pending(), `a timer of ${delay} ms or the end`);
    if (settled) return result;
    await fire(delay);
  }
}

/** Waits for a timer of `delay` ms to be set, then moves the clock on by its delay, so that it fires. */
export async function fire(delay: number | ((ms: number) => boolean)): Promise<number> {
  const ms = await timerSet(delay);
  await advance(ms);
  return ms;
}

/**
 * After the clock ran far past any retry wait, gives a request that should not be sent a few real
 * milliseconds to reach the server anyway (a negative check cannot wait for an event).
 */
export async function nothingMore(): Promise<void> {
  await advance(60_000);
  await realDelay(20);
}
