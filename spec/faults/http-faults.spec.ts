// HTTP-level faults through the client: retryable statuses, odd bodies and content types, error frames,
// and cancellation during a retry backoff.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { isAPIError, isAPIStreamError } from '../../lib/errors/api-error.js';
import { isSSEParseError } from '../../lib/errors/sse-parse-error.js';
import {
  BadRequestError,
  InternalServerError,
  RateLimitError,
  isAPIStatusError,
} from '../../lib/errors/status.js';
import { isUnexpectedResponseError } from '../../lib/errors/unexpected-response-error.js';
import { failTimes, statusReply, type MockReply } from '../../lib/testing/index.js';
import type { Observable } from 'rxjs';
import type { RequestOptions } from '../../lib/http/request-options.js';
import type { ChatCompletionChunk } from '../../lib/chat/schemas/chat-chunk.js';
import type { ChatCompletionCreateParams } from '../../lib/chat/schemas/chat-params.js';
import {
  backoff,
  fire,
  nothingMore,
  timerSet,
  useRealTime,
  useVirtualTime,
} from '../helpers/virtual-time.js';
import { chunkFrame, contentOf, PARAMS, record, sequenceDeltas, sequenceText, setup } from './helpers.js';

describe('HTTP faults through the client', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 2 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  // Retry waits run on a fake clock in the tests that call useVirtualTime() (spec/helpers/virtual-time.ts).
  afterEach(useRealTime);

  async function run(replies: MockReply[], options: RequestOptions = {}, params: object = PARAMS) {
    env.mock.requests.length = 0;
    env.mock.enqueue(...replies);
    const source$ = env.client.chat.completions.create(params as ChatCompletionCreateParams, options);
    const rec = await record(source$ as Observable<ChatCompletionChunk>);
    await Promise.all(env.mock.requests.map((request) => request.closed));
    expect(rec.terminals).toBe(1);
    expect(rec.afterTerminal).toBe(false);
    return { rec, requests: env.mock.requests.slice() };
  }

  it('429 with retry-after: retried after the wait the server asked for', async () => {
    useVirtualTime();
    const outcome = run([statusReply(429, { retryAfter: '1' }), { type: 'chat', text: sequenceText(3) }]);
    // The default first backoff is at most 500 ms; a wait of one second means retry-after was honoured.
    await fire(1000);
    const { rec, requests } = await outcome;
    expect(rec.completed).toBe(true);
    expect(contentOf(rec.values)).toEqual(sequenceDeltas(3));
    expect(requests).toHaveLength(2);
    expect(rec.elapsedMs).toBe(1000); // virtual time
  });

  it('429 on every attempt: RateLimitError with the attempt count and the server message', async () => {
    const limited = statusReply(429, {
      retryAfterMs: '10',
      message: 'Slow down',
      code: 'rate_limit_exceeded',
    });
    const { rec, requests } = await run([limited, limited, limited]);
    expect(rec.error).toBeInstanceOf(RateLimitError);
    expect(rec.error).toMatchObject({ status: 429, attempt: 3, code: 'rate_limit_exceeded' });
    expect((rec.error as Error).message).toMatch(
      /^429 Slow down \(POST \/chat\/completions, request req_\w+, attempt 3 of 3\)$/,
    );
    expect(requests).toHaveLength(3);
  });

  it('503 N times then OK (failTimes): recovers with every chunk once', async () => {
    const { mock, client } = await setup(
      {
        reply: failTimes(2, statusReply(503, { retryAfterMs: '10' }), {
          type: 'chat',
          text: sequenceText(5),
        }),
      },
      { maxRetries: 2 },
    );
    try {
      const rec = await record(client.chat.completions.create(PARAMS, { observe: 'events' }));
      expect(rec.completed).toBe(true);
      const open = rec.values[0];
      expect(open).toMatchObject({ type: 'open', response: { status: 200, attempts: 3 } });
      const chunks = rec.values.flatMap((event) => (event.type === 'data' ? [event.data] : []));
      expect(contentOf(chunks)).toEqual(sequenceDeltas(5));
      expect(mock.requests).toHaveLength(3);
    } finally {
      await mock.close();
    }
  });

  it('an HTML 502 page: retried, then fails naming text/html and the attempts, never quoting the page', async () => {
    const page: MockReply = {
      type: 'status',
      status: 502,
      body: '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
      headers: { 'retry-after-ms': '10' },
    };
    const { rec, requests } = await run([page, page, page]);
    expect(rec.error).toBeInstanceOf(InternalServerError);
    const message = (rec.error as Error).message;
    expect(message).toContain('text/html');
    expect(message).toContain('attempt 3 of 3');
    expect(message).not.toContain('nginx');
    expect(rec.error).toMatchObject({ status: 502, attempt: 3 });
    expect(requests).toHaveLength(3);
  });

  it('a 400 is never retried', async () => {
    const { rec, requests } = await run([statusReply(400, { message: 'Bad model', param: 'model' })]);
    expect(rec.error).toBeInstanceOf(BadRequestError);
    expect(rec.error).toMatchObject({ status: 400, attempt: 1 });
    expect(requests).toHaveLength(1);
  });

  it('a JSON error body with status 200 on a stream: UnexpectedResponseError naming application/json', async () => {
    const body = JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } });
    const { rec, requests } = await run([
      { type: 'raw', status: 200, headers: { 'content-type': 'application/json' }, chunks: [body] },
    ]);
    expect(isUnexpectedResponseError(rec.error)).toBe(true);
    expect(rec.error).toMatchObject({ contentType: 'application/json', status: 200 });
    expect((rec.error as Error).message).toContain('application/json');
    expect(requests).toHaveLength(1);
  });

  it('a JSON error body with status 200 without streaming: APIError with the server message', async () => {
    const body = JSON.stringify({
      error: { message: 'model overloaded', type: 'server_error', code: 'overloaded' },
    });
    const { rec } = await run(
      [{ type: 'raw', status: 200, headers: { 'content-type': 'application/json' }, chunks: [body] }],
      {},
      { ...PARAMS, stream: false },
    );
    expect(isAPIError(rec.error)).toBe(true);
    expect(rec.error).toMatchObject({ code: 'overloaded', type: 'server_error' });
    expect((rec.error as Error).message).toContain('model overloaded');
  });

  it('an error frame mid-stream: APIStreamError after the chunks before it, never retried', async () => {
    const { rec, requests } = await run([
      {
        type: 'chat',
        text: sequenceText(6),
        errorAfter: { chunks: 3, error: { message: 'boom', type: 'server_error' } },
      },
    ]);
    expect(isAPIStreamError(rec.error)).toBe(true);
    expect(rec.values).toHaveLength(3);
    expect(contentOf(rec.values)).toEqual(sequenceDeltas(6).slice(0, 2));
    expect(requests).toHaveLength(1);
  });

  it('a server_error frame before any chunk is retried like a 5xx', async () => {
    useVirtualTime();
    const outcome = run([
      { type: 'chat', errorAfter: { chunks: 0, error: { message: 'try again', type: 'server_error' } } },
      { type: 'chat', text: sequenceText(3) },
    ]);
    await fire(backoff(1));
    const { rec, requests } = await outcome;
    expect(rec.completed).toBe(true);
    expect(contentOf(rec.values)).toEqual(sequenceDeltas(3));
    expect(requests).toHaveLength(2);
  });

  it('an event over maxEventBytes: SSEParseError, the chunks before it delivered', async () => {
    const { rec } = await run(
      [
        {
          type: 'raw',
          chunks: [
            chunkFrame('t0'),
            chunkFrame(' t1'),
            chunkFrame('x'.repeat(5000)),
            chunkFrame(null, 'stop'),
          ],
        },
      ],
      { maxEventBytes: 1024 },
    );
    expect(isSSEParseError(rec.error)).toBe(true);
    expect(rec.error).toMatchObject({ kind: 'max-event-bytes', limit: 1024 });
    expect(contentOf(rec.values)).toEqual(['t0', ' t1']);
  });

  it('a huge (5 MB) error body is read with a bound: short message, connection released', async () => {
    const huge = JSON.stringify({ error: { message: 'x'.repeat(5 * 1024 * 1024) } });
    const { rec, requests } = await run(
      [{ type: 'status', status: 500, body: huge, contentType: 'application/json' }],
      {
        maxRetries: 0,
      },
    );
    expect(rec.error).toBeInstanceOf(InternalServerError);
    const message = (rec.error as Error).message;
    // ky reads at most 10 MiB of an error body; the message quotes at most 500 characters of it.
    expect(message.length).toBeLessThan(700);
    expect(message).not.toContain('x'.repeat(600));
    expect(requests).toHaveLength(1); // and run() saw its connection closed
  });

  it('a short plain-text error body: the status error quotes it', async () => {
    const { rec } = await run([
      { type: 'status', status: 400, body: 'plain words', contentType: 'text/plain' },
    ]);
    expect(rec.error).toBeInstanceOf(BadRequestError);
    expect((rec.error as Error).message).toMatch(/^400 plain words \(POST \/chat\/completions/);
  });

  it('an odd charset in Content-Type: still decoded as UTF-8 (the only SSE encoding)', async () => {
    const { rec } = await run([
      {
        type: 'raw',
        headers: { 'content-type': 'Text/Event-Stream ; charset="ISO-8859-1"' },
        chunks: [chunkFrame('héllo 🌊'), chunkFrame(null, 'stop'), 'data: [DONE]\n\n'],
      },
    ]);
    expect(rec.completed).toBe(true);
    expect(contentOf(rec.values)).toEqual(['héllo 🌊']);
  });

  it('a response with no body (204): UnexpectedResponseError', async () => {
    const { rec } = await run([{ type: 'raw', status: 204, chunks: [] }]);
    expect(isUnexpectedResponseError(rec.error)).toBe(true);
    expect((rec.error as Error).message).toContain('no body');
  });

  it('unsubscribing during a status retry backoff sends no further request', async () => {
    useVirtualTime();
    env.mock.requests.length = 0;
    env.mock.enqueue(statusReply(503, { retryAfterMs: '300' }));
    const subscription = env.client.chat.completions.create(PARAMS).subscribe();
    await timerSet(300);
    subscription.unsubscribe();
    expect(jest.getTimerCount()).toBe(0);
    await nothingMore();
    expect(env.mock.requests).toHaveLength(1);
  });

  it('unsubscribing during an early error-frame backoff sends no further request', async () => {
    env.mock.requests.length = 0;
    env.mock.enqueue({
      type: 'chat',
      errorAfter: { chunks: 0, error: { message: 'again', type: 'server_error' } },
    });
    useVirtualTime();
    const subscription = env.client.chat.completions.create(PARAMS).subscribe({ error: () => undefined });
    await timerSet(backoff(1));
    subscription.unsubscribe();
    expect(jest.getTimerCount()).toBe(0);
    await nothingMore();
    expect(env.mock.requests).toHaveLength(1);
  });

  it('status errors carry status, headers and request id', async () => {
    const { rec } = await run([statusReply(404, { message: 'No such model' })]);
    expect(isAPIStatusError(rec.error)).toBe(true);
    expect(rec.error).toMatchObject({ status: 404, requestId: expect.stringMatching(/^req_/) });
  });
});
