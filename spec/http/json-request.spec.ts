import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jsonRequest } from '../../lib/http/json-request.js';
import { resolveRequestOptions, type RequestOptions } from '../../lib/http/request-options.js';
import { isAPIConnectionError, isAPIUserAbortError } from '../../lib/errors/connection.js';
import { NotFoundError } from '../../lib/errors/status.js';
import { isUnexpectedResponseError } from '../../lib/errors/unexpected-response-error.js';
import { collect, delay, MESSAGES, setup } from './helpers.js';

describe('jsonRequest', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  const request$ = (options: RequestOptions = {}, path = '/chat/completions') =>
    jsonRequest(
      env.client.options,
      { method: 'POST', path, body: { model: 'gpt-4o', messages: MESSAGES } },
      resolveRequestOptions(env.client.options, options),
    );

  it('does not send anything before subscribe, then emits once and completes', async () => {
    env.mock.requests.length = 0;
    const completion$ = request$();
    await delay(50);
    expect(env.mock.requests).toHaveLength(0);
    const { values, completed } = await collect(completion$);
    expect(completed).toBe(true);
    expect(values).toHaveLength(1);
    expect(values[0]?.response).toMatchObject({ status: 200, attempts: 1 });
    expect(values[0]?.body).toMatchObject({ object: 'chat.completion' });
    expect(env.mock.requests[0]?.headers['accept']).toBe('application/json');
  });

  it('aborts the request when unsubscribed while waiting', async () => {
    env.mock.requests.length = 0;
    env.mock.enqueue({ type: 'chat', fault: { kind: 'stall-before-headers' } });
    const subscription = request$().subscribe();
    const [recorded] = await env.mock.waitForRequests(1);
    subscription.unsubscribe();
    expect(await recorded!.closed).toEqual({ abortedByClient: true });
  });

  it('propagates errors', async () => {
    const outcome = await collect(request$({}, '/nowhere'));
    expect(outcome.error).toBeInstanceOf(NotFoundError);
  });

  it('fails with APIUserAbortError on an external abort', async () => {
    env.mock.requests.length = 0;
    env.mock.enqueue({ type: 'chat', fault: { kind: 'stall-before-headers' } });
    const controller = new AbortController();
    const outcome$ = collect(request$({ signal: controller.signal }));
    const [recorded] = await env.mock.waitForRequests(1);
    controller.abort();
    expect(isAPIUserAbortError((await outcome$).error)).toBe(true);
    expect(await recorded!.closed).toEqual({ abortedByClient: true });
  });

  it('fails with UnexpectedResponseError for an event stream or invalid JSON', async () => {
    env.mock.enqueue({ type: 'raw', chunks: ['data: {}\n\n'] });
    const stream = await collect(request$());
    expect(isUnexpectedResponseError(stream.error)).toBe(true);
    env.mock.enqueue({ type: 'raw', headers: { 'content-type': 'application/json' }, chunks: ['{"id": '] });
    const invalid = await collect(request$());
    expect(isUnexpectedResponseError(invalid.error)).toBe(true);
    expect((invalid.error as Error).message).toMatch(/not valid JSON \(7 bytes\)/);
  });

  it('a connection lost mid-body names how many bytes arrived before it', async () => {
    env.mock.enqueue({
      type: 'chat',
      text: 'All work and no play. '.repeat(400),
      fault: { kind: 'reset-after-bytes', bytes: 4000 },
    });
    const { error } = await collect(request$());
    expect(isAPIConnectionError(error)).toBe(true);
    const match = /after (\d+) bytes/.exec((error as Error).message);
    const bytes = Number(match?.[1]);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(4000);
  });
});
