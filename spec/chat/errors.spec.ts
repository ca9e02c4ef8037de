import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Observable } from 'rxjs';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIStreamError,
  AuthenticationError,
  BadRequestError,
  ChunkParseError,
  ChunkValidationError,
  ConflictError,
  FirstChunkTimeoutError,
  IdleTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  StreamTruncatedError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  type APIError,
} from '../../lib/errors/index.js';
import type { RequestOptions } from '../../lib/http/request-options.js';
import type { MockReply } from '../../lib/testing/index.js';
import { closedPort, collect, expectNoSecret, MESSAGES, setup } from '../http/helpers.js';
import { fire, until, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';

describe('errors from a real loopback server', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });

  const failWith = async (reply: MockReply, stream = true, options: RequestOptions = {}) => {
    env.mock.enqueue(reply);
    const outcome = await collect(
      env.client.chat.completions.create(
        { model: 'gpt-4o', messages: MESSAGES, stream },
        options,
      ) as Observable<unknown>,
    );
    expect(outcome.completed).toBe(false);
    expectNoSecret(outcome.error);
    return { ...outcome, error: outcome.error as APIError };
  };

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])('HTTP %i becomes %p with the body, headers and request id', async (status, Class) => {
    for (const stream of [true, false]) {
      const { error } = await failWith(
        {
          type: 'status',
          status,
          error: { message: 'It failed.', type: 'some_type', code: 'some_code', param: 'messages' },
        },
        stream,
      );
      expect(error).toBeInstanceOf(Class);
      expect(error).toMatchObject({
        status,
        code: 'some_code',
        type: 'some_type',
        param: 'messages',
        attempt: 1,
      });
      expect(error.requestId).toMatch(/^req_/);
      expect(error.headers?.get('content-type')).toBe('application/json');
      expect(error.message).toBe(`${status} It failed. (POST /chat/completions, request ${error.requestId})`);
    }
  });

  it('describes an HTML 502 page by its content type, without dumping it', async () => {
    const page = `<html><body>${'Bad gateway '.repeat(20_000)}</body></html>`;
    const { error } = await failWith({ type: 'status', status: 502, body: page });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toMatch(
      /^502 Server error; the body was text\/html \(\d+ characters\), not an OpenAI error object/,
    );
    expect(error.message).not.toContain('Bad gateway');
  });

  it('fails with UnexpectedResponseError for a 200 JSON body when a stream was asked for', async () => {
    const { error } = await failWith({
      type: 'raw',
      headers: { 'content-type': 'application/json' },
      chunks: ['{"a":1}'],
    });
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).contentType).toBe('application/json');
    expect(error.message).toMatch(/application\/json/);
  });

  it('fails with UnexpectedResponseError for a response without a body', async () => {
    const { error } = await failWith({ type: 'raw', status: 204, chunks: [] });
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.message).toMatch(/HTTP 204/);
  });

  it('fails with StreamTruncatedError for a 200 stream with an empty body', async () => {
    const { error } = await failWith({ type: 'chat', fault: { kind: 'headers-then-end' } });
    expect(error).toBeInstanceOf(StreamTruncatedError);
    expect(error.message).toMatch(/after 0 chunks before any choice/);
  });

  it('delivers the chunks before an error frame, then fails with APIStreamError', async () => {
    for (const eventLine of [false, true]) {
      const { values, error } = await failWith({
        type: 'chat',
        text: 'one two three four five',
        errorAfter: {
          chunks: 3,
          eventLine,
          error: { message: 'Model overloaded.', type: 'overloaded', code: 'busy', param: null },
        },
      });
      expect(values).toHaveLength(3);
      expect(error).toBeInstanceOf(APIStreamError);
      expect(error).toMatchObject({ status: 200, code: 'busy', type: 'overloaded', param: null });
      expect(error.requestId).toMatch(/^req_/);
      expect(error.message).toContain('after 3 chunks: Model overloaded. [overloaded/busy]');
    }
  });

  it('treats a named error event with empty data as an error, not as a keep-alive ping', async () => {
    const chunk = JSON.stringify({
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
    });
    const { values, error } = await failWith({
      type: 'raw',
      headers: { 'content-type': 'text/event-stream' },
      chunks: [`data: ${chunk}\n\n`, 'data:\n\n', 'event: error\ndata:\n\n', 'data: [DONE]\n\n'],
    });
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(APIStreamError);
  });

  it('fails with ChunkParseError naming the event and position, not the payload', async () => {
    const { values, error } = await failWith({
      type: 'raw',
      chunks: ['data: {"id":"c","choices":[]}\n\n', 'data: {"id":"c", "secret_payload": nope}\n\n'],
    });
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(ChunkParseError);
    const payload = '{"id":"c", "secret_payload": nope}';
    expect(error).toMatchObject({ eventIndex: 1, length: payload.length });
    const position = payload.indexOf('nope') + 1;
    expect(error.message).toMatch(
      new RegExp(
        `^SSE event 1 is not valid JSON: unexpected character at position ${position} \\(${payload.length} characters\\)`,
      ),
    );
    expect(error.message).not.toContain('secret_payload');
    expect(error.message).not.toContain('nope');
  });

  it('fails with ChunkValidationError carrying zod issues and their path', async () => {
    const { error } = await failWith({
      type: 'raw',
      chunks: ['data: {"id":"c","choices":[{"index":"zero","delta":{}}]}\n\n'],
    });
    expect(error).toBeInstanceOf(ChunkValidationError);
    const issues = (error as ChunkValidationError).issues;
    expect(issues[0]?.path).toEqual(['choices', 0, 'index']);
    expect(error.message).toMatch(/^SSE event 0 is not a valid chat.completion.chunk: choices.0.index:/);
  });

  it('fails with ChunkValidationError for a non-streaming body that fails the schema', async () => {
    const { error } = await failWith(
      { type: 'raw', headers: { 'content-type': 'application/json' }, chunks: ['{"choices":"no"}'] },
      false,
    );
    expect(error).toBeInstanceOf(ChunkValidationError);
  });

  it('fails with StreamTruncatedError when the body ends without [DONE] mid-answer', async () => {
    const { values, error } = await failWith({
      type: 'raw',
      chunks: ['data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}\n\n'],
    });
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(StreamTruncatedError);
    expect(error.message).toMatch(
      /ended early, without data: \[DONE\], after 1 chunk with choice 0 unfinished/,
    );
  });

  it('fails with APIConnectionError when the connection drops mid-stream', async () => {
    const { values, error } = await failWith({
      type: 'chat',
      text: 'a b c d e f g',
      fault: { kind: 'drop-after-chunks', chunks: 3 },
    });
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toMatch(/Connection lost while reading the response body/);
  });

  it('fails with APIConnectionError (safe cause) when nothing listens', async () => {
    const { createClient } = await import('../../lib/client.js');
    const { SECRET } = await import('../http/helpers.js');
    const port = await closedPort();
    const client = createClient({ apiKey: SECRET, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const outcome = await collect(
      client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }),
    );
    expect(outcome.error).toBeInstanceOf(APIConnectionError);
    expect((outcome.error as Error).message).toMatch(
      /^Connection error: fetch failed \(ECONNREFUSED\) \(POST \/chat\/completions\)/,
    );
    expect((outcome.error as Error).cause).toBeInstanceOf(Error);
    expectNoSecret(outcome.error);
  });

  describe('on the fake clock', () => {
    afterEach(useRealTime);

    // The timer fires only once the server saw the request, so the test holds on a loaded machine too
    // (with a real 80 ms clock, a slow connect could time out before the request arrived).
    it.each([
      ['request', RequestTimeoutError, { kind: 'stall-before-headers' }, { timeout: 80 }, 0],
      ['idle', IdleTimeoutError, { kind: 'stall-after-chunks', chunks: 2 }, { idleTimeout: 80 }, 2],
      ['firstChunk', FirstChunkTimeoutError, { kind: 'stall' }, { firstChunkTimeout: 80 }, 0],
    ] as const)('fails with the %s timeout', async (kind, Class, fault, options, chunks) => {
      useVirtualTime();
      const before = env.mock.requests.length;
      env.mock.enqueue({ type: 'chat', fault });
      const values: unknown[] = [];
      const failed = new Promise<APIError>((resolve, reject) =>
        env.client.chat.completions
          .create({ model: 'gpt-4o', messages: MESSAGES, stream: true }, options)
          .subscribe({
            next: (value) => values.push(value),
            error: resolve,
            complete: () => reject(new Error('completed')),
          }),
      );
      // What the server sends before it stalls arrives first; then the timer may fire.
      await until(
        () => env.mock.requests.length > before && values.length === chunks,
        'the request and its chunks',
      );
      await fire(80);
      const error = await failed;
      expectNoSecret(error);
      expect(values).toHaveLength(chunks);
      expect(error).toBeInstanceOf(Class);
      expect(error).toBeInstanceOf(APIConnectionTimeoutError);
      expect(error).toMatchObject({ timeout: kind, ms: 80 });
      expect(await env.mock.requests[before]!.closed).toEqual({ abortedByClient: true });
    });
  });
});
