import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Observable } from 'rxjs';
import { take, takeUntil, timer } from 'rxjs';
import type { ChatCompletion, ChatCompletionChunk } from '../../lib/chat/schemas/index.js';
import type { StreamEvent } from '../../lib/http/events.js';
import { BadRequestError, RateLimitError } from '../../lib/errors/status.js';
import { collect, delay, MESSAGES, setup } from '../http/helpers.js';
import { backoff, fire, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';

describe('client.chat.completions.create', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  afterEach(useRealTime);
  const completions = () => env.client.chat.completions;
  const fresh = () => {
    env.mock.requests.length = 0;
  };

  describe.each([
    ['stream', true],
    ['non-stream', false],
  ] as const)('%s', (_name, stream) => {
    const create$ = () =>
      completions().create({ model: 'gpt-4o', messages: MESSAGES, stream }) as Observable<
        ChatCompletion | ChatCompletionChunk
      >;

    it('does not start before subscribe', async () => {
      fresh();
      const completion$ = create$();
      await delay(50);
      expect(env.mock.requests).toHaveLength(0);
      await collect(completion$);
      expect(env.mock.requests).toHaveLength(1);
    });

    it('aborts on unsubscribe while waiting for the response', async () => {
      fresh();
      env.mock.enqueue({ type: 'chat', fault: { kind: 'stall-before-headers' } });
      const subscription = create$().subscribe();
      const [recorded] = await env.mock.waitForRequests(1);
      subscription.unsubscribe();
      expect(await recorded!.closed).toEqual({ abortedByClient: true });
    });

    it('propagates errors', async () => {
      env.mock.enqueue({ type: 'status', status: 429 });
      const outcome = await collect(create$());
      expect(outcome.error).toBeInstanceOf(RateLimitError);
      expect(outcome.completed).toBe(false);
    });

    it('completes, each subscription sending its own request', async () => {
      fresh();
      const completion$ = create$();
      const [first, second] = await Promise.all([collect(completion$), collect(completion$)]);
      expect(first.completed && second.completed).toBe(true);
      expect(env.mock.requests).toHaveLength(2);
    });

    it('fails with APIUserAbortError when the signal aborts', async () => {
      fresh();
      env.mock.enqueue({ type: 'chat', fault: { kind: 'stall-before-headers' } });
      const controller = new AbortController();
      const outcome$ = collect(
        completions().create(
          { model: 'gpt-4o', messages: MESSAGES, stream },
          { signal: controller.signal },
        ) as Observable<unknown>,
      );
      const [recorded] = await env.mock.waitForRequests(1);
      controller.abort();
      expect((await outcome$).error).toMatchObject({ name: 'APIUserAbortError' });
      expect(await recorded!.closed).toEqual({ abortedByClient: true });
    });
  });

  it('streams typed chunks and completes at [DONE] (the guide, line for line)', async () => {
    env.mock.enqueue({ type: 'chat', text: 'Once upon a time, a robot.' });
    const chunks$ = completions().create({ model: 'gpt-4o', messages: MESSAGES, stream: true });
    const { values, completed } = await collect(chunks$);
    expect(completed).toBe(true);
    expect(values.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Once upon a time, a robot.',
    );
  });

  it('aborts on unsubscribe after the first chunk: the server sees the socket close', async () => {
    fresh();
    env.mock.enqueue({ type: 'chat', text: 'a b c d e f g h i j k l m n o p q r s t', delayMs: 20 });
    const { values } = await collect(
      completions().create({ model: 'gpt-4o', messages: MESSAGES, stream: true }).pipe(take(1)),
    );
    expect(values).toHaveLength(1);
    const [recorded] = await env.mock.waitForRequests(1);
    expect(await recorded!.closed).toEqual({ abortedByClient: true });
  });

  it('stops with takeUntil', async () => {
    fresh();
    env.mock.enqueue({ type: 'chat', text: 'a b c d e f g h i j k l m n o p q r s t', delayMs: 20 });
    const outcome = await collect(
      completions()
        .create({ model: 'gpt-4o', messages: MESSAGES, stream: true })
        .pipe(takeUntil(timer(70))),
    );
    expect(outcome.completed).toBe(true);
    expect(outcome.values.length).toBeLessThan(20);
    expect(await env.mock.requests[0]!.closed).toEqual({ abortedByClient: true });
  });

  it("observe: 'events' emits a typed open event with the metadata, then data events", async () => {
    env.mock.enqueue({ type: 'chat', text: 'Hi there' });
    const events$: Observable<StreamEvent<ChatCompletionChunk>> = completions().create(
      { model: 'gpt-4o', messages: MESSAGES, stream: true },
      { observe: 'events' },
    );
    const { values } = await collect(events$);
    const [open, ...rest] = values;
    expect(open?.type).toBe('open');
    if (open?.type !== 'open') throw new Error('no open event');
    expect(open.response).toMatchObject({ status: 200, statusText: 'OK', attempts: 1 });
    expect(open.response.requestId).toMatch(/^req_/);
    expect(open.response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((event) => event.type === 'data')).toBe(true);
  });

  it("observe: 'events' works for a non-streaming completion", async () => {
    const events$: Observable<StreamEvent<ChatCompletion>> = completions().create(
      { model: 'gpt-4o', messages: MESSAGES },
      { observe: 'events' },
    );
    const { values } = await collect(events$);
    expect(values.map((event) => event.type)).toEqual(['open', 'data']);
    const data = values[1];
    if (data?.type !== 'data') throw new Error('no data');
    expect(data.data.object).toBe('chat.completion');
  });

  it('emits one validated ChatCompletion without stream, keeping unknown fields', async () => {
    env.mock.enqueue({ type: 'chat', text: 'Hello.' });
    const completion$: Observable<ChatCompletion> = completions().create({
      model: 'gpt-4o',
      messages: MESSAGES,
    });
    const { values } = await collect(completion$);
    expect(values).toHaveLength(1);
    expect(values[0]?.choices[0]?.message.content).toBe('Hello.');
  });

  it('sends unknown extra params as they are', async () => {
    fresh();
    await collect(
      completions().create({ model: 'gpt-4o', messages: MESSAGES, stream: true, my_vendor_flag: { x: 1 } }),
    );
    expect(env.mock.requests[0]?.body).toMatchObject({ my_vendor_flag: { x: 1 }, stream: true });
  });

  it('throws a TypeError at once for bad request options or params', () => {
    expect(() => completions().create({ model: 'm', messages: MESSAGES }, { timeout: -1 })).toThrow(
      'chat.completions.create: option "timeout" must be a non-negative finite number, got -1',
    );
    expect(() => completions().create(null as never)).toThrow(TypeError);
  });

  it('retries an early error frame by the same server-error rule as the Responses API', async () => {
    useVirtualTime(); // the backoffs
    fresh();
    const frame = (type: string, code: string | null) => ({
      type: 'chat' as const,
      errorAfter: { chunks: 0, error: { message: 'Try again.', type, code } },
    });
    env.mock.enqueue(frame('overloaded', null), frame('error', 'internal_error'));
    const retried = collect(
      completions().create({ model: 'm', messages: MESSAGES, stream: true }, { maxRetries: 2 }),
    );
    await fire(backoff(1));
    await fire(backoff(2));
    const outcome = await retried;
    expect(outcome.completed).toBe(true);
    expect(env.mock.requests).toHaveLength(3);
    fresh();
    env.mock.enqueue(frame('rate_limit_exceeded', 'rate_limit_exceeded'));
    const limited = await collect(
      completions().create({ model: 'm', messages: MESSAGES, stream: true }, { maxRetries: 2 }),
    );
    expect(limited.error).toMatchObject({ name: 'APIStreamError', code: 'rate_limit_exceeded' });
    expect(env.mock.requests).toHaveLength(1);
  });

  it('lets a request override maxRetries', async () => {
    fresh();
    env.mock.enqueue({ type: 'status', status: 400 });
    const outcome = await collect(
      completions().create({ model: 'm', messages: MESSAGES }, { maxRetries: 5 }),
    );
    expect(outcome.error).toBeInstanceOf(BadRequestError);
    expect(env.mock.requests).toHaveLength(1);
  });
});
