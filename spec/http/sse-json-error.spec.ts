// A stream request answered with HTTP 200 and a JSON body: the body is read (bounded like a status
// error's) so that an OpenAI error object gives the UnexpectedResponseError the server's message.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resolveRequestOptions } from '../../lib/http/request-options.js';
import { sseRequest } from './pipeline.js';
import { isUnexpectedResponseError } from '../../lib/errors/unexpected-response-error.js';
import type { MockReply } from '../../lib/testing/index.js';
import { collect, expectNoSecret, MESSAGES, SECRET, setup } from './helpers.js';

describe('sseRequest with a 200 JSON body', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });

  const failWith = async (reply: MockReply) => {
    env.mock.requests.length = 0;
    env.mock.enqueue(reply);
    const options = env.client.options;
    const body = { model: 'gpt-4o', messages: MESSAGES, stream: true };
    const outcome = await collect(
      sseRequest(
        options,
        { method: 'POST', path: '/chat/completions', body },
        resolveRequestOptions(options, {}),
      ),
    );
    await env.mock.requests[0]?.closed; // the connection was released
    expect(isUnexpectedResponseError(outcome.error)).toBe(true);
    expect(outcome.values).toEqual([]);
    return outcome.error as Error & Record<string, unknown>;
  };
  const json = (body: unknown, contentType = 'application/json'): MockReply => ({
    type: 'raw',
    headers: { 'content-type': contentType },
    chunks: [typeof body === 'string' ? body : JSON.stringify(body)],
  });

  it('an OpenAI error object: its message, code, type and param, and the content type', async () => {
    const error = await failWith(
      json({
        error: { message: 'model overloaded', type: 'server_error', code: 'overloaded', param: 'model' },
      }),
    );
    expect(error).toMatchObject({
      status: 200,
      contentType: 'application/json',
      code: 'overloaded',
      type: 'server_error',
      param: 'model',
      error: { message: 'model overloaded' },
    });
    expect(error.message).toMatch(
      /^Expected an event stream \(text\/event-stream\); got HTTP 200 with application\/json: model overloaded \[server_error\/overloaded\] \(POST \/chat\/completions, request req_\w+\)$/,
    );
  });

  it('an error echoing the API key: the key is redacted', async () => {
    const error = await failWith(
      json({ error: { message: `Incorrect API key provided: ${SECRET}` } }, 'application/problem+json'),
    );
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
    expectNoSecret(error);
  });

  it('JSON that is not an error, or too large, or not JSON: named by content type only', async () => {
    const cases: MockReply[] = [
      json({ id: 'chatcmpl-1', object: 'chat.completion', choices: [] }),
      json({ error: { message: 'x'.repeat(100 * 1024) } }),
      json('{"error": {"message": "cut'),
      json('<html>no</html>', 'text/html'),
    ];
    for (const reply of cases) {
      const error = await failWith(reply);
      expect(error['error']).toBeUndefined();
      expect(error.message).toMatch(
        /^Expected an event stream \(text\/event-stream\); got HTTP 200 with [a-z/]+ \(/,
      );
    }
  });
});
