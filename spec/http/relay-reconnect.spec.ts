import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../lib/client.js';
import { APIConnectionError } from '../../lib/errors/index.js';
import { collect, MESSAGES } from './helpers.js';

// The client half of a relay resume when the relay itself stumbles: a reconnect (`GET /streams/{id}`)
// that fails is one more try, not the end of the stream. A scripted loopback server plays the relay.

const chunk = (content: string) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  });

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function relay(handlers: Handler[]): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((request, response) => {
    const last = request.headers['last-event-id'];
    seen.push(`${request.method} ${request.url}${last ? ` after ${String(last)}` : ''}`);
    const handler = handlers.shift();
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, seen };
}

const sse = { 'content-type': 'text/event-stream', 'x-stream-id': 'gen-1' };
const firstPart: Handler = (_request, response) => {
  response.writeHead(200, sse);
  response.write(`id: 1\ndata: ${chunk('Hello')}\n\n`, () => response.socket?.destroy());
};
const unavailable: Handler = (_request, response) =>
  response
    .writeHead(503, { 'content-type': 'application/json' })
    .end(JSON.stringify({ error: { message: 'relay restarting', type: 'server_error' } }));

describe('resuming through a relay that fails a reconnect', () => {
  it('tries again after a failed reconnect and delivers every chunk once', async () => {
    const rest: Handler = (_request, response) => {
      response.writeHead(200, sse);
      response.end(`id: 2\ndata: ${chunk(', world')}\n\ndata: [DONE]\n\n`);
    };
    const { url, seen } = await relay([firstPart, unavailable, rest]);
    const client = createClient({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });
    const outcome = await collect(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.values.map((value) => value.choices[0]?.delta.content)).toEqual(['Hello', ', world']);
    expect(seen).toEqual([
      'POST /v1/chat/completions',
      'GET /v1/streams/gen-1 after 1',
      'GET /v1/streams/gen-1 after 1',
    ]);
  });

  it('ends with a connection error, the chunks before it kept, when the relay no longer has the stream', async () => {
    const gone: Handler = (_request, response) =>
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'no such stream', code: 'stream_not_found' } }));
    const { url, seen } = await relay([firstPart, unavailable, gone]);
    const client = createClient({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });
    const outcome = await collect(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.values.map((value) => value.choices[0]?.delta.content)).toEqual(['Hello']);
    expect(outcome.error).toBeInstanceOf(APIConnectionError);
    expect((outcome.error as APIConnectionError).message).toMatch(/503|relay restarting/);
    expect(seen).toHaveLength(3);
  });
});
