import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:http';
import { Observable, Subject, of, throwError } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { createStatusError } from '../../lib/errors/index.js';
import { pipeServerSentEvents, sseResponse, toServerSentEvents } from '../../lib/server/index.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { SERVER_KEY, listen, MESSAGES, readEvents, sequenceText } from './helpers.js';

const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

let mock: MockServer | undefined;
afterEach(async () => {
  jest.useRealTimers();
  await mock?.close();
  mock = undefined;
});

describe('toServerSentEvents', () => {
  it('sends id + data per value and [DONE] at completion', async () => {
    expect(await text(toServerSentEvents(of({ a: 1 }, { a: 2 })))).toBe(
      'id: 1\ndata: {"a":1}\n\nid: 2\ndata: {"a":2}\n\ndata: [DONE]\n\n',
    );
  });

  it('splits multi-line data, takes custom ids and a custom end', async () => {
    const body = toServerSentEvents(of('a\nb'), { data: (v) => v, id: () => undefined, done: null });
    expect(await text(body)).toBe('data: a\ndata: b\n\n');
  });

  it('ends with a redacted OpenAI-shaped error frame on error', async () => {
    const error = createStatusError(500, {
      headers: new Headers(),
      error: { message: 'boom', type: 'server_error' },
    });
    const frames = await text(toServerSentEvents(throwError(() => error)));
    expect(frames).toBe(
      'data: {"error":{"message":"boom","type":"server_error","code":null,"param":null}}\n\n',
    );
    const unknown = await text(
      toServerSentEvents(throwError(() => new Error('http://10.0.0.5/internal failed'))),
    );
    expect(unknown).not.toContain('10.0.0.5');
    expect(unknown).toContain('"code":"upstream_error"');
  });

  it('sends keep-alive comments every keepAliveMs', async () => {
    jest.useFakeTimers();
    const source = new Subject<number>();
    const reader = toServerSentEvents(source, { keepAliveMs: 1000 }).getReader();
    jest.advanceTimersByTime(2500);
    source.complete();
    jest.useRealTimers();
    let all = '';
    for (let read = await reader.read(); !read.done; read = await reader.read())
      all += new TextDecoder().decode(read.value);
    expect(all).toBe(': keep-alive\n\n: keep-alive\n\ndata: [DONE]\n\n');
  });

  it('unsubscribes the source when the stream is cancelled', async () => {
    let unsubscribed = false;
    const source = new Observable<number>(() => () => (unsubscribed = true));
    const stream = toServerSentEvents(source);
    expect(unsubscribed).toBe(false);
    await stream.cancel();
    expect(unsubscribed).toBe(true);
  });
});

describe('sseResponse', () => {
  it('is a text/event-stream Response with extra headers kept', async () => {
    const response = sseResponse(of(1), { headers: { 'x-extra': 'yes' }, keepAliveMs: 0 });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(await response.text()).toBe('id: 1\ndata: 1\n\ndata: [DONE]\n\n');
  });
});

describe('pipeServerSentEvents on Node http', () => {
  it('relays a chat stream, and a closed connection aborts the upstream request', async () => {
    mock = await startMockServer({ reply: { type: 'chat', text: sequenceText(500) }, chunkDelayMs: 10 });
    const client = createClient({ apiKey: SERVER_KEY, baseURL: mock.url, maxRetries: 0 });
    const server = createServer((_req, res) => {
      void pipeServerSentEvents(
        client.chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true }),
        res,
      );
    });
    const port = await listen(server);
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: abort.signal });
    const { events } = await readEvents(response, { dropAfter: 3, abort });
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3']);
    expect(await mock.requests[0]!.closed).toEqual({ abortedByClient: true });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
