import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { tap, type Observable } from 'rxjs';
import { createClient } from '../../lib/client.js';
import {
  APIConnectionError,
  APIStreamError,
  APIUserAbortError,
  BadRequestError,
  FirstChunkTimeoutError,
  IdleTimeoutError,
  InternalServerError,
  StreamTruncatedError,
} from '../../lib/errors/index.js';
import type { RequestOptions } from '../../lib/http/request-options.js';
import type { ChatCompletionChunk } from '../../lib/chat/schemas/index.js';
import type { StreamEvent } from '../../lib/http/events.js';
import type { MockReply } from '../../lib/testing/index.js';
import { closedPort, collect, expectNoSecret, MESSAGES, SECRET, setup } from './helpers.js';
import {
  advance,
  backoff,
  fire,
  nothingMore,
  timerSet,
  until,
  useRealTime,
  useVirtualTime,
} from '../helpers/virtual-time.js';

const fast = (status: number, headers: Record<string, string> = {}): MockReply => ({
  type: 'status',
  status,
  headers: { 'retry-after-ms': '0', ...headers },
});

describe('retries', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => {
    await env.mock.close();
  });
  // Waits (retry-after, backoff, the timeouts) run on a fake clock in the tests that call useVirtualTime().
  afterEach(useRealTime);
  const run = (replies: MockReply[], stream = true, options: RequestOptions = {}) => {
    env.mock.requests.length = 0;
    env.mock.enqueue(...replies);
    return collect(
      env.client.chat.completions.create(
        { model: 'gpt-4o', messages: MESSAGES, stream },
        { observe: 'events', ...options },
      ) as Observable<StreamEvent<unknown>>,
    );
  };

  it.each([true, false])('503 twice then OK: one success after 3 requests (stream: %p)', async (stream) => {
    const { values, completed } = await run([fast(503), fast(503)], stream);
    expect(completed).toBe(true);
    expect(env.mock.requests).toHaveLength(3);
    const open = values[0];
    expect(open?.type === 'open' && open.response.attempts).toBe(3);
  });

  it.each([408, 409, 429, 500, 502, 504])('retries %i', async (status) => {
    const { completed } = await run([fast(status)]);
    expect(completed).toBe(true);
    expect(env.mock.requests).toHaveLength(2);
  });

  it.each([
    ['retry-after-ms', '200', 200],
    ['retry-after', '1', 1000],
  ])('honours %s: %s', async (header, value, ms) => {
    useVirtualTime();
    let settled = false;
    const outcome = run([{ type: 'status', status: 429, headers: { [header]: value } }]).finally(
      () => (settled = true),
    );
    await timerSet(ms);
    await advance(ms - 1);
    expect(settled).toBe(false);
    expect(env.mock.requests).toHaveLength(1);
    await advance(1);
    const { completed } = await outcome;
    expect(completed).toBe(true);
    expect(env.mock.requests).toHaveLength(2);
  });

  it('does not retry when x-should-retry: false', async () => {
    const { error } = await run([fast(503, { 'x-should-retry': 'false' })]);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('retries a 400 when x-should-retry: true', async () => {
    const { completed } = await run([fast(400, { 'x-should-retry': 'true' })]);
    expect(completed).toBe(true);
    expect(env.mock.requests).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    const { error } = await run([fast(400)]);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('never retries after the first byte: a drop mid-stream fails after exactly 1 request', async () => {
    const { values, error } = await run([
      { type: 'chat', text: 'a b c d e f', fault: { kind: 'drop-after-chunks', chunks: 2 } },
    ]);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(values.length).toBeGreaterThan(1);
    useVirtualTime();
    await nothingMore();
    expect(env.mock.requests).toHaveLength(1);
  });

  it('sends nothing more when unsubscribed during the backoff', async () => {
    useVirtualTime();
    env.mock.requests.length = 0;
    env.mock.enqueue({ type: 'status', status: 503, headers: { 'retry-after-ms': '300' } });
    const subscription = env.client.chat.completions
      .create({ model: 'gpt-4o', messages: MESSAGES, stream: true })
      .subscribe();
    await timerSet(300);
    subscription.unsubscribe();
    expect(jest.getTimerCount()).toBe(0);
    await nothingMore();
    expect(env.mock.requests).toHaveLength(1);
  });

  it('says how many attempts were made in the final error', async () => {
    const { error } = await run([fast(503), fast(503), fast(503)]);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ attempt: 3, maxAttempts: 3 });
    expect((error as Error).message).toMatch(
      /^503 .*\(POST \/chat\/completions, request req_\w+, attempt 3 of 3\)$/,
    );
    expect(env.mock.requests).toHaveLength(3);
    expectNoSecret(error);
  });

  it('uses the per-request maxRetries', async () => {
    const { error } = await run([fast(503), fast(503)], true, { maxRetries: 1 });
    expect(error).toMatchObject({ attempt: 2, maxAttempts: 2 });
    expect(env.mock.requests).toHaveLength(2);
  });

  it('retries a request timeout', async () => {
    useVirtualTime();
    const outcome = run([{ type: 'chat', fault: { kind: 'stall-before-headers' } }], true, {
      timeout: 400,
      maxRetries: 1,
    });
    await env.mock.waitForRequests(1);
    await fire(400);
    await fire(backoff(1));
    // The clock stands still now, so the second attempt's request timer cannot fire.
    const { completed, error } = await outcome;
    expect(error).toBeUndefined();
    expect(completed).toBe(true);
    expect(env.mock.requests).toHaveLength(2);
  });

  it('retries connection errors and says so', async () => {
    const client = createClient({
      apiKey: SECRET,
      baseURL: `http://127.0.0.1:${await closedPort()}/v1`,
      maxRetries: 1,
    });
    useVirtualTime();
    const outcome = collect(client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }));
    await fire(backoff(1));
    const { error } = await outcome;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/attempt 2 of 2/);
  });

  describe('a connection failure after the headers, before any event', () => {
    const opensOf = (values: Array<StreamEvent<unknown>>) =>
      values.flatMap((event) => (event.type === 'open' ? [event.response.attempts] : []));
    const dataOf = (values: Array<StreamEvent<unknown>>) => values.filter((event) => event.type === 'data');

    it('a reset at 0 body bytes is retried; each attempt shows its own open event', async () => {
      useVirtualTime();
      const outcome = run([{ type: 'chat', fault: { kind: 'reset-after-bytes', bytes: 0 } }]);
      await fire(backoff(1));
      const { values, completed, error } = await outcome;
      expect(error).toBeUndefined();
      expect(completed).toBe(true);
      expect(env.mock.requests).toHaveLength(2);
      expect(opensOf(values)).toEqual([1, 2]);
      expect(dataOf(values).length).toBeGreaterThan(1);
    });

    it('an empty 200 body (headers-then-end) is retried', async () => {
      useVirtualTime();
      const outcome = run([{ type: 'chat', fault: { kind: 'headers-then-end' } }]);
      await fire(backoff(1));
      const { values, completed } = await outcome;
      expect(completed).toBe(true);
      expect(env.mock.requests).toHaveLength(2);
      expect(opensOf(values)).toEqual([1, 2]);
    });

    it('a stall is retried on firstChunkTimeout, and the final error says how many attempts', async () => {
      useVirtualTime();
      const stall: MockReply = { type: 'chat', fault: { kind: 'stall' } };
      const outcome = run([stall, stall, stall], true, {
        firstChunkTimeout: 150,
        idleTimeout: 0,
        maxRetries: 2,
      });
      for (const retry of [1, 2]) {
        await fire(150);
        await fire(backoff(retry));
      }
      await fire(150);
      const { values, error } = await outcome;
      expect(error).toBeInstanceOf(FirstChunkTimeoutError);
      expect(error).toMatchObject({ timeout: 'firstChunk', ms: 150, attempt: 3 });
      expect((error as Error).message).toMatch(
        /^No event within 150 ms .*\(POST \/chat\/completions, request req_\w+, attempt 3 of 3\)$/,
      );
      expect(env.mock.requests).toHaveLength(3);
      expect(opensOf(values)).toEqual([1, 2, 3]);
      expect(dataOf(values)).toHaveLength(0);
      const closed = await Promise.all(env.mock.requests.map((request) => request.closed));
      expect(closed.every((close) => close.abortedByClient)).toBe(true);
      expectNoSecret(error);
    });

    it('an idle timeout before any event is retried, sharing the budget with HTTP retries', async () => {
      useVirtualTime();
      const stall: MockReply = { type: 'chat', fault: { kind: 'stall' } };
      const recovered = run([fast(503), stall], true, { idleTimeout: 150, maxRetries: 2 });
      await fire(0); // retry-after-ms: 0
      await fire(150);
      await fire(backoff(2));
      const { completed } = await recovered;
      expect(completed).toBe(true);
      expect(env.mock.requests).toHaveLength(3);
      // A fresh clock for the second run: a timer the first run set late (a 0 ms one, in its teardown)
      // must not be taken for the second run's retry-after-ms: 0 (it hung the test once in CI).
      await nothingMore();
      useRealTime();
      useVirtualTime();
      const outcome = run([fast(503), stall], true, { idleTimeout: 150, maxRetries: 1 });
      await fire(0);
      await fire(150);
      const exhausted = await outcome;
      expect(exhausted.error).toBeInstanceOf(IdleTimeoutError);
      expect(exhausted.error).toMatchObject({ attempt: 2 });
      expect(env.mock.requests).toHaveLength(2);
    });

    it('is not retried once a chunk was delivered', async () => {
      useVirtualTime();
      env.mock.requests.length = 0;
      env.mock.enqueue({ type: 'chat', text: 'a b c', fault: { kind: 'stall-after-chunks', chunks: 1 } });
      const seen: Array<StreamEvent<ChatCompletionChunk>> = [];
      const outcome = collect(
        env.client.chat.completions
          .create(
            { model: 'gpt-4o', messages: MESSAGES, stream: true },
            { observe: 'events', idleTimeout: 150 },
          )
          .pipe(tap((event) => seen.push(event))),
      );
      await until(() => dataOf(seen).length === 1, 'the first chunk');
      await fire(150);
      const { values, error } = await outcome;
      expect(error).toBeInstanceOf(IdleTimeoutError);
      expect(dataOf(values)).toHaveLength(1);
      await nothingMore();
      expect(env.mock.requests).toHaveLength(1);
    });

    it('is not retried when the 200 response says x-should-retry: false', async () => {
      const { error } = await run([
        {
          type: 'raw',
          headers: { 'content-type': 'text/event-stream', 'x-should-retry': 'false' },
          chunks: [],
        },
      ]);
      expect(error).toBeInstanceOf(StreamTruncatedError);
      expect(env.mock.requests).toHaveLength(1);
    });

    it('is not retried when the caller aborts, nor with maxRetries: 0', async () => {
      useVirtualTime();
      const controller = new AbortController();
      const outcome = run([{ type: 'chat', fault: { kind: 'stall' } }], true, { signal: controller.signal });
      await env.mock.waitForRequests(1);
      controller.abort();
      const aborted = await outcome;
      expect(aborted.error).toBeInstanceOf(APIUserAbortError);
      await nothingMore();
      expect(env.mock.requests).toHaveLength(1);
      const once = await run([{ type: 'chat', fault: { kind: 'headers-then-end' } }], true, {
        maxRetries: 0,
      });
      expect(once.error).toBeInstanceOf(StreamTruncatedError);
      expect(env.mock.requests).toHaveLength(1);
    });

    it('applies to Responses streams too', async () => {
      useVirtualTime();
      env.mock.requests.length = 0;
      env.mock.enqueue(
        { type: 'responses', fault: { kind: 'headers-then-end' } },
        { type: 'responses', text: 'Recovered.' },
      );
      const outcome = collect(
        env.client.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true }, { observe: 'events' }),
      );
      await fire(backoff(1));
      const { values, completed } = await outcome;
      expect(completed).toBe(true);
      expect(env.mock.requests).toHaveLength(2);
      expect(opensOf(values as Array<StreamEvent<unknown>>)).toEqual([1, 2]);
    });
  });

  describe('an error frame in a 200 stream', () => {
    const frame = (type: string, chunks = 0): MockReply => ({
      type: 'chat',
      text: 'a b c',
      errorAfter: { chunks, error: { message: 'The server had an error.', type, code: null } },
    });

    it('is retried like a 5xx when it is a server_error before any chunk', async () => {
      useVirtualTime();
      const outcome = run([frame('server_error')]);
      await fire(backoff(1));
      const { values, completed } = await outcome;
      expect(completed).toBe(true);
      expect(env.mock.requests).toHaveLength(2);
      const opens = values.filter((event) => event.type === 'open');
      expect(opens.map((event) => event.type === 'open' && event.response.attempts)).toEqual([1, 2]);
    });

    it('shares the retry budget with the HTTP retries', async () => {
      useVirtualTime();
      const outcome = run([fast(503), frame('server_error'), frame('server_error')], true, {
        maxRetries: 2,
      });
      await fire(0); // retry-after-ms: 0
      await fire(backoff(2));
      const { error } = await outcome;
      expect(error).toBeInstanceOf(APIStreamError);
      expect((error as Error).message).toMatch(/attempt 3 of 3/);
      expect(env.mock.requests).toHaveLength(3);
    });

    it('is not retried after a chunk was delivered, nor when it is not a server_error', async () => {
      const late = await run([frame('server_error', 1)]);
      expect(late.error).toBeInstanceOf(APIStreamError);
      expect(env.mock.requests).toHaveLength(1);
      const other = await run([frame('invalid_request_error')]);
      expect(other.error).toBeInstanceOf(APIStreamError);
      expect(env.mock.requests).toHaveLength(1);
    });

    it('is not retried when unsubscribed during its backoff', async () => {
      useVirtualTime();
      env.mock.requests.length = 0;
      env.mock.enqueue(frame('server_error'));
      const seen: Array<StreamEvent<ChatCompletionChunk>> = [];
      const subscription = env.client.chat.completions
        .create({ model: 'gpt-4o', messages: MESSAGES, stream: true }, { observe: 'events' })
        .subscribe((event) => seen.push(event));
      await timerSet(backoff(1));
      subscription.unsubscribe();
      expect(jest.getTimerCount()).toBe(0);
      await nothingMore();
      expect(env.mock.requests).toHaveLength(1);
    });
  });
});
