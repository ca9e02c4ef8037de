import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../lib/client.js';
import { startMockServer, type MockServer } from '../lib/testing/index.js';
import { collect, MESSAGES, SECRET } from './http/helpers.js';

describe('createClient', () => {
  let mock: MockServer;
  const saved = { key: process.env['OPENAI_API_KEY'], url: process.env['OPENAI_BASE_URL'] };
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(async () => {
    await mock.close();
    for (const [name, value] of [
      ['OPENAI_API_KEY', saved.key],
      ['OPENAI_BASE_URL', saved.url],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('returns a frozen client built from per-resource factories', () => {
    const client = createClient({ apiKey: SECRET });
    expect(Object.isFrozen(client)).toBe(true);
    expect(Object.keys(client)).toEqual(expect.arrayContaining(['chat', 'options']));
    expect(typeof client.chat.completions.create).toBe('function');
  });

  it('works with no arguments, from OPENAI_API_KEY and OPENAI_BASE_URL (the guide)', async () => {
    process.env['OPENAI_API_KEY'] = SECRET;
    process.env['OPENAI_BASE_URL'] = mock.url;
    const client = createClient();
    const { values, completed } = await collect(
      client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }),
    );
    expect(completed).toBe(true);
    expect(values.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('').length).toBeGreaterThan(0);
    expect(mock.requests[0]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const client = createClient({
      apiKey: SECRET,
      baseURL: mock.url,
      fetch: (input, init) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    await collect(client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES }));
    expect(seen).toEqual([`${mock.url}/chat/completions`]);
  });

  it('two clients do not share options', () => {
    const a = createClient({ apiKey: SECRET, timeout: 1 });
    const b = createClient({ apiKey: SECRET, timeout: 2 });
    expect([a.options.timeout, b.options.timeout]).toEqual([1, 2]);
  });
});
