// baseURL as users write it: Azure's query string (issue 11 item 12) and relative URLs (issue 10 item 7).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../lib/client.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { record } from '../faults/helpers.js';
import { MESSAGES } from '../http/helpers.js';

const PARAMS = { model: 'gpt-4o', messages: MESSAGES, stream: true as const };

let mock: MockServer;
let origin: string;
beforeAll(async () => {
  mock = await startMockServer();
  origin = new URL(mock.url).origin;
});
afterAll(async () => {
  await mock.close();
});

describe('11.12 a baseURL with a query string', () => {
  const azure = () => `${origin}/openai/deployments/gpt?api-version=2024-10-21`;

  it('11.12 sends POST {path}/chat/completions?api-version=… (path before the query)', async () => {
    mock.requests.length = 0;
    const client = createClient({ apiKey: 'sk-test', baseURL: azure(), maxRetries: 0 });
    await record(client.chat.completions.create(PARAMS));
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/openai/deployments/gpt/chat/completions',
      query: { 'api-version': '2024-10-21' },
    });
  });

  it('11.12 adds the request `query` options to the query of baseURL', async () => {
    mock.requests.length = 0;
    const client = createClient({ apiKey: 'sk-test', baseURL: azure(), maxRetries: 0 });
    await record(
      client.chat.completions.create(PARAMS, { query: { trace: 'abc', debug: true, skip: undefined } }),
    );
    expect(mock.requests[0]?.path).toBe('/openai/deployments/gpt/chat/completions');
    expect(mock.requests[0]?.query).toEqual({ 'api-version': '2024-10-21', trace: 'abc', debug: 'true' });
  });

  it('11.12 a trailing slash before the query, and the Responses paths, keep the query too', async () => {
    mock.requests.length = 0;
    const client = createClient({
      apiKey: 'sk-test',
      baseURL: `${origin}/openai/v1/?api-version=preview`,
      maxRetries: 0,
    });
    await record(client.responses.create({ model: 'gpt-4o', input: 'Hi' }));
    await record(client.responses.retrieve('resp_1', { stream: true, starting_after: 3 }, { resume: false }));
    expect(mock.requests.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
      { method: 'POST', path: '/openai/v1/responses', query: { 'api-version': 'preview' } },
      {
        method: 'GET',
        path: '/openai/v1/responses/resp_1',
        query: { 'api-version': 'preview', stream: 'true', starting_after: '3' },
      },
    ]);
  });
});

describe('issue 10 item 7: a relative baseURL', () => {
  it('10.7 is a TypeError naming the option where there is no document (Node)', () => {
    expect(() => createClient({ baseURL: '/api/v1' })).toThrow(
      expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('"baseURL"') }),
    );
    expect(() => createClient({ baseURL: 'api/v1' })).toThrow(TypeError);
  });

  it('10.7 resolves against document.baseURI in a browser-like global, and requests go there', async () => {
    const scope = globalThis as { document?: unknown };
    const had = Object.hasOwn(scope, 'document');
    const previous = scope.document;
    scope.document = { baseURI: `${origin}/app/` };
    try {
      const absolute = createClient({ baseURL: '/v1', maxRetries: 0 });
      const nested = createClient({ baseURL: 'api/v1/', maxRetries: 0 });
      expect(absolute.options.baseURL).toBe(`${origin}/v1`);
      expect(nested.options.baseURL).toBe(`${origin}/app/api/v1`);
      mock.requests.length = 0;
      const outcome = await record(absolute.chat.completions.create(PARAMS));
      expect(outcome.completed).toBe(true);
      expect(mock.requests[0]?.path).toBe('/v1/chat/completions');
    } finally {
      if (had) scope.document = previous;
      else delete scope.document;
    }
  });
});
