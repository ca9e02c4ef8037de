import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { FirstChunkTimeoutError, IdleTimeoutError } from '../../lib/errors/index.js';
import type { RequestOptions } from '../../lib/http/request-options.js';
import { startWatchdog } from '../../lib/http/watchdog.js';
import { fireUntil, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';
import { collect, expectNoSecret, MESSAGES, setup } from './helpers.js';

const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
const keepAlives = (count: number) => Array.from({ length: count }, () => ': keep-alive\n\n');

// The mock server paces its frames and the client times the body on one fake clock: each test fires the
// server's pauses as they come (fireUntil), and the client's timers fall due in between, in virtual time.
describe('body timers', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  beforeEach(useVirtualTime);
  afterEach(useRealTime);
  const stream = (chunks: string[], options: RequestOptions, delayMs = 25) => {
    env.mock.enqueue({ type: 'raw', chunks, delayMs });
    return fireUntil(
      delayMs,
      collect(env.client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }, options)),
    );
  };

  it('keep-alives reset the idle timer by default', async () => {
    const { completed } = await stream([...keepAlives(16), chunk('ok', 'stop'), 'data: [DONE]\n\n'], {
      idleTimeout: 200,
    });
    expect(completed).toBe(true);
  });

  it('with idleTimeoutCountsKeepAlives: false, only events reset it', async () => {
    const { error, values } = await stream(
      [chunk('first'), ...keepAlives(16), chunk('late', 'stop'), 'data: [DONE]\n\n'],
      {
        idleTimeout: 200,
        idleTimeoutCountsKeepAlives: false,
      },
    );
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(IdleTimeoutError);
    expect((error as Error).message).toMatch(
      /^No data for 200 ms \(idleTimeout\) \(POST \/chat\/completions, request req_\w+\)$/,
    );
    expectNoSecret(error);
  });

  it('a slow but steady stream never hits the idle timeout', async () => {
    const chunks = [
      ...Array.from({ length: 8 }, (_, i) => chunk(String(i))),
      chunk('', 'stop'),
      'data: [DONE]\n\n',
    ];
    const { completed, values } = await stream(chunks, { idleTimeout: 200 }, 40);
    expect(completed).toBe(true);
    expect(values).toHaveLength(9);
  });

  it('comments do not count as the first chunk', async () => {
    const { error } = await stream([...keepAlives(16), chunk('ok', 'stop'), 'data: [DONE]\n\n'], {
      firstChunkTimeout: 200,
    });
    expect(error).toBeInstanceOf(FirstChunkTimeoutError);
    expect(error).toMatchObject({ timeout: 'firstChunk', ms: 200, status: 200 });
  });

  it('the first-chunk timer stops at the first event', async () => {
    const { completed } = await stream(
      [chunk('a'), ...keepAlives(8), chunk('b', 'stop'), 'data: [DONE]\n\n'],
      {
        firstChunkTimeout: 150,
      },
    );
    expect(completed).toBe(true);
  });

  describe('bare `data:` pings (empty-data events) are keep-alives', () => {
    const pings = (count: number) => Array.from({ length: count }, () => 'data:\n\n');
    /** 20 pings 50 ms apart (1 s), then the server stalls until the client goes away. */
    const pingThenStall = (options: RequestOptions) => {
      env.mock.requests.length = 0;
      env.mock.enqueue({
        type: 'raw',
        chunks: pings(20),
        delayMs: 50,
        fault: { kind: 'stall-after-chunks', chunks: 20 },
      });
      return fireUntil(
        50,
        collect(
          env.client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }, options),
        ),
      );
    };

    it('they do not satisfy firstChunkTimeout', async () => {
      const { error, values } = await pingThenStall({ firstChunkTimeout: 300 });
      expect(error).toBeInstanceOf(FirstChunkTimeoutError);
      expect(error).toMatchObject({ timeout: 'firstChunk', ms: 300, status: 200 });
      expect(values).toHaveLength(0);
      expect(await env.mock.requests[0]?.closed).toEqual({ abortedByClient: true });
    });

    it('with idleTimeoutCountsKeepAlives: false they do not reset the idle timer', async () => {
      const { error, values } = await pingThenStall({
        idleTimeout: 200,
        idleTimeoutCountsKeepAlives: false,
      });
      expect(error).toBeInstanceOf(IdleTimeoutError);
      expect(error).toMatchObject({ timeout: 'idle', ms: 200 });
      expect(values).toHaveLength(0);
      // The server was still pinging when the timer fired: it fired on the pings, not on the stall.
      expect(env.mock.requests[0]?.framesSent).toBeLessThan(20);
    });

    it('by default they keep the idle timer alive', async () => {
      const { completed, values } = await stream(
        [...pings(16), chunk('ok', 'stop'), 'data: [DONE]\n\n'],
        { idleTimeout: 200 },
        50,
      );
      expect(completed).toBe(true);
      expect(values).toHaveLength(1);
    });
  });

  it('0 turns a timer off', async () => {
    const { completed } = await stream(
      [chunk('a'), chunk('b', 'stop'), 'data: [DONE]\n\n'],
      { timeout: 0, idleTimeout: 0 },
      30,
    );
    expect(completed).toBe(true);
  });
});

describe('startWatchdog', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('fires once, and never after stop()', () => {
    const fired: string[] = [];
    const dog = startWatchdog({ idleTimeout: 30, firstChunkTimeout: 0 }, {}, (error) =>
      fired.push(error.timeout),
    );
    jest.advanceTimersByTime(60);
    expect(fired).toEqual(['idle']);
    const quiet = startWatchdog({ idleTimeout: 30, firstChunkTimeout: 30 }, {}, (error) =>
      fired.push(error.timeout),
    );
    quiet.stop();
    jest.advanceTimersByTime(60);
    expect(fired).toEqual(['idle']);
    dog.stop();
  });

  it('re-arms for the remaining time after touch()', () => {
    const fired: number[] = [];
    const started = Date.now();
    const dog = startWatchdog({ idleTimeout: 60, firstChunkTimeout: 0 }, {}, () =>
      fired.push(Date.now() - started),
    );
    jest.advanceTimersByTime(40);
    dog.touch();
    jest.advanceTimersByTime(59);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual([100]);
    dog.stop();
  });
});
