import { getEventListeners } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { resolveRequestOptions, type RequestOptions } from '../../lib/http/request-options.js';
import { sseRequest } from './pipeline.js';
import { isAPIUserAbortError } from '../../lib/errors/connection.js';
import { isAPIStatusError } from '../../lib/errors/status.js';
import { isUnexpectedResponseError } from '../../lib/errors/unexpected-response-error.js';
import { isSSEParseError } from '../../lib/errors/sse-parse-error.js';
import type { SSEStreamItem } from './pipeline.js';
import { backoff, fire, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';
import { collect, delay, MESSAGES, setup, SECRET } from './helpers.js';

describe('sseRequest', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  afterEach(useRealTime);

  const request$ = (options: RequestOptions = {}) =>
    sseRequest(
      env.client.options,
      {
        method: 'POST',
        path: '/chat/completions',
        body: { model: 'gpt-4o', messages: MESSAGES, stream: true },
      },
      resolveRequestOptions(env.client.options, options),
    );
  const fresh = () => {
    env.mock.requests.length = 0;
  };

  it('does not send anything before subscribe', async () => {
    fresh();
    const stream$ = request$();
    await delay(50);
    expect(env.mock.requests).toHaveLength(0);
    const outcome = await collect(stream$);
    expect(outcome.completed).toBe(true);
    expect(env.mock.requests).toHaveLength(1);
  });

  it('emits open, then every event in order, then completes', async () => {
    fresh();
    env.mock.enqueue({ type: 'chat', text: 'one two three' });
    const { values, completed } = await collect(request$());
    expect(completed).toBe(true);
    const open = values[0] as Extract<SSEStreamItem, { type: 'open' }>;
    expect(open.type).toBe('open');
    expect(open.response).toMatchObject({ status: 200, attempts: 1 });
    expect(open.response.requestId).toEqual(expect.any(String));
    const data = values.slice(1).map((item) => (item.type === 'open' ? '' : item.event.data));
    expect(data[data.length - 1]).toBe('[DONE]');
    expect(values.slice(1).every((item) => item.type === 'sse')).toBe(true);
  });

  it('sends the headers: bearer key, JSON, event-stream, org/project, user and request headers', async () => {
    fresh();
    const { client, mock } = await setup(
      {},
      { organization: 'org-9', project: 'proj-9', headers: { 'X-Client': 'c' } },
    );
    const stream$ = sseRequest(
      client.options,
      {
        method: 'POST',
        path: '/chat/completions',
        body: { model: 'm', messages: MESSAGES, stream: true, extra_param: 1 },
      },
      resolveRequestOptions(client.options, {
        headers: { 'X-Request': 'r' },
        query: { 'api-version': '2024-10-21' },
      }),
    );
    await collect(stream$);
    const [recorded] = mock.requests;
    expect(recorded?.headers).toMatchObject({
      authorization: `Bearer ${SECRET}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'openai-organization': 'org-9',
      'openai-project': 'proj-9',
      'x-client': 'c',
      'x-request': 'r',
    });
    expect(recorded?.query).toEqual({ 'api-version': '2024-10-21' });
    expect(recorded?.body).toMatchObject({ extra_param: 1 });
    await mock.close();
  });

  it('sends no Authorization header without a key', async () => {
    const { client, mock } = await setup({}, { apiKey: undefined });
    const keyless = { ...client.options };
    Object.defineProperty(keyless, 'apiKey', { value: undefined });
    await collect(
      sseRequest(
        keyless,
        { method: 'POST', path: '/chat/completions', body: { model: 'm', messages: MESSAGES, stream: true } },
        resolveRequestOptions(client.options, {}),
      ),
    );
    expect(mock.requests[0]?.headers['authorization']).toBeUndefined();
    await mock.close();
  });

  it('aborts the request when unsubscribed before the headers', async () => {
    fresh();
    env.mock.enqueue({ type: 'chat', fault: { kind: 'stall-before-headers' } });
    const subscription = request$().subscribe();
    const [recorded] = await env.mock.waitForRequests(1);
    subscription.unsubscribe();
    expect(await recorded!.closed).toEqual({ abortedByClient: true });
  });

  it('aborts the request and cancels the body when unsubscribed after the first event', async () => {
    fresh();
    env.mock.enqueue({ type: 'chat', text: 'a b c d e f g h i j k l m n o p', delayMs: 30 });
    const received: SSEStreamItem[] = [];
    const subscription = request$().subscribe((item) => {
      received.push(item);
      if (item.type === 'sse') subscription.unsubscribe();
    });
    const [recorded] = await env.mock.waitForRequests(1);
    expect(await recorded!.closed).toEqual({ abortedByClient: true });
    expect(received.filter((item) => item.type === 'sse')).toHaveLength(1);
    expect(recorded!.framesSent).toBeLessThan(10);
  });

  it('propagates errors (a status error) and releases the connection', async () => {
    fresh();
    env.mock.enqueue({ type: 'status', status: 400 });
    const outcome = await collect(request$());
    expect(isAPIStatusError(outcome.error)).toBe(true);
    expect(outcome.values).toHaveLength(0);
  });

  it('fails with APIUserAbortError when the external signal aborts, and the server sees the close', async () => {
    fresh();
    env.mock.enqueue({ type: 'chat', fault: { kind: 'stall-after-chunks', chunks: 1 } });
    const controller = new AbortController();
    const outcome$ = collect(request$({ signal: controller.signal }));
    const [recorded] = await env.mock.waitForRequests(1);
    await delay(30);
    controller.abort();
    const outcome = await outcome$;
    expect(isAPIUserAbortError(outcome.error)).toBe(true);
    expect(await recorded!.closed).toEqual({ abortedByClient: true });
  });

  it('fails at once, sending nothing, with an already aborted signal', async () => {
    fresh();
    const outcome = await collect(request$({ signal: AbortSignal.abort() }));
    expect(isAPIUserAbortError(outcome.error)).toBe(true);
    await delay(30);
    expect(env.mock.requests).toHaveLength(0);
  });

  it('removes its listener from the external signal (no listener leak over many requests)', async () => {
    fresh();
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (
      removed++,
      remove(...args)
    )) as typeof remove;
    for (let i = 0; i < 20; i++) {
      env.mock.enqueue({ type: 'chat', text: 'hi' });
      await collect(request$({ signal }));
    }
    expect(added).toBe(20);
    expect(removed).toBe(20);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('leaves no listener on a shared signal after 1,000 subscriptions (and sends nothing for them)', async () => {
    fresh();
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    // 100x the MaxListeners threshold; any listener left behind also shows in the exact count below.
    for (let i = 0; i < 1_000; i++) request$({ signal: controller.signal }).subscribe().unsubscribe();
    await delay(50);
    process.off('warning', onWarning);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(env.mock.requests).toHaveLength(0);
  });

  it('reports a block left unterminated at the end of the body as a tail item', async () => {
    env.mock.enqueue({ type: 'raw', chunks: ['data: a\n\n', 'data: [DONE]\n'] });
    const { values } = await collect(request$());
    expect(values.slice(1)).toEqual([
      { type: 'sse', event: { event: 'message', data: 'a', id: '' } },
      { type: 'tail', event: { event: 'message', data: '[DONE]', id: '' } },
    ]);
  });

  it('does not emit keep-alives: events whose data is empty or blank, also as the tail', async () => {
    env.mock.enqueue({
      type: 'raw',
      chunks: [': ping\n\n', 'data:\n\n', 'data: a\n\n', 'event: ping\ndata:  \t\n\n', 'data: \r\n', 'data:'],
    });
    const { values, completed } = await collect(request$());
    expect(completed).toBe(true);
    expect(values.slice(1)).toEqual([{ type: 'sse', event: { event: 'message', data: 'a', id: '' } }]);
  });

  it('keep-alives before a reset leave retryEarlyErrors free to retry (nothing was emitted)', async () => {
    useVirtualTime();
    fresh();
    env.mock.enqueue({
      type: 'raw',
      chunks: ['data:\n\n', 'data: \n\n'],
      fault: { kind: 'drop-after-chunks', chunks: 2 },
    });
    const outcome = collect(
      env.client.chat.completions.create(
        { model: 'gpt-4o', messages: MESSAGES, stream: true },
        { maxRetries: 1 },
      ),
    );
    await fire(backoff(1));
    const { completed, error } = await outcome;
    expect(error).toBeUndefined();
    expect(completed).toBe(true);
    expect(env.mock.requests).toHaveLength(2);
  });

  it('fails with UnexpectedResponseError for a 200 that is not an event stream', async () => {
    env.mock.enqueue({
      type: 'raw',
      headers: { 'content-type': 'application/json' },
      chunks: ['{"id":"x"}'],
    });
    const outcome = await collect(request$());
    expect(isUnexpectedResponseError(outcome.error)).toBe(true);
    expect((outcome.error as Error).message).toMatch(/text\/event-stream.*application\/json/);
  });

  it('decodes the body as UTF-8 whatever charset the content type names', async () => {
    env.mock.enqueue({
      type: 'raw',
      headers: { 'content-type': 'text/event-stream; charset=iso-8859-1' },
      chunks: [new TextEncoder().encode('data: héllo ✓\n\n')],
    });
    const { values } = await collect(request$());
    expect(values[1]).toEqual({ type: 'sse', event: { event: 'message', data: 'héllo ✓', id: '' } });
  });

  it('passes maxEventBytes to the parser', async () => {
    env.mock.enqueue({ type: 'raw', chunks: ['data: ok\n\n', `data: ${'x'.repeat(500)}\n\n`] });
    const outcome = await collect(request$({ maxEventBytes: 100 }));
    expect(isSSEParseError(outcome.error)).toBe(true);
    expect(outcome.values).toHaveLength(2);
  });
});
