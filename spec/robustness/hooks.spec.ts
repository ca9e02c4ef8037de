// createClient({ hooks }): ky's beforeRequest / afterResponse as the user's interceptors, run on every
// attempt of the one retry loop (issue 10 item 2).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type OpenAIClient } from '../../lib/client.js';
import type { ClientHooks } from '../../lib/index.js';
import { startMockServer, type MockReply, type MockServer } from '../../lib/testing/index.js';
import { contentOf, record } from '../faults/helpers.js';
import { MESSAGES } from '../http/helpers.js';

const busy: MockReply = { type: 'status', status: 503, headers: { 'retry-after-ms': '0' } };

describe('issue 10 item 2: client hooks', () => {
  let mock: MockServer;
  let client: OpenAIClient;
  let tokens = 0;
  const statuses: number[] = [];
  const hooks: ClientHooks = {
    beforeRequest: [
      async ({ request }) => {
        await Promise.resolve(); // a token refresh is asynchronous
        request.headers.set('Authorization', `Bearer fresh-token-${++tokens}`);
      },
    ],
    afterResponse: [({ response }) => void statuses.push(response.status)],
  };
  beforeAll(async () => {
    mock = await startMockServer();
    client = createClient({ apiKey: 'sk-static', baseURL: mock.url, hooks });
  });
  afterAll(async () => {
    await mock.close();
  });
  const reset = () => {
    mock.requests.length = 0;
    statuses.length = 0;
    tokens = 0;
  };

  it('10.2 a beforeRequest hook sets a fresh Authorization per attempt, seen by the server on each retry', async () => {
    reset();
    mock.enqueue(busy, busy, { type: 'chat', text: 'Recovered now.' });
    const outcome = await record(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.completed).toBe(true);
    expect(contentOf(outcome.values).join('')).toBe('Recovered now.');
    expect(mock.requests.map((request) => request.headers['authorization'])).toEqual([
      'Bearer fresh-token-1',
      'Bearer fresh-token-2',
      'Bearer fresh-token-3',
    ]);
  });

  it('10.2 an afterResponse hook sees every response, the error statuses and the stream', async () => {
    reset();
    mock.enqueue(busy, { type: 'chat', text: 'Fine.' });
    const outcome = await record(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(outcome.completed).toBe(true);
    expect(statuses).toEqual([503, 200]);
  });

  it('10.2 hooks run for the Responses API and non-streamed requests too', async () => {
    reset();
    mock.enqueue({ type: 'responses', text: 'Hi.' });
    const outcome = await record(client.responses.create({ model: 'gpt-4o', input: 'Hi' }));
    expect(outcome.completed).toBe(true);
    expect(mock.requests[0]?.headers['authorization']).toBe('Bearer fresh-token-1');
    expect(statuses).toEqual([200]);
  });

  it('10.2 a token set by a hook is redacted like apiKey when a server echoes it', async () => {
    reset();
    mock.enqueue({
      type: 'status',
      status: 401,
      error: { message: 'Incorrect API key provided: fresh-token-1.', code: 'invalid_api_key' },
    });
    const outcome = await record(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    const message = (outcome.error as Error).message;
    expect(message).toContain('Incorrect API key provided: [redacted].');
    expect(JSON.stringify(outcome.error)).not.toContain('fresh-token-1');
  });
});
