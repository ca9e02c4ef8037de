// Client construction refuses the unsafe: an apiKey in a browser-like environment (unless explicitly
// allowed), and a baseURL that is not http or https.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createClient } from '../../lib/client.js';
import { SECRET } from '../faults/helpers.js';

const scope = globalThis as { window?: unknown; document?: unknown };

function simulateBrowser(): void {
  scope.window = globalThis;
  scope.document = { title: 'test page' };
}

describe('client options: browser guard', () => {
  afterEach(() => {
    delete scope.window;
    delete scope.document;
  });

  it('refuses an apiKey in a browser-like environment, without quoting the key', () => {
    simulateBrowser();
    let thrown: unknown;
    try {
      createClient({ apiKey: SECRET, baseURL: 'https://api.example.test/v1' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toMatch(/browser/);
    expect((thrown as Error).message).toMatch(/dangerouslyAllowBrowser/);
    expect(String(thrown)).not.toContain(SECRET);
  });

  it('allows it with dangerouslyAllowBrowser: true', () => {
    simulateBrowser();
    const client = createClient({
      apiKey: SECRET,
      baseURL: 'https://api.example.test/v1',
      dangerouslyAllowBrowser: true,
    });
    expect(client.options.baseURL).toBe('https://api.example.test/v1');
  });

  it('allows a browser client without an apiKey (the backend-proxy pattern)', () => {
    simulateBrowser();
    const saved = process.env['OPENAI_API_KEY'];
    delete process.env['OPENAI_API_KEY'];
    try {
      expect(() => createClient({ baseURL: 'https://my-backend.example.test/api/openai' })).not.toThrow();
    } finally {
      if (saved !== undefined) process.env['OPENAI_API_KEY'] = saved;
    }
  });

  it('treats a window without a document (a worker-like scope) as not a page', () => {
    scope.window = globalThis;
    expect(() => createClient({ apiKey: SECRET })).not.toThrow();
  });
});

describe('client options: baseURL must be http or https', () => {
  it.each([
    'ftp://example.test/v1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'ws://example.test/v1',
    'not a url',
    '/relative/v1',
    '',
  ])('rejects %j with a TypeError', (baseURL) => {
    expect(() => createClient({ apiKey: SECRET, baseURL })).toThrow(TypeError);
    expect(() => createClient({ apiKey: SECRET, baseURL })).toThrow(/baseURL/);
  });

  it('rejects a non-string baseURL', () => {
    expect(() => createClient({ apiKey: SECRET, baseURL: 42 as unknown as string })).toThrow(TypeError);
  });

  it.each(['http://127.0.0.1:8080/v1', 'https://api.openai.com/v1/', 'HTTPS://Example.Test/v1'])(
    'accepts %j',
    (baseURL) => {
      expect(() => createClient({ apiKey: SECRET, baseURL })).not.toThrow();
    },
  );
});
