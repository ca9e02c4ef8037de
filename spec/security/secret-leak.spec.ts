// The API key never appears in an error (message, String, stack, JSON, inspect, cause chain) nor in a
// log, for every error class, each produced from a real loopback response where one exists.
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { lastValueFrom, type Observable } from 'rxjs';
import { createClient, type OpenAIClient } from '../../lib/client.js';
import type { RequestOptions } from '../../lib/http/request-options.js';
import { finalChatCompletion } from '../../lib/chat/operators/accumulate-chat-completion.js';
import { toolCalls } from '../../lib/chat/operators/tool-calls.js';
import { startMockServer, statusReply, type MockReply, type MockServer } from '../../lib/testing/index.js';
import { chunkFrame, PARAMS, SECRET } from '../faults/helpers.js';
import { fire, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';

/** Every view of an error a program or a log could show, down the cause chain. */
function viewsOf(error: unknown): string[] {
  const views: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    const e = current as Error;
    views.push(
      String(e),
      e.message ?? '',
      e.stack ?? '',
      JSON.stringify(e) ?? '',
      inspect(e, { depth: 5 }),
      inspect(e, { depth: 5, showHidden: true }),
    );
    current = e.cause;
  }
  return views;
}

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const view of viewsOf(error)) expect(view.includes(SECRET) ? view : 'clean').toBe('clean');
  // Also no fragment long enough to matter (a key with a few characters masked is still a leak).
  for (const view of viewsOf(error)) expect(view).not.toContain('DO-NOT-LEAK');
}

async function errorOf(source$: Observable<unknown>): Promise<unknown> {
  try {
    await lastValueFrom(source$, { defaultValue: undefined });
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the API key never leaks', () => {
  let mock: MockServer;
  let client: OpenAIClient;
  const logged: string[] = [];
  const spies: Array<{ mockRestore(): void }> = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      spies.push(
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          logged.push(args.map((arg) => inspect(arg, { depth: 8 })).join(' '));
        }),
      );
    }
    mock = await startMockServer();
    client = createClient({ apiKey: SECRET, baseURL: mock.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await mock.close();
    for (const spy of spies) spy.mockRestore();
    expect(logged.filter((line) => line.includes(SECRET))).toEqual([]);
  });

  afterEach(useRealTime);

  const failWith = async (reply: MockReply, options: RequestOptions = {}, params: object = PARAMS) => {
    mock.enqueue(reply);
    return errorOf(client.chat.completions.create(params as typeof PARAMS, options));
  };

  it('the key is sent, so the tests below are meaningful', async () => {
    mock.enqueue({ type: 'chat', text: 'hi' });
    await lastValueFrom(client.chat.completions.create(PARAMS));
    expect(mock.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${SECRET}`);
  });

  it.each([400, 401, 403, 404, 409, 422, 429, 500, 502, 503])('status %i', async (status) => {
    const error = await failWith(statusReply(status));
    expect(error).toMatchObject({ status });
    expectNoSecret(error);
  });

  it('a status error with an HTML body and with a huge body', async () => {
    expectNoSecret(await failWith({ type: 'status', status: 502, body: '<html>bad gateway</html>' }));
    expectNoSecret(
      await failWith({ type: 'status', status: 500, body: 'x'.repeat(200_000), contentType: 'text/plain' }),
    );
  });

  it('a server that echoes the key in its error message', async () => {
    // OpenAI masks the key in "Incorrect API key provided"; a compatible server might not.
    const echo = `Incorrect API key provided: ${SECRET}. You can find your API key at https://example.test.`;
    const error = await failWith(statusReply(401, { message: echo, code: 'invalid_api_key' }));
    expect(error).toMatchObject({ status: 401 });
    expectNoSecret(error);
  });

  it('a server that echoes the key in an error frame', async () => {
    const error = await failWith({
      type: 'chat',
      errorAfter: { chunks: 1, error: { message: `bad key ${SECRET}`, type: 'invalid_request_error' } },
    });
    expect((error as Error).name).toBe('APIStreamError');
    expectNoSecret(error);
  });

  it('a connection error (nothing listening)', async () => {
    const closed = await startMockServer();
    const url = closed.url;
    await closed.close();
    const offline = createClient({ apiKey: SECRET, baseURL: url, maxRetries: 0 });
    const error = await errorOf(offline.chat.completions.create(PARAMS));
    expect((error as Error).name).toBe('APIConnectionError');
    expect((error as Error).cause).toBeDefined();
    expectNoSecret(error);
  });

  it('a connection reset mid-body, and truncations', async () => {
    const reset = await failWith({ type: 'chat', fault: { kind: 'reset-after-bytes', bytes: 400 } });
    expect((reset as Error).name).toBe('APIConnectionError');
    expectNoSecret(reset);
    const truncated = await failWith({ type: 'raw', chunks: [chunkFrame('a')] });
    expect((truncated as Error).name).toBe('StreamTruncatedError');
    expectNoSecret(truncated);
  });

  it('the three timeouts', async () => {
    useVirtualTime();
    /** Fails a request on its 100 ms timer, once the server has it (so the reply is taken off the queue). */
    const timeOut = async (reply: MockReply, options: RequestOptions) => {
      const sent = mock.requests.length;
      const error = failWith(reply, options);
      await mock.waitForRequests(sent + 1);
      await fire(100);
      return error;
    };
    const request = await timeOut(
      { type: 'chat', fault: { kind: 'stall-before-headers' } },
      { timeout: 100 },
    );
    expect((request as Error).name).toBe('RequestTimeoutError');
    expectNoSecret(request);
    const idle = await timeOut({ type: 'chat', fault: { kind: 'stall' } }, { idleTimeout: 100 });
    expect((idle as Error).name).toBe('IdleTimeoutError');
    expectNoSecret(idle);
    const first = await timeOut(
      { type: 'chat', fault: { kind: 'stall' } },
      { idleTimeout: 0, firstChunkTimeout: 100 },
    );
    expect((first as Error).name).toBe('FirstChunkTimeoutError');
    expectNoSecret(first);
  });

  it('a user abort (external signal), before and during the request', async () => {
    const before = new AbortController();
    before.abort();
    const early = await errorOf(client.chat.completions.create(PARAMS, { signal: before.signal }));
    expect((early as Error).name).toBe('APIUserAbortError');
    expectNoSecret(early);
    const during = new AbortController();
    mock.enqueue({ type: 'chat', fault: { kind: 'stall' } });
    setTimeout(() => during.abort(), 50);
    const late = await errorOf(client.chat.completions.create(PARAMS, { signal: during.signal }));
    expect((late as Error).name).toBe('APIUserAbortError');
    expectNoSecret(late);
  });

  it('parse, validation, SSE and unexpected-response errors', async () => {
    const parse = await failWith({ type: 'raw', chunks: ['data: {not json\n\n'] });
    expect((parse as Error).name).toBe('ChunkParseError');
    expectNoSecret(parse);
    const validation = await failWith({ type: 'raw', chunks: ['data: {"choices":"nope"}\n\n'] });
    expect((validation as Error).name).toBe('ChunkValidationError');
    expectNoSecret(validation);
    const sse = await failWith(
      { type: 'raw', chunks: [chunkFrame('x'.repeat(3000))] },
      { maxEventBytes: 1000 },
    );
    expect((sse as Error).name).toBe('SSEParseError');
    expectNoSecret(sse);
    const unexpected = await failWith({
      type: 'raw',
      headers: { 'content-type': 'text/html' },
      chunks: ['<html></html>'],
    });
    expect((unexpected as Error).name).toBe('UnexpectedResponseError');
    expectNoSecret(unexpected);
    const json200 = await failWith(
      {
        type: 'raw',
        headers: { 'content-type': 'application/json' },
        chunks: [JSON.stringify({ error: { message: 'no' } })],
      },
      {},
      { ...PARAMS, stream: false },
    );
    expect((json200 as Error).name).toBe('APIError');
    expectNoSecret(json200);
  });

  it('operator errors: invalid tool arguments, an empty stream', async () => {
    mock.enqueue({ type: 'chat', toolCalls: [{ name: 'get_weather', arguments: '{"city": "Par' }] });
    const tool = await errorOf(client.chat.completions.create(PARAMS).pipe(toolCalls()));
    expect((tool as Error).name).toBe('ToolArgumentsError');
    expectNoSecret(tool);
    mock.enqueue({ type: 'raw', chunks: ['data: [DONE]\n\n'] });
    const empty = await errorOf(client.chat.completions.create(PARAMS).pipe(finalChatCompletion()));
    expect((empty as Error).name).toBe('EmptyStreamError');
    expectNoSecret(empty);
  });

  it('option errors and the resolved options object', () => {
    expect(() => createClient({ apiKey: SECRET, timeout: -1 })).toThrow(TypeError);
    try {
      createClient({ apiKey: SECRET, baseURL: 'ftp://example.test' });
    } catch (error) {
      expectNoSecret(error);
    }
    try {
      createClient({ apiKey: SECRET, bogus: 1 } as never);
    } catch (error) {
      expectNoSecret(error);
    }
    expect(JSON.stringify(client.options)).not.toContain(SECRET);
    expect(inspect(client.options, { depth: 5 })).not.toContain(SECRET);
    expect(inspect(client, { depth: 5 })).not.toContain(SECRET);
  });
});
