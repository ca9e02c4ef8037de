import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createClient } from '../../lib/client.js';
import { DEFAULT_BASE_URL, resolveClientOptions } from '../../lib/http/options.js';
import { resolveRequestOptions } from '../../lib/http/request-options.js';
import { SECRET } from './helpers.js';

const ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID'] as const;

describe('resolveClientOptions', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const name of ENV) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('fills in the documented defaults and freezes the result', () => {
    const options = resolveClientOptions();
    expect(options).toMatchObject({
      baseURL: DEFAULT_BASE_URL,
      timeout: 600_000,
      idleTimeout: 300_000,
      firstChunkTimeout: 0,
      idleTimeoutCountsKeepAlives: true,
      maxRetries: 2,
    });
    expect(options.apiKey).toBeUndefined();
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('reads OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID and OPENAI_PROJECT_ID', () => {
    process.env['OPENAI_API_KEY'] = SECRET;
    process.env['OPENAI_BASE_URL'] = 'http://localhost:8080/v1/';
    process.env['OPENAI_ORG_ID'] = 'org-1';
    process.env['OPENAI_PROJECT_ID'] = 'proj-1';
    const options = resolveClientOptions();
    expect(options.apiKey).toBe(SECRET);
    expect(options.baseURL).toBe('http://localhost:8080/v1');
    expect(options.organization).toBe('org-1');
    expect(options.project).toBe('proj-1');
  });

  it('prefers explicit options over the environment', () => {
    process.env['OPENAI_API_KEY'] = 'sk-env';
    const options = resolveClientOptions({ apiKey: SECRET, baseURL: 'https://example.com/api//' });
    expect(options.apiKey).toBe(SECRET);
    expect(options.baseURL).toBe('https://example.com/api');
  });

  it('keeps the API key out of enumeration, JSON and the client', () => {
    const client = createClient({ apiKey: SECRET });
    expect(JSON.stringify(client)).not.toContain(SECRET);
    expect(Object.keys(client.options)).not.toContain('apiKey');
    expect(client.options.apiKey).toBe(SECRET);
  });

  it.each([
    [{ timeout: -1 }, 'createClient: option "timeout" must be a non-negative finite number, got -1'],
    [{ idleTimeout: Number.NaN }, 'option "idleTimeout" must be a non-negative finite number, got NaN'],
    [{ firstChunkTimeout: Infinity }, 'option "firstChunkTimeout" must be a non-negative finite number'],
    [{ timeout: 3_000_000_000 }, 'option "timeout" must be at most 2147483647 ms'],
    [{ maxRetries: 1.5 }, 'option "maxRetries" must be a non-negative integer, got 1.5'],
    [{ maxRetries: '2' }, 'option "maxRetries" must be a non-negative integer, got string'],
    [{ idleTimeoutCountsKeepAlives: 'yes' }, 'option "idleTimeoutCountsKeepAlives" must be a boolean'],
    [{ maxEventBytes: 0 }, 'option "maxEventBytes" must be a positive finite number, got 0'],
    [{ baseURL: 'ftp://example.com' }, 'option "baseURL" must use http or https, got "ftp:"'],
    [{ baseURL: 'not a url' }, 'option "baseURL" must be an absolute http or https URL'],
    [{ headers: ['x'] }, 'option "headers" must be an object'],
    [{ headers: { 'X-A': 1 } }, 'option "headers" header "X-A" must be a string or null'],
    [{ fetch: 'fetch' }, 'option "fetch" must be a function'],
    [{ organization: '' }, 'option "organization" must be a non-empty string'],
    [{ timeOut: 5 }, 'createClient: unknown option "timeOut"'],
  ])('rejects %p with a TypeError naming the option', (options, message) => {
    expect(() => resolveClientOptions(options as never)).toThrow(TypeError);
    expect(() => resolveClientOptions(options as never)).toThrow(message);
  });

  it('never quotes the API key in a TypeError', () => {
    let error: unknown;
    try {
      resolveClientOptions({ apiKey: 42 as never, baseURL: `http://x.invalid/${SECRET}`, timeout: -1 });
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).toContain('"apiKey"');
    expect(String(error)).not.toContain(SECRET);
    try {
      resolveClientOptions({ baseURL: `ftp://${SECRET}@example.com` });
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).not.toContain(SECRET);
  });

  describe('in a browser-like environment', () => {
    const scope = globalThis as { window?: unknown; document?: unknown };
    beforeEach(() => {
      scope.window = {};
      scope.document = {};
    });
    afterEach(() => {
      delete scope.window;
      delete scope.document;
    });

    it('refuses an apiKey without dangerouslyAllowBrowser', () => {
      expect(() => createClient({ apiKey: SECRET })).toThrow(
        /browser-like environment.*dangerouslyAllowBrowser/s,
      );
    });
    it('allows it with dangerouslyAllowBrowser: true', () => {
      expect(createClient({ apiKey: SECRET, dangerouslyAllowBrowser: true }).options.apiKey).toBe(SECRET);
    });
    it('allows a client without apiKey (behind a proxy)', () => {
      expect(createClient({ baseURL: 'https://my-backend.example/api' }).options.apiKey).toBeUndefined();
    });
  });
});

describe('resolveRequestOptions', () => {
  const client = resolveClientOptions({ apiKey: SECRET, timeout: 1000, headers: { 'X-A': 'a', 'X-B': 'b' } });

  it('overrides the client per request and merges headers (null removes)', () => {
    const resolved = resolveRequestOptions(client, {
      timeout: 50,
      maxRetries: 0,
      headers: { 'X-B': null, 'X-C': 'c' },
    });
    expect(resolved.timeout).toBe(50);
    expect(resolved.idleTimeout).toBe(client.idleTimeout);
    expect(resolved.maxRetries).toBe(0);
    expect(resolved.headers).toEqual({ 'X-A': 'a', 'X-B': null, 'X-C': 'c' });
    expect(resolved.observe).toBe('body');
  });

  it.each([
    [{ timeout: -5 }, 'create: option "timeout" must be a non-negative finite number, got -5'],
    [{ observe: 'response' }, `option "observe" must be 'body' or 'events'`],
    [{ signal: {} }, 'option "signal" must be an AbortSignal'],
    [{ retries: 1 }, 'unknown option "retries"'],
  ])('rejects %p', (options, message) => {
    expect(() => resolveRequestOptions(client, options as never)).toThrow(message);
  });
});
