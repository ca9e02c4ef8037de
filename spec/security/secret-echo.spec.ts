// A server that echoes the credential in its errors: every resource and the transport redact it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lastValueFrom, type Observable } from 'rxjs';
import { createClient, type OpenAIClient } from '../../lib/client.js';
import { resolveRequestOptions } from '../../lib/http/request-options.js';
import { sseRequest } from '../http/pipeline.js';
import { startMockServer, statusReply, type MockServer } from '../../lib/testing/index.js';
import { expectNoSecret, SECRET } from '../http/helpers.js';

async function errorOf(source$: Observable<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await lastValueFrom(source$, { defaultValue: undefined });
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected an error');
}

describe('a server echoing the credential', () => {
  let mock: MockServer;
  let client: OpenAIClient;
  const echo = `Incorrect API key provided: ${SECRET}.`;
  const input = { model: 'gpt-mock', input: 'Hi' };

  beforeAll(async () => {
    mock = await startMockServer();
    client = createClient({ apiKey: SECRET, baseURL: mock.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('responses: a status error, an error event and response.failed', async () => {
    mock.enqueue(statusReply(401, { message: echo }));
    const status = await errorOf(client.responses.create({ ...input, stream: true }));
    expect(status).toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringContaining('[redacted]'),
    });
    expectNoSecret(status);

    mock.enqueue({ type: 'responses', errorEvent: { message: echo, code: 'invalid_api_key' } });
    const event = await errorOf(client.responses.create({ ...input, stream: true }));
    expect(event.name).toBe('ResponseStreamError');
    expectNoSecret(event);

    mock.enqueue({ type: 'responses', failed: { message: echo, code: 'invalid_api_key' } });
    const failed = await errorOf(client.responses.create({ ...input, stream: true }));
    expect(failed.name).toBe('ResponseFailedError');
    expect(failed['response']).toMatchObject({
      error: { message: 'Incorrect API key provided: [redacted].' },
    });
    expectNoSecret(failed);
  });

  it('responses without streaming, and retrieve', async () => {
    mock.enqueue(statusReply(401, { message: echo }));
    expectNoSecret(await errorOf(client.responses.create(input)));
    mock.enqueue(statusReply(401, { message: echo }));
    expectNoSecret(await errorOf(client.responses.retrieve('resp_1')));
  });

  it('the transport itself (sseRequest used directly)', async () => {
    mock.enqueue(statusReply(401, { message: echo }));
    const request = resolveRequestOptions(client.options, {});
    const body = { model: 'gpt-mock', messages: [], stream: true };
    const error = await errorOf(
      sseRequest(client.options, { method: 'POST', path: '/chat/completions', body }, request),
    );
    expect(error.name).toBe('AuthenticationError');
    expectNoSecret(error);
  });

  it('a credential passed as an Authorization header instead of apiKey', async () => {
    const viaHeader = createClient({
      baseURL: mock.url,
      maxRetries: 0,
      headers: { Authorization: `Bearer ${SECRET}` },
    });
    mock.enqueue(statusReply(401, { message: echo }));
    const chat = {
      model: 'gpt-mock',
      messages: [{ role: 'user' as const, content: 'Hi' }],
      stream: true as const,
    };
    const error = await errorOf(viaHeader.chat.completions.create(chat));
    expect(mock.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expectNoSecret(error);
  });
});
