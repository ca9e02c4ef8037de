// The one retry loop and the caller's signal: no listener outlives its attempt (issue 11 item 14), an abort
// during a retry or resume wait ends the request at once (15), `x-should-retry: false` holds for an early
// error frame (17).
import { getEventListeners } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { APIStreamError, APIUserAbortError, InternalServerError } from '../../lib/errors/index.js';
import { ResponseStreamError } from '../../lib/errors/responses.js';
import type { MockReply } from '../../lib/testing/index.js';
import { record } from '../faults/helpers.js';
import { MESSAGES, setup } from '../http/helpers.js';
import {
  backoff,
  fire,
  timerSet,
  useRealTime,
  useVirtualTime,
  withoutTimers,
} from '../helpers/virtual-time.js';

const PARAMS = { model: 'gpt-4o', messages: MESSAGES, stream: true as const };

let env: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  env = await setup();
});
afterAll(async () => {
  await env.mock.close();
});
afterEach(() => {
  useRealTime();
  env.mock.requests.length = 0;
});

/**
 * Counts the live 'abort' listeners of every AbortSignal while `run` runs, and returns the most any one
 * signal held at once. Node prints MaxListenersExceededWarning past 10 on one signal; jest's sandboxed
 * `process` never sees that warning, so this measures its cause.
 */
async function peakAbortListeners(run: () => Promise<void>): Promise<number> {
  const proto = EventTarget.prototype;
  const { addEventListener, removeEventListener } = proto;
  const live = new Map<EventTarget, Set<unknown>>();
  let peak = 0;
  proto.addEventListener = function (this: EventTarget, type, listener, options) {
    if (type === 'abort' && this instanceof AbortSignal && !this.aborted && listener) {
      const set = live.get(this) ?? new Set();
      set.add(listener);
      live.set(this, set);
      peak = Math.max(peak, set.size);
    }
    return addEventListener.call(this, type, listener, options);
  };
  proto.removeEventListener = function (this: EventTarget, type, listener, options) {
    if (type === 'abort') live.get(this)?.delete(listener);
    return removeEventListener.call(this, type, listener, options);
  };
  try {
    await run();
  } finally {
    proto.addEventListener = addEventListener;
    proto.removeEventListener = removeEventListener;
  }
  return peak;
}

describe('11.14 no abort listener outlives its attempt', () => {
  it('11.14 maxRetries: 10 against a 503 loop: 11 attempts, no signal near the listener limit', async () => {
    const shared = new AbortController();
    const loop: MockReply = { type: 'status', status: 503, headers: { 'retry-after-ms': '0' } };
    env.mock.enqueue(...Array.from({ length: 11 }, () => loop));
    let outcome: Awaited<ReturnType<typeof record>> | undefined;
    let sharedDuring = 0;
    const peak = await peakAbortListeners(async () => {
      const running = record(
        env.client.chat.completions.create(PARAMS, { maxRetries: 10, signal: shared.signal }),
      );
      await env.mock.waitForRequests(5);
      sharedDuring = getEventListeners(shared.signal, 'abort').length;
      outcome = await running;
    });
    expect(peak).toBeLessThanOrEqual(2);
    expect(sharedDuring).toBeLessThanOrEqual(1);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    expect(outcome?.error).toBeInstanceOf(InternalServerError);
    expect(env.mock.requests).toHaveLength(11);
    expect(outcome?.error).toMatchObject({ attempt: 11, maxAttempts: 11 });
  });
});

// On the fake clock: once the wait's timer is set, the test aborts, and the request must end with the clock
// standing still (so without waiting for any timer), which is what "at once" means.
describe('11.15 aborting the caller’s signal during a wait ends the request at once', () => {
  /** Aborts once the wait began (its timer of `wait` ms is set); resolves with what the request ended with. */
  async function abortDuringWait(
    start: (signal: AbortSignal) => Promise<{ error: unknown }>,
    wait: number | ((ms: number) => boolean),
  ) {
    useVirtualTime();
    const controller = new AbortController();
    const running = start(controller.signal);
    await timerSet(wait);
    controller.abort();
    return withoutTimers(running, 'the request to end at the abort');
  }

  it('11.15 during a Retry-After wait of 5 s (a 503)', async () => {
    env.mock.enqueue({ type: 'status', status: 503, headers: { 'retry-after-ms': '5000' } });
    const outcome = await abortDuringWait(
      (signal) => record(env.client.chat.completions.create(PARAMS, { signal })),
      5000,
    );
    expect(outcome.error).toBeInstanceOf(APIUserAbortError);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('11.15 during the backoff before a body-level retry (an early server_error frame)', async () => {
    env.mock.enqueue({
      type: 'raw',
      chunks: ['data: {"error":{"message":"overloaded","type":"server_error"}}\n\n'],
    });
    const outcome = await abortDuringWait(
      (signal) => record(env.client.chat.completions.create(PARAMS, { signal })),
      backoff(1),
    );
    expect(outcome.error).toBeInstanceOf(APIUserAbortError);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('11.15 during a Responses resume backoff of 5 s', async () => {
    env.mock.enqueue({
      type: 'responses',
      background: true,
      text: 'one two three four five six',
      fault: { kind: 'drop-after-chunks', chunks: 3 },
    });
    const outcome = await abortDuringWait(
      (signal) =>
        record(
          env.client.responses.create(
            { model: 'gpt-4o', input: 'Hi', stream: true, background: true },
            { signal, resume: { backoff: 5000 } },
          ),
        ),
      5000,
    );
    expect(outcome.error).toBeInstanceOf(APIUserAbortError);
    expect(env.mock.requests).toHaveLength(1);
  });
});

describe('11.17 x-should-retry: false on a 200 stream whose first frame is an error', () => {
  const serverError = (headers: Record<string, string>): MockReply => ({
    type: 'raw',
    headers: { 'content-type': 'text/event-stream', ...headers },
    chunks: ['data: {"error":{"message":"The server had an error","type":"server_error"}}\n\n'],
  });

  it('11.17 x-should-retry: false stops a retry of an early error frame (sent once)', async () => {
    env.mock.enqueue(serverError({ 'x-should-retry': 'false' }));
    const outcome = await record(env.client.chat.completions.create(PARAMS));
    expect(outcome.error).toBeInstanceOf(APIStreamError);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('11.17 without the header the same frame is retried (the control)', async () => {
    useVirtualTime();
    env.mock.enqueue(serverError({}));
    const running = record(env.client.chat.completions.create(PARAMS, { maxRetries: 1 }));
    await fire(backoff(1));
    const outcome = await running;
    expect(outcome.completed).toBe(true);
    expect(env.mock.requests).toHaveLength(2);
  });

  it('11.17 the same for a Responses error event', async () => {
    env.mock.enqueue({
      type: 'raw',
      headers: { 'content-type': 'text/event-stream', 'x-should-retry': 'false' },
      chunks: [
        'data: {"type":"error","sequence_number":0,"code":"server_error","message":"boom","param":null}\n\n',
      ],
    });
    const outcome = await record(env.client.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true }));
    expect(outcome.error).toBeInstanceOf(ResponseStreamError);
    expect(env.mock.requests).toHaveLength(1);
  });
});
