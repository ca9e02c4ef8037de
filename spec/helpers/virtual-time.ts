// Virtual time for specs that talk to a real server on loopback (not a spec itself). The timers of the
// library and of the mock server (setTimeout, setInterval, Date, performance.now) run on jest's fake clock,
// while the sockets stay real (nextTick, setImmediate and microtasks are not faked). A spec moves the clock
// only once the timer it means is set, so a 1 s retry-after costs no second and is still checked to the ms.
import { jest } from '@jest/globals';
import { setTimeout as realDelay } from 'node:timers/promises';
import { backoffMs } from '../../lib/http/retry-policy.js';

let spies: Array<jest.Spied<typeof setTimeout> | jest.Spied<typeof setInterval>> = [];
/** The `setTimeout` and `setInterval` calls (rxjs's `timer` uses the latter) that {@link timerSet} took. */
const taken = new Set<string>();

/** Puts this test on the fake clock; {@link useRealTime} (in an `afterEach`) takes it off. */
export function useVirtualTime(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime'] });
  spies = [jest.spyOn(globalThis, 'setTimeout'), jest.spyOn(globalThis, 'setInterval')];
  taken.clear();
}

/** Back to real timers (harmless when the test never left them). */
export function useRealTime(): void {
  for (const spy of spies) spy.mockRestore();
  spies = [];
  jest.useRealTimers();
}

/** Every timer set so far, as a key and its delay. */
function timersSet(): Array<[string, number]> {
  return spies.flatMap((spy, which) =>
    spy.mock.calls.map((call, i): [string, number] => [`${which}:${i}`, Number(call[1] ?? 0)]),
  );
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
 * Waits (in real time) until the code under test sets a timer (`setTimeout` or `setInterval`) of `delay`
 * ms that no earlier call took, and returns its delay. Calls are taken in the order they were made.
 */
export async function timerSet(delay: number | ((ms: number) => boolean)): Promise<number> {
  const matches = typeof delay === 'number' ? (ms: number) => ms === delay : delay;
  const find = () => timersSet().find(([key, ms]) => !taken.has(key) && matches(ms));
  await until(() => find() !== undefined, `a timer of ${String(delay)} ms`);
  const [key, ms] = find()!;
  taken.add(key);
  return ms;
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
  const pending = () => timersSet().some(([key, ms]) => !taken.has(key) && ms === delay);
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
 * Waits for `done` with the clock standing still: it must settle on real events alone (an abort, a
 * socket), not on a timer; fails after `limitMs` of real time.
 */
export async function withoutTimers<T>(done: Promise<T>, what: string, limitMs = 5000): Promise<T> {
  let settled = false;
  const result = done.finally(() => (settled = true));
  await until(() => settled, `${what}, with the clock standing still`, limitMs);
  return result;
}

/**
 * After the clock ran far past any retry wait, gives a request that should not be sent a few real
 * milliseconds to reach the server anyway (a negative check cannot wait for an event).
 */
export async function nothingMore(): Promise<void> {
  await advance(60_000);
  await realDelay(20);
}
