// How an attempt reaches fetch and how it lets go of a finished body: the cheap path of docs/performance.md
// (fetch(url, init) with the body as a string; the end of a body read rather than aborted), and that neither
// costs a behaviour: hooks still see and change the request, a connection held open after [DONE] closes.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../lib/client.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { collect, MESSAGES, SECRET } from './helpers.js';

const CHUNK = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }],
});

/** What a `fetch` option was called with, before it hands the call to the real fetch. */
interface Call {
  input: unknown;
  init: RequestInit | undefined;
}

describe('the send path of an attempt', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());

  it('without hooks, fetch gets the URL as a string and the JSON body as a string, not a Request', async () => {
    const calls: Call[] = [];
    const client = createClient({
      apiKey: SECRET,
      baseURL: mock.url,
      fetch: (input, init) => {
        calls.push({ input, init });
        return fetch(input, init);
      },
    });
    mock.enqueue({ type: 'chat', text: 'Hello.' });
    const outcome = await collect(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.completed).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input).toBe(`${mock.url}/chat/completions`);
    expect(typeof calls[0]!.init?.body).toBe('string');
    expect(JSON.parse(calls[0]!.init!.body as string)).toMatchObject({ model: 'gpt-4o', stream: true });
    expect(new Headers(calls[0]!.init!.headers).get('authorization')).toBe(`Bearer ${SECRET}`);
    expect(calls[0]!.init!.signal).toBeInstanceOf(AbortSignal);
  });

  it('with a beforeRequest hook, fetch gets the request as the hook changed it, body included', async () => {
    const calls: Call[] = [];
    const client = createClient({
      apiKey: SECRET,
      baseURL: mock.url,
      hooks: { beforeRequest: [({ request }) => void request.headers.set('X-Trace', 'trace-1')] },
      fetch: (input, init) => {
        calls.push({ input, init });
        return fetch(input, init);
      },
    });
    mock.enqueue({ type: 'chat', text: 'Hello.' });
    const outcome = await collect(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.completed).toBe(true);
    expect(new Headers(calls[0]!.init!.headers).get('x-trace')).toBe('trace-1');
    const seen = mock.requests.at(-1)!;
    expect(seen.headers['x-trace']).toBe('trace-1');
    expect(seen.body).toMatchObject({ model: 'gpt-4o', stream: true });
  });

  it('a body that ends after data: [DONE] completes and leaves the server a finished response', async () => {
    const client = createClient({ apiKey: SECRET, baseURL: mock.url });
    mock.enqueue({ type: 'chat', text: 'Hello there.' });
    const outcome = await collect(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.completed).toBe(true);
    expect(await mock.requests.at(-1)!.closed).toEqual({ abortedByClient: false });
  });
});

describe('a server that keeps the response open after data: [DONE]', () => {
  let server: Server;
  let url: string;
  const requests: IncomingMessage[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request);
      request.resume();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${CHUNK}\n\ndata: [DONE]\n\n`); // and never ends
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('completes at [DONE] and the server sees the connection closed', async () => {
    const client = createClient({ apiKey: SECRET, baseURL: url });
    const outcome = await collect(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.completed).toBe(true);
    expect(outcome.values).toHaveLength(1);
    const socket = requests.at(-1)!.socket;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const closed = await Promise.race([
      new Promise((resolve) =>
        socket.destroyed ? resolve('closed') : socket.once('close', () => resolve('closed')),
      ),
      new Promise((resolve) => (timer = setTimeout(() => resolve('still open'), 2000))),
    ]);
    clearTimeout(timer);
    expect(closed).toBe('closed');
  });
});
