// Node's fetch has its own header and body timeouts (undici's headersTimeout and bodyTimeout, 300 s by
// default), which fire before longer library timeouts. When one fires, the error is the matching timeout
// error and says it was the platform's limit (issue 11 item 13). The limits are lowered to 200 ms here
// through a dispatcher; the library's own timeouts are 10 s.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../lib/client.js';
import { IdleTimeoutError, RequestTimeoutError } from '../../lib/errors/index.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { record } from '../faults/helpers.js';
import { MESSAGES } from '../http/helpers.js';

// undici 8 needs Node >= 22 (the package's engines); on an older Node these tests are skipped. Node's own
// fetch cannot take this Agent (its bundled undici is another major version), so the user's way to other
// limits on Node, and what these tests use, is undici's fetch with an Agent of the same package.
const undici = await import('undici').catch(() => undefined);
const maybe = undici ? it : it.skip;

/** undici's fetch through an Agent with these limits, as docs/errors-and-retries.md shows. */
function limitedFetch(limits: { headersTimeout?: number; bodyTimeout?: number }) {
  const agent = new undici!.Agent(limits);
  const limited = (url: string, init: object) => undici!.fetch(url, { ...init, dispatcher: agent });
  return { fetch: limited as unknown as typeof fetch, agent };
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

describe('11.13 the platform fetch’s own timeouts', () => {
  const PARAMS = { model: 'gpt-4o', messages: MESSAGES, stream: true as const };

  maybe(
    '11.13 headersTimeout before the library timeout: RequestTimeoutError naming the platform limit',
    async () => {
      const { fetch: limited, agent } = limitedFetch({ headersTimeout: 200 });
      try {
        const client = createClient({
          apiKey: 'sk-test',
          baseURL: mock.url,
          fetch: limited,
          timeout: 10_000,
          maxRetries: 0,
        });
        mock.enqueue({ type: 'chat', fault: { kind: 'stall-before-headers' } });
        const outcome = await record(client.chat.completions.create(PARAMS));
        expect(outcome.error).toBeInstanceOf(RequestTimeoutError);
        expect(outcome.error).toMatchObject({ timeout: 'request' });
        expect((outcome.error as Error).message).toMatch(/platform fetch.*undici headersTimeout/);
      } finally {
        await agent.close();
      }
    },
  );

  maybe(
    '11.13 bodyTimeout before the library idleTimeout: IdleTimeoutError naming the platform limit',
    async () => {
      const { fetch: limited, agent } = limitedFetch({ bodyTimeout: 200 });
      try {
        const client = createClient({
          apiKey: 'sk-test',
          baseURL: mock.url,
          fetch: limited,
          idleTimeout: 10_000,
          maxRetries: 0,
        });
        mock.enqueue({
          type: 'chat',
          text: 'one two three',
          fault: { kind: 'stall-after-chunks', chunks: 1 },
        });
        const outcome = await record(client.chat.completions.create(PARAMS));
        expect(outcome.values).toHaveLength(1);
        expect(outcome.error).toBeInstanceOf(IdleTimeoutError);
        expect(outcome.error).toMatchObject({ timeout: 'idle' });
        expect((outcome.error as Error).message).toMatch(/platform fetch.*undici bodyTimeout/);
      } finally {
        await agent.close();
      }
    },
  );

  maybe('11.13 the workaround: longer platform limits let the library timeouts apply', async () => {
    const { fetch: limited, agent } = limitedFetch({ headersTimeout: 0, bodyTimeout: 0 });
    try {
      const client = createClient({
        apiKey: 'sk-test',
        baseURL: mock.url,
        fetch: limited,
        timeout: 300,
        maxRetries: 0,
      });
      mock.enqueue({ type: 'chat', fault: { kind: 'stall-before-headers' } });
      const outcome = await record(client.chat.completions.create(PARAMS));
      expect(outcome.error).toBeInstanceOf(RequestTimeoutError);
      expect((outcome.error as Error).message).toMatch(/no response headers within 300 ms/);
      mock.enqueue({ type: 'chat', text: 'It works.' });
      expect((await record(client.chat.completions.create(PARAMS))).completed).toBe(true);
    } finally {
      await agent.close();
    }
  });
});
