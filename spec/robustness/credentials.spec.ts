// Credentials never travel or show where they should not: not in a baseURL (issue 11 item 9), not across
// origins (10), not in echoed headers or deep error bodies (11), not as header values that cannot be sent (18).
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../lib/client.js';
import { APIStreamError, AuthenticationError, UnexpectedResponseError } from '../../lib/errors/index.js';
import type { MockReply } from '../../lib/testing/index.js';
import { record } from '../faults/helpers.js';
import { delay, expectNoSecret, MESSAGES, SECRET, setup } from '../http/helpers.js';
import { SHORT_STREAM, startLoopback, type LoopbackServer } from './loopback.js';

const PARAMS = { model: 'gpt-4o', messages: MESSAGES, stream: true as const };
const AZURE_KEY = 'azure-key-0b5d7e9f3c';

describe('11.9 a password in baseURL', () => {
  const password = 'hunter2-pw-91c7e';

  it.each([
    `http://alice:${password}@127.0.0.1:1/v1`,
    `https://alice:${password}@api.example.com/v1?api-version=1`,
    `http://:${password}@127.0.0.1:1/v1`,
  ])('11.9 createClient refuses %s with a TypeError that does not quote it', (baseURL) => {
    let thrown: unknown;
    try {
      createClient({ apiKey: 'sk-test', baseURL });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    const text = [String(thrown), (thrown as Error).stack, inspect(thrown)].join('\n');
    expect(text).toContain('baseURL');
    expect(text).not.toContain(password);
    expect(text).not.toContain('alice');
  });

  it('11.9 a user name alone is refused too', () => {
    expect(() => createClient({ baseURL: 'http://alice@127.0.0.1:1/v1' })).toThrow(/baseURL.*credentials/);
  });
});

describe('11.10 redirects never carry credentials to another origin', () => {
  let a: LoopbackServer;
  let b: LoopbackServer;
  let location = '';
  let redirectStatus = 307;
  beforeAll(async () => {
    b = await startLoopback((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(SHORT_STREAM);
    });
    a = await startLoopback((request, res) => {
      if (request.url.startsWith('/v1/')) {
        res.writeHead(redirectStatus, { location });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(SHORT_STREAM);
    });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });
  const client = () =>
    createClient({ apiKey: SECRET, baseURL: `${a.origin}/v1`, headers: { 'api-key': AZURE_KEY } });

  it.each([307, 308, 301, 302, 303])(
    '11.10 a cross-origin %i is refused, naming the target origin; the other origin receives nothing',
    async (status) => {
      redirectStatus = status;
      location = `${b.origin}/v1/chat/completions`;
      a.requests.length = 0;
      const outcome = await record(client().chat.completions.create(PARAMS));
      expect(outcome.error).toBeInstanceOf(UnexpectedResponseError);
      const error = outcome.error as UnexpectedResponseError;
      expect(error.message).toContain(b.origin);
      expect(error.status).toBe(status);
      expect(a.requests).toHaveLength(1); // refused, not retried
      expect(b.connections()).toBe(0);
      expect(b.requests).toEqual([]);
      expectNoSecret(error);
      expect(JSON.stringify(error) + inspect(error, { showHidden: true })).not.toContain(AZURE_KEY);
    },
  );

  it('11.10 a same-origin 307 is followed with the method, the body and the credentials', async () => {
    redirectStatus = 307;
    location = '/moved/chat/completions';
    a.requests.length = 0;
    const outcome = await record(client().chat.completions.create(PARAMS));
    expect(outcome.completed).toBe(true);
    expect(outcome.values).toHaveLength(3);
    expect(a.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /v1/chat/completions',
      'POST /moved/chat/completions',
    ]);
    const moved = a.requests[1]!;
    expect(JSON.parse(moved.body)).toEqual(PARAMS);
    expect(moved.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(moved.headers['api-key']).toBe(AZURE_KEY);
    expect(b.connections()).toBe(0);
  });
});

describe('11.11 key echoes in headers and deep bodies are redacted', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  const errorOf = async (reply: MockReply) => {
    env.mock.enqueue(reply);
    return (await record(env.client.chat.completions.create(PARAMS))).error as AuthenticationError;
  };
  const everyView = (error: Error) =>
    [inspect(error, { showHidden: true, depth: Infinity }), JSON.stringify(error), String(error)].join('\n');

  it('11.11 a key echoed in a response header is redacted in error.headers', async () => {
    const error = await errorOf({
      type: 'status',
      status: 401,
      headers: {
        'x-echo-key': `Bearer ${SECRET}`,
        'www-authenticate': `Bearer realm="api", key="${SECRET}"`,
      },
    });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.headers.get('x-echo-key')).toBe('Bearer [redacted]');
    expect(error.headers.get('www-authenticate')).toContain('[redacted]');
    expect(everyView(error)).not.toContain(SECRET);
    expectNoSecret(error);
  });

  it('11.11 a key echoed in a header of a 200 stream that fails with an error frame', async () => {
    const error = await errorOf({
      type: 'raw',
      headers: { 'content-type': 'text/event-stream', 'x-debug-auth': SECRET },
      chunks: ['data: {"error":{"message":"bad key","type":"invalid_request_error"}}\n\n'],
    });
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error.headers?.get('x-debug-auth')).toBe('[redacted]');
    expect(everyView(error)).not.toContain(SECRET);
  });

  it('11.11 a key nested 20 levels deep in an error body is redacted in JSON.stringify(error)', async () => {
    let nested: unknown = { echo: `your key was ${SECRET}`, list: [SECRET, { again: SECRET }] };
    for (let level = 0; level < 20; level++) nested = level % 2 ? { level, nested } : [level, nested];
    const error = await errorOf({
      type: 'raw',
      status: 401,
      headers: { 'content-type': 'application/json' },
      chunks: [
        JSON.stringify({ error: { message: 'Unauthorized', code: 'invalid_api_key', details: nested } }),
      ],
    });
    expect(error).toBeInstanceOf(AuthenticationError);
    const serialised = JSON.stringify(error);
    expect(serialised).toContain('[redacted]');
    expect(serialised).not.toContain(SECRET);
    expect(everyView(error)).not.toContain(SECRET);
  });
});

describe('11.18 header values that cannot be sent', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => {
    await env.mock.close();
  });

  it.each([
    ['a CRLF', 'trace\r\nX-Injected: 1'],
    ['a line feed', 'trace\nmore'],
    ['a NUL', 'trace\0more'],
    ['a trailing CR', 'trace\r'],
  ])('11.18 %s in a client header is a TypeError naming the header', (_what, value) => {
    expect(() => createClient({ baseURL: env.mock.url, headers: { 'X-Trace': value } })).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        message: expect.stringMatching(/option "headers" header "X-Trace"/),
      }),
    );
  });

  it.each([
    ['a CRLF', 'trace\r\nX-Injected: 1'],
    ['a NUL', 'trace\0more'],
  ])(
    '11.18 %s in a request header: a synchronous TypeError from create, nothing sent',
    async (_what, value) => {
      env.mock.requests.length = 0;
      expect(() => env.client.chat.completions.create(PARAMS, { headers: { 'X-Trace': value } })).toThrow(
        expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('"X-Trace"') }),
      );
      expect(() =>
        env.client.responses.create({ model: 'gpt-4o', input: 'Hi' }, { headers: { 'X-Trace': value } }),
      ).toThrow(TypeError);
      await delay(20);
      expect(env.mock.requests).toHaveLength(0);
    },
  );

  it.each(['sk-abc\ndef-123456', 'sk-abc\r\ndef-123456', 'sk-abc\0def-123456'])(
    '11.18 an apiKey with a line break or NUL is a TypeError naming "apiKey", without the key',
    (apiKey) => {
      let thrown: unknown;
      try {
        createClient({ apiKey, baseURL: env.mock.url });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toContain('"apiKey"');
      expect((thrown as Error).message).not.toContain('sk-abc');
      expect((thrown as Error).message).not.toContain('def-123456');
    },
  );

  it.each(['organization', 'project'] as const)(
    '11.18 a line break in %s is a TypeError naming it',
    (option) => {
      expect(() => createClient({ baseURL: env.mock.url, [option]: 'org\r\nX: 1' })).toThrow(
        new RegExp(`option "${option}"`),
      );
    },
  );
});
