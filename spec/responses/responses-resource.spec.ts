import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { last, type Observable } from 'rxjs';
import {
  NotFoundError,
  RateLimitError,
  ResponseFailedError,
  ResponseResumeError,
  ResponseStreamError,
  StreamTruncatedError,
} from '../../lib/errors/index.js';
import {
  accumulateResponse,
  responseFunctionCalls,
  responseTextDeltas,
  type Response,
  type ResponseStreamEvent,
} from '../../lib/responses/index.js';
import type { StreamEvent } from '../../lib/http/events.js';
import { collect, delay, expectNoSecret, setup } from '../http/helpers.js';
import { nothingMore, timerSet, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';

const TEXT = 'The quick brown fox jumps over the lazy dog';
const sequenceNumbers = (events: ResponseStreamEvent[]) => events.map((event) => event.sequence_number);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('client.responses', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  afterEach(useRealTime);
  const responses = () => env.client.responses;
  const fresh = () => {
    env.mock.requests.length = 0;
  };

  describe.each([
    ['stream', true],
    ['non-stream', false],
  ] as const)('create (%s)', (_name, stream) => {
    const create$ = () =>
      responses().create({ model: 'gpt-4o', input: 'Hi', stream }) as Observable<
        Response | ResponseStreamEvent
      >;

    it('does not start before subscribe', async () => {
      fresh();
      const response$ = create$();
      await delay(50);
      expect(env.mock.requests).toHaveLength(0);
      expect((await collect(response$)).completed).toBe(true);
      expect(env.mock.requests).toHaveLength(1);
    });

    it('aborts on unsubscribe, and the server sees the close', async () => {
      fresh();
      env.mock.enqueue({ type: 'responses', fault: { kind: 'stall-after-chunks', chunks: 2 } });
      const subscription = create$().subscribe();
      const [recorded] = await env.mock.waitForRequests(1);
      await delay(30);
      subscription.unsubscribe();
      expect(await recorded!.closed).toEqual({ abortedByClient: true });
    });

    it('propagates errors', async () => {
      env.mock.enqueue({ type: 'status', status: 429 });
      const outcome = await collect(create$());
      expect(outcome.error).toBeInstanceOf(RateLimitError);
      expect(outcome.completed).toBe(false);
      expectNoSecret(outcome.error);
    });

    it('completes, each subscription sending its own request', async () => {
      fresh();
      const response$ = create$();
      const [first, second] = await Promise.all([collect(response$), collect(response$)]);
      expect(first.completed && second.completed).toBe(true);
      expect(env.mock.requests).toHaveLength(2);
    });
  });

  it('streams typed events that the operators turn into text, a snapshot and calls', async () => {
    env.mock.enqueue({ type: 'responses', text: TEXT, eventLines: true });
    const events = await collect(responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }));
    expect(events.completed).toBe(true);
    expect(sequenceNumbers(events.values)).toEqual(range(events.values.length));
    expect(events.values.at(-1)?.type).toBe('response.completed');

    env.mock.enqueue({ type: 'responses', text: TEXT });
    const text = await collect(
      responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }).pipe(responseTextDeltas()),
    );
    expect(text.values.join('')).toBe(TEXT);

    env.mock.enqueue({ type: 'responses', text: TEXT });
    const snapshot = await collect(
      responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }).pipe(accumulateResponse(), last()),
    );
    expect(snapshot.values[0]).toMatchObject({
      status: 'completed',
      output_text: TEXT,
      usage: expect.any(Object),
    });

    env.mock.enqueue({
      type: 'responses',
      functionCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_7' }],
    });
    const calls = await collect(
      responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }).pipe(responseFunctionCalls()),
    );
    expect(calls.values).toEqual([
      expect.objectContaining({
        callId: 'call_7',
        name: 'get_weather',
        parsed: { city: 'Paris' },
        validated: false,
      }),
    ]);
  });

  it('emits one Response with output_text without stream', async () => {
    env.mock.enqueue({ type: 'responses', text: TEXT });
    const outcome = await collect(responses().create({ model: 'gpt-4o', input: 'Hi' }));
    expect(outcome.values).toHaveLength(1);
    expect(outcome.values[0]).toMatchObject({ object: 'response', status: 'completed', output_text: TEXT });
  });

  it('ends with ResponseStreamError on an error event, ResponseFailedError on failed, and completes on incomplete', async () => {
    env.mock.enqueue({
      type: 'responses',
      errorEvent: { code: 'rate_limit_exceeded', message: 'Slow down', afterEvents: 3 },
    });
    const errored = await collect(responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }));
    expect(errored.values.length).toBeGreaterThan(0);
    expect(errored.values.every((event) => event.type !== 'error')).toBe(true);
    expect(errored.error).toBeInstanceOf(ResponseStreamError);
    expect(errored.error).toMatchObject({
      code: 'rate_limit_exceeded',
      kind: 'rate_limit',
      requestId: expect.any(String),
    });

    env.mock.enqueue({
      type: 'responses',
      failed: { code: 'server_error', message: 'Boom', afterEvents: 3 },
    });
    const failed = await collect(responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }));
    expect(failed.values.at(-1)?.type).toBe('response.failed');
    expect(failed.error).toBeInstanceOf(ResponseFailedError);
    expect(failed.error).toMatchObject({
      code: 'server_error',
      kind: 'server',
      response: { status: 'failed' },
    });

    env.mock.enqueue({ type: 'responses', text: TEXT, incomplete: true });
    const incomplete = await collect(
      responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }).pipe(accumulateResponse(), last()),
    );
    expect(incomplete.completed).toBe(true);
    expect(incomplete.values[0]).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
  });

  it('fails with StreamTruncatedError when a non-background stream drops', async () => {
    env.mock.enqueue({ type: 'responses', text: TEXT, fault: { kind: 'no-done' } });
    const outcome = await collect(responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }));
    expect(outcome.error).toBeInstanceOf(StreamTruncatedError);
    expect(outcome.values.length).toBeGreaterThan(3);
  });

  it('passes unknown event types through', async () => {
    const frames = [
      {
        type: 'response.created',
        sequence_number: 0,
        response: { id: 'resp_raw', status: 'in_progress', output: [] },
      },
      { type: 'keepalive' },
      { type: 'response.brand_new.delta', sequence_number: 1, delta: 'x' },
      {
        type: 'response.completed',
        sequence_number: 2,
        response: { id: 'resp_raw', status: 'completed', output: [] },
      },
    ];
    env.mock.enqueue({ type: 'raw', chunks: frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`) });
    const outcome = await collect(responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }));
    expect(outcome.completed).toBe(true);
    expect(outcome.values.map((event) => (event.type === 'unknown' ? event.event_type : event.type))).toEqual(
      ['response.created', 'keepalive', 'response.brand_new.delta', 'response.completed'],
    );
  });

  describe('retrieve', () => {
    it('returns the stored response, and streams it from after starting_after', async () => {
      env.mock.enqueue({ type: 'responses', text: TEXT, background: true });
      const [created] = (
        await collect(responses().create({ model: 'gpt-4o', input: 'Hi', background: true }))
      ).values;
      const id = created!.id;
      const retrieved = await collect(responses().retrieve(id));
      expect(retrieved.values[0]).toMatchObject({ id, status: 'completed', output_text: TEXT });

      fresh();
      const streamed = await collect(responses().retrieve(id, { stream: true, starting_after: 3 }));
      expect(streamed.completed).toBe(true);
      expect(streamed.values[0]?.sequence_number).toBe(4);
      expect(env.mock.requests[0]).toMatchObject({
        method: 'GET',
        path: `/v1/responses/${id}`,
        query: { stream: 'true', starting_after: '3' },
      });
    });

    it('cancels a background response, and shows the open event with observe: events', async () => {
      env.mock.enqueue({ type: 'responses', text: TEXT, background: true });
      const [created] = (
        await collect(responses().create({ model: 'gpt-4o', input: 'Hi', background: true }))
      ).values;
      const cancelled = await collect(responses().cancel(created!.id, { observe: 'events' }));
      expect(cancelled.values.map((event) => event.type)).toEqual(['open', 'data']);
      expect(cancelled.values[0]).toMatchObject({ response: { status: 200, requestId: expect.any(String) } });
      expect(cancelled.values[1]).toMatchObject({ data: { id: created!.id, status: 'cancelled' } });
      expect(() => responses().retrieve('')).toThrow(TypeError);
    });

    it('fails with NotFoundError for an unknown id', async () => {
      const outcome = await collect(responses().retrieve('resp_nope', { stream: true }));
      expect(outcome.error).toBeInstanceOf(NotFoundError);
    });
  });

  describe('resume (background: true)', () => {
    it('survives two drops: every event exactly once, in order, then completes', async () => {
      fresh();
      env.mock.enqueue({
        type: 'responses',
        text: TEXT,
        background: true,
        fault: { kind: 'drop-after-chunks', chunks: 6 },
        faultOnResume: true,
      });
      const opens: number[] = [];
      const outcome = await collect(
        responses().create(
          { model: 'gpt-4o', input: 'Hi', stream: true, background: true },
          { observe: 'events', resume: { backoff: 5 } },
        ) as Observable<StreamEvent<ResponseStreamEvent>>,
      );
      const events = outcome.values.flatMap((event) =>
        event.type === 'data' ? [event.data] : (opens.push(1), []),
      );
      expect(outcome.error).toBeUndefined();
      expect(outcome.completed).toBe(true);
      expect(sequenceNumbers(events)).toEqual(range(events.length));
      expect(events.at(-1)?.type).toBe('response.completed');
      const gets = env.mock.requests.filter((request) => request.method === 'GET');
      expect(gets.length).toBeGreaterThanOrEqual(2);
      expect(opens).toHaveLength(gets.length + 1);
      expect(gets.map((request) => request.query)).toEqual(
        gets.map((_, i) => ({ stream: 'true', starting_after: String(6 * (i + 1) - 1) })),
      );
      const text = events.flatMap((event) =>
        event.type === 'response.output_text.delta' ? [event.delta] : [],
      );
      expect(text.join('')).toBe(TEXT);
    });

    it('gives up after maxAttempts reconnects without progress, naming the id and sequence_number', async () => {
      fresh();
      env.mock.enqueue({
        type: 'responses',
        text: TEXT,
        background: true,
        fault: { kind: 'no-done' },
        faultOnResume: true,
      });
      const outcome = await collect(
        responses().create(
          { model: 'gpt-4o', input: 'Hi', stream: true, background: true },
          { resume: { maxAttempts: 3, backoff: 1 } },
        ),
      );
      const lastSeen = outcome.values.at(-1)!.sequence_number;
      expect(outcome.error).toBeInstanceOf(ResponseResumeError);
      expect(outcome.error).toMatchObject({
        lastSequenceNumber: lastSeen,
        reconnectAttempts: 3,
        responseId: expect.stringMatching(/^resp_/),
      });
      expect((outcome.error as Error).message).toContain(`after sequence_number ${lastSeen}`);
      const gets = env.mock.requests.filter((request) => request.method === 'GET');
      expect(gets).toHaveLength(3);
      expect(gets.every((request) => request.query['starting_after'] === String(lastSeen))).toBe(true);
    });

    it('sends no request after unsubscribe during the backoff', async () => {
      useVirtualTime();
      fresh();
      env.mock.enqueue({
        type: 'responses',
        text: TEXT,
        background: true,
        fault: { kind: 'drop-after-chunks', chunks: 3 },
      });
      const seen: ResponseStreamEvent[] = [];
      const subscription = responses()
        .create(
          { model: 'gpt-4o', input: 'Hi', stream: true, background: true },
          { resume: { backoff: 200 } },
        )
        .subscribe({
          next: (event) => seen.push(event),
          error: (error: unknown) => seen.push(error as never),
        });
      await timerSet(200);
      subscription.unsubscribe();
      expect(jest.getTimerCount()).toBe(0);
      await nothingMore();
      expect(sequenceNumbers(seen)).toEqual([0, 1, 2]);
      expect(env.mock.requests.filter((request) => request.method === 'GET')).toHaveLength(0);
    });

    it('is off with resume: false, and rejects bad resume options at once', async () => {
      env.mock.enqueue({
        type: 'responses',
        text: TEXT,
        background: true,
        fault: { kind: 'drop-after-chunks', chunks: 3 },
      });
      const outcome = await collect(
        responses().create(
          { model: 'gpt-4o', input: 'Hi', stream: true, background: true },
          { resume: false },
        ),
      );
      expect(outcome.error).toMatchObject({ name: expect.stringMatching(/Connection|Truncated/) });
      expect(() =>
        responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }, { resume: { maxAttempts: 0 } }),
      ).toThrow(/resume.maxAttempts/);
      expect(() =>
        responses().create({ model: 'gpt-4o', input: 'Hi', stream: true }, { resume: 'yes' as never }),
      ).toThrow(TypeError);
    });
  });
});
