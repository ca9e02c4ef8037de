import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';

// The recipe in docs/angular.md: auth added through the `fetch` option must keep the library's own headers.
describe('the fetch option as an interceptor', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());

  it('adds a header to the Request ky built, keeping content-type, accept and authorization', async () => {
    const client = createClient({
      apiKey: 'sk-test-fetch-option',
      baseURL: mock.url,
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.set('X-Session', 'session-42');
        return fetch(request, { credentials: 'same-origin' });
      },
    });
    const chunks = await lastValueFrom(
      client.chat.completions
        .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
        .pipe(toArray()),
    );
    expect(chunks.length).toBeGreaterThan(0);
    const headers = mock.requests.at(-1)!.headers;
    expect(headers['x-session']).toBe('session-42');
    expect(headers['content-type']).toMatch(/application\/json/);
    expect(headers['accept']).toMatch(/text\/event-stream/);
    expect(headers['authorization']).toBe('Bearer sk-test-fetch-option');
    expect(mock.requests.at(-1)!.body).toMatchObject({ model: 'gpt-4o', stream: true });
  });
});
