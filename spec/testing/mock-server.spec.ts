import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_STORY,
  failTimes,
  startMockServer,
  statusReply,
  type MockServer,
} from '../../lib/testing/index.js';
import { jsonFrames, post, readBody, splitFrames } from './read-body.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me a story' }] };

describe('startMockServer', () => {
  let mock: MockServer;
  beforeEach(async () => {
    mock = await startMockServer();
  });
  afterEach(async () => {
    await mock.close();
  });

  it('streams the default story as chat.completion.chunk frames ending in [DONE]', async () => {
    const response = await post(`${mock.url}/chat/completions`, { ...chat, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('openai-processing-ms')).toMatch(/^\d+$/);
    const { text } = await readBody(response);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const chunks = jsonFrames(text);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'gpt-4o-mini')).toBe(true);
    expect(chunks[0]!.choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const last = chunks[chunks.length - 1]!;
    expect(last.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect('usage' in last).toBe(false);
    const content = chunks.map((c) => c.choices[0].delta.content ?? '').join('');
    expect(content).toBe(DEFAULT_STORY);
    expect(chunks.length).toBeGreaterThan(20);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('adds the usage chunk (choices: []) when stream_options.include_usage is set', async () => {
    const body = { ...chat, stream: true, stream_options: { include_usage: true } };
    const { text } = await readBody(await post(`${mock.url}/chat/completions`, body));
    const chunks = jsonFrames(text);
    const usage = chunks[chunks.length - 1]!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage.total_tokens).toBe(usage.usage.prompt_tokens + usage.usage.completion_tokens);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks[chunks.length - 2]!.choices[0].finish_reason).toBe('stop');
  });

  it('answers a chat.completion JSON object without stream', async () => {
    mock.enqueue({
      type: 'chat',
      text: 'Hello there.',
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
    const response = await post(`${mock.url}/chat/completions`, chat);
    expect(response.headers.get('content-type')).toBe('application/json');
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
  });

  it('streams tool calls the way OpenAI does (header delta, then argument fragments)', async () => {
    mock.enqueue({
      type: 'chat',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_1' },
        { name: 'get_time', arguments: '{"tz":"CET"}' },
      ],
      argsChunkSize: 5,
    });
    const { text } = await readBody(await post(`${mock.url}/chat/completions`, { ...chat, stream: true }));
    const deltas = jsonFrames(text).map((c) => c.choices[0]);
    expect(deltas[0]!.delta).toEqual({ role: 'assistant', content: null, refusal: null });
    expect(deltas[1]!.delta.tool_calls).toEqual([
      { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
    ]);
    expect(deltas[2]!.delta.tool_calls).toEqual([{ index: 0, function: { arguments: '{"cit' } }]);
    const args = (i: number): string =>
      deltas
        .flatMap((d) => d.delta.tool_calls ?? [])
        .filter((call: { index: number }) => call.index === i)
        .map((call: { function: { arguments: string } }) => call.function.arguments)
        .join('');
    expect(args(0)).toBe('{"city":"Paris"}');
    expect(args(1)).toBe('{"tz":"CET"}');
    expect(deltas[deltas.length - 1]!.finish_reason).toBe('tool_calls');
  });

  it('interleaves parallel tool calls and streams legacy function_call', async () => {
    mock.enqueue(
      {
        type: 'chat',
        parallel: true,
        toolCalls: [
          { name: 'a', arguments: '{}' },
          { name: 'b', arguments: '{}' },
        ],
      },
      { type: 'chat', functionCall: { name: 'f', arguments: { x: 1 } }, argsChunkSize: 3 },
    );
    const parallel = jsonFrames(
      (await readBody(await post(`${mock.url}/chat/completions`, { ...chat, stream: true }))).text,
    );
    const indexes = parallel
      .flatMap((c) => c.choices[0].delta.tool_calls ?? [])
      .map((t: { index: number }) => t.index);
    expect(indexes).toEqual([0, 1, 0, 1]);
    const legacy = jsonFrames(
      (await readBody(await post(`${mock.url}/chat/completions`, { ...chat, stream: true }))).text,
    );
    const calls = legacy.map((c) => c.choices[0].delta.function_call).filter(Boolean);
    expect(calls[0]).toEqual({ name: 'f', arguments: '' });
    expect(calls.map((c: { arguments: string }) => c.arguments).join('')).toBe('{"x":1}');
    expect(legacy[legacy.length - 1]!.choices[0].finish_reason).toBe('function_call');
  });

  it('interleaves several choices and streams reasoning_content first', async () => {
    mock.enqueue({ type: 'chat', text: ['one two', 'three four'], reasoning: 'hmm ok', tokenSize: 3 });
    const chunks = jsonFrames(
      (await readBody(await post(`${mock.url}/chat/completions`, { ...chat, stream: true }))).text,
    );
    expect(chunks.slice(0, 4).map((c) => c.choices[0].index)).toEqual([0, 1, 0, 1]);
    const of = (i: number, key: string): string =>
      chunks
        .filter((c) => c.choices[0].index === i)
        .map((c) => c.choices[0].delta[key] ?? '')
        .join('');
    expect(of(0, 'content')).toBe('one two');
    expect(of(1, 'content')).toBe('three four');
    expect(of(0, 'reasoning_content')).toBe('hmm ok');
    expect(chunks.filter((c) => c.choices[0].finish_reason === 'stop')).toHaveLength(2);
  });

  it('answers status replies with an OpenAI error body and the given headers', async () => {
    mock.enqueue(
      statusReply(429, { retryAfter: '1', retryAfterMs: '20' }),
      { type: 'status', status: 502, body: '<html>Bad gateway</html>' },
      { type: 'status', status: 400, error: { message: 'bad', param: 'messages', code: 'invalid' } },
    );
    const limited = await post(`${mock.url}/chat/completions`, chat);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('retry-after-ms')).toBe('20');
    expect(await limited.json()).toEqual({
      error: { message: expect.any(String), type: 'requests', code: 'rate_limit_exceeded', param: null },
    });
    const gateway = await post(`${mock.url}/chat/completions`, chat);
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await gateway.text()).toBe('<html>Bad gateway</html>');
    const bad = await post(`${mock.url}/chat/completions`, chat);
    expect(await bad.json()).toEqual({
      error: { message: 'bad', type: 'invalid_request_error', param: 'messages', code: 'invalid' },
    });
  });

  it('sends an error frame mid-stream on a 200, with or without an event line', async () => {
    const error = { message: 'The server had an error', type: 'server_error' };
    mock.enqueue(
      { type: 'chat', errorAfter: { chunks: 3, error } },
      { type: 'chat', errorAfter: { chunks: 1, error, eventLine: true } },
    );
    const plain = splitFrames(
      (await readBody(await post(`${mock.url}/chat/completions`, { ...chat, stream: true }))).text,
    );
    expect(plain).toHaveLength(4);
    expect(JSON.parse(plain[3]!.data)).toEqual({ error: { ...error, code: null, param: null } });
    const withEvent = splitFrames(
      (await readBody(await post(`${mock.url}/chat/completions`, { ...chat, stream: true }))).text,
    );
    expect(withEvent).toHaveLength(2);
    expect(withEvent[1]!.event).toBe('error');
  });

  it('writes raw replies byte for byte in the given chunks', async () => {
    const chunks = ['data: {"a"', ':1}\n', '\ndata: [DONE]\n\n', new Uint8Array([0x3a, 0x0a])];
    mock.enqueue({ type: 'raw', chunks, headers: { 'x-extra': 'yes' } });
    const response = await post(`${mock.url}/chat/completions`, { ...chat, stream: true });
    expect(response.headers.get('x-extra')).toBe('yes');
    expect((await readBody(response)).text).toBe('data: {"a":1}\n\ndata: [DONE]\n\n:\n');
    expect(mock.requests[0]!.framesSent).toBe(4);
  });

  it('records every request before replying, with parsed JSON, headers and query', async () => {
    mock.enqueue({ type: 'status', status: 500 });
    await post(`${mock.url}/chat/completions?api-version=2024`, { ...chat, stream: true });
    await fetch(`${mock.url}/chat/completions`, { method: 'POST', body: 'not json' });
    const [first, second] = await mock.waitForRequests(2);
    expect(first).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      query: { 'api-version': '2024' },
      body: { ...chat, stream: true },
      aborted: false,
    });
    expect(first!.headers.authorization).toBe('Bearer test');
    expect(second!.body).toBe('not json');
    expect(await second!.closed).toEqual({ abortedByClient: false });
    expect(second!.bytesSent).toBeGreaterThan(0);
  });

  it('answers 404 for unknown paths and 405 for wrong methods, with OpenAI error bodies', async () => {
    const missing = await fetch(`${mock.url}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unknown_url');
    const wrong = await fetch(`${mock.url}/chat/completions`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/not allowed/);
    const models = await fetch(`${mock.url}/models`);
    expect(((await models.json()) as { object: string }).object).toBe('list');
  });

  it('notices a client abort mid-stream and resolves closed with abortedByClient', async () => {
    mock.enqueue({ type: 'chat', delayMs: 20 });
    const controller = new AbortController();
    const response = await post(
      `${mock.url}/chat/completions`,
      { ...chat, stream: true },
      { signal: controller.signal },
    );
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    const [request] = await mock.waitForRequests(1);
    await expect(request!.closed).resolves.toEqual({ abortedByClient: true });
    expect(request!.aborted).toBe(true);
    expect(request!.framesSent).toBeLessThan(20);
  });

  it('uses the reply option (function form) and consumes the queue first', async () => {
    await mock.close();
    mock = await startMockServer({
      reply: (request, index) => ({ type: 'chat', text: `#${index} ${request.path}` }),
    });
    mock.enqueue({ type: 'chat', text: 'queued' });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const json = (await (await post(`${mock.url}/chat/completions`, chat)).json()) as {
        choices: Array<{ message: { content: string } }>;
      };
      texts.push(json.choices[0]!.message.content);
    }
    expect(texts).toEqual(['queued', '#1 /v1/chat/completions', '#2 /v1/chat/completions']);
  });

  it('failTimes answers the failure N times, then the success', async () => {
    await mock.close();
    mock = await startMockServer({ reply: failTimes(2, statusReply(503), { type: 'chat', text: 'OK' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await post(`${mock.url}/chat/completions`, chat);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('waitForRequests rejects after its timeout', async () => {
    await expect(mock.waitForRequests(1, 20)).rejects.toThrow(/expected 1 request/);
  });

  it('paces frames with chunkDelayMs', async () => {
    await mock.close();
    mock = await startMockServer({ chunkDelayMs: 5, reply: { type: 'chat', text: 'a b c d' } });
    const { text } = await readBody(await post(`${mock.url}/chat/completions`, { ...chat, stream: true }));
    expect(
      jsonFrames(text)
        .map((c) => c.choices[0].delta.content ?? '')
        .join(''),
    ).toBe('a b c d');
  });

  it('close() with a stall in progress ends the request and leaves no connection open', async () => {
    mock.enqueue({ type: 'chat', fault: { kind: 'stall' } });
    const response = await post(`${mock.url}/chat/completions`, { ...chat, stream: true });
    expect(response.status).toBe(200);
    const [request] = await mock.waitForRequests(1);
    expect(mock.openConnections()).toBe(1);
    const body = readBody(response);
    await mock.close();
    expect((await body).error).toBeDefined();
    await expect(request!.closed).resolves.toEqual({ abortedByClient: false });
    expect(mock.openConnections()).toBe(0);
  });
});
