import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { REDACTED, redactError, redactText, secretsOf } from '../../lib/http/redact.js';
import { APIError } from '../../lib/errors/api-error.js';
import { APIConnectionError } from '../../lib/errors/connection.js';
import { createStatusError } from '../../lib/errors/status.js';
import { collect, MESSAGES, setup } from './helpers.js';

const KEY = 'sk-proj-0123456789abcdef';

describe('secretsOf', () => {
  it('takes the apiKey and the credential of Authorization-like headers, longest first', () => {
    const headers = {
      Authorization: 'Bearer proxy-token-123456',
      'X-Trace': 'abcdefghijkl',
      'api-key': null,
    };
    expect(secretsOf({ apiKey: KEY }, headers)).toEqual([KEY, 'proxy-token-123456']);
  });

  it('skips header credentials shorter than 8 characters and a missing key', () => {
    expect(secretsOf({ apiKey: undefined }, { authorization: 'Bearer abc' })).toEqual([]);
    expect(secretsOf({ apiKey: undefined })).toEqual([]);
    expect(secretsOf({ apiKey: '' }, { 'x-api-key': 'short' })).toEqual([]);
  });

  it('replaces a short key only where it stands as a whole token, so words and paths stay readable', () => {
    expect(redactText('Incorrect API key provided: x. at exchange.ts:49 (key=x)', ['x'])).toBe(
      'Incorrect API key provided: [redacted]. at exchange.ts:49 (key=[redacted])',
    );
    expect(redactText('ollama rejected ollama-7b', ['ollama'])).toBe('[redacted] rejected ollama-7b');
    expect(redactText('xsk-abcdefghx', ['sk-abcdefgh'])).toBe('x[redacted]x');
  });

  it('keeps the configured apiKey whatever its length', () => {
    expect(secretsOf({ apiKey: 'ollama' }, { authorization: 'Bearer abc' })).toEqual(['ollama']);
    expect(secretsOf({ apiKey: 'k1' }, { authorization: 'Bearer proxy-token-123456' })).toEqual([
      'proxy-token-123456',
      'k1',
    ]);
  });
});

describe('redactText', () => {
  it('replaces every occurrence', () => {
    expect(redactText(`${KEY} and ${KEY}.`, [KEY])).toBe(`${REDACTED} and ${REDACTED}.`);
    expect(redactText('nothing here', [KEY])).toBe('nothing here');
  });
});

describe('redactError', () => {
  it('cleans the message, the stack and the parsed error body of a status error', () => {
    const said = `Incorrect API key provided: ${KEY}.`;
    const error = createStatusError(401, {
      headers: new Headers(),
      error: { message: said, code: KEY, nested: { list: [`x ${KEY}`, 1] } },
    });
    expect(redactError(error, [KEY])).toBe(error);
    expect(error.message).toBe(`401 Incorrect API key provided: ${REDACTED}.`);
    expect(error.stack).not.toContain(KEY);
    expect(error.code).toBe(REDACTED);
    expect(error.error).toEqual({
      message: `Incorrect API key provided: ${REDACTED}.`,
      code: REDACTED,
      nested: { list: [`x ${REDACTED}`, 1] },
    });
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(inspect(error, { depth: 8, showHidden: true })).not.toContain(KEY);
  });

  it('follows the cause chain, and leaves clean data and non-errors untouched', () => {
    const inner = new APIError(`inner ${KEY}`, { error: { message: 'fine' } });
    const body = inner.error;
    const outer = new APIConnectionError('outer', { cause: inner });
    redactError(outer, [KEY]);
    expect(inner.message).toBe(`inner ${REDACTED}`);
    expect(inner.error).toBe(body);
    const plain = { message: KEY };
    expect(redactError(plain, [KEY])).toEqual({ message: KEY });
  });

  it('does nothing without secrets, and survives a cause cycle', () => {
    const error = new APIError(`a ${KEY}`);
    redactError(error, []);
    expect(error.message).toContain(KEY);
    const cyclic = new APIError(`b ${KEY}`, { cause: error });
    Object.defineProperty(error, 'cause', { value: cyclic });
    redactError(cyclic, [KEY]);
    expect(cyclic.message).toBe(`b ${REDACTED}`);
    expect(error.message).toBe(`a ${REDACTED}`);
  });
});

describe('a short configured apiKey, end to end', () => {
  it('is redacted from an error that echoes it, even below 8 characters', async () => {
    const short = 'sk-q7z'; // 6 characters
    const { mock, client } = await setup({}, { apiKey: short, maxRetries: 0 });
    try {
      mock.enqueue({
        type: 'status',
        status: 401,
        error: { message: `Incorrect API key provided: ${short}.`, type: 'invalid_request_error' },
      });
      const { error } = await collect(
        client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }),
      );
      expect((error as Error).message).toMatch(/^401 Incorrect API key provided: \[redacted\]\./);
      for (const view of [String(error), JSON.stringify(error), inspect(error, { depth: 6 })]) {
        expect(view).not.toContain(short);
      }
      expect(mock.requests[0]?.headers['authorization']).toBe(`Bearer ${short}`);
    } finally {
      await mock.close();
    }
  });
});
