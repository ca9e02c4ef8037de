import { describe, expect, it } from '@jest/globals';
import { resolveClientOptions } from '../../lib/http/options.js';
import { resolveRequestOptions } from '../../lib/http/request-options.js';
import { resolveResume, RESUME_OPTION } from '../../lib/responses/resume-options.js';

const WHERE = 'responses.create';

describe('resolveResume', () => {
  it('turns true/undefined into the defaults and false into null', () => {
    expect(resolveResume(WHERE, undefined)).toEqual({});
    expect(resolveResume(WHERE, true)).toEqual({});
    expect(resolveResume(WHERE, false)).toBeNull();
  });

  it('accepts a numeric backoff from 0 up to the longest timer (2^31 - 1 ms), and functions', () => {
    for (const backoff of [0, 1.5, 2_147_483_647]) {
      expect(resolveResume(WHERE, { backoff })).toEqual({ maxAttempts: undefined, backoff });
    }
    const backoff = (attempt: number) => attempt * 100;
    expect(resolveResume(WHERE, { maxAttempts: 2, backoff })).toEqual({ maxAttempts: 2, backoff });
  });

  it('rejects a numeric backoff a timer cannot wait (it would fire at once and reconnect in a loop)', () => {
    expect(() => resolveResume(WHERE, { backoff: 2 ** 31 })).toThrow(
      new TypeError(`${WHERE}: option "resume.backoff" must be at most 2147483647 ms, got 2147483648`),
    );
    for (const backoff of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) {
      expect(() => resolveResume(WHERE, { backoff })).toThrow(TypeError);
      expect(() => resolveResume(WHERE, { backoff })).toThrow(/^responses\.create: option "resume\.backoff"/);
    }
  });

  it('rejects a backoff that is neither a number nor a function, naming the type only', () => {
    for (const [backoff, got] of [
      ['sk-secret', 'string'],
      [null, 'null'],
      [{}, 'object'],
    ] as const) {
      expect(() => resolveResume(WHERE, { backoff })).toThrow(
        new TypeError(`${WHERE}: option "resume.backoff" must be a number of ms or a function, got ${got}`),
      );
    }
  });

  it('rejects unknown fields, bad maxAttempts and non-objects', () => {
    expect(() => resolveResume(WHERE, { retries: 1 })).toThrow(/unknown option "resume.retries"/);
    expect(() => resolveResume(WHERE, { maxAttempts: 0 })).toThrow(/resume.maxAttempts/);
    expect(() => resolveResume(WHERE, 'yes')).toThrow(TypeError);
  });
});

describe('resume among the request options', () => {
  const client = resolveClientOptions({ apiKey: 'sk-test' });

  it('is accepted where the method adds it, and left out of the resolved request options', () => {
    const request = resolveRequestOptions(
      client,
      { resume: false, timeout: 5 } as never,
      WHERE,
      RESUME_OPTION,
    );
    expect(request.timeout).toBe(5);
    expect(request).not.toHaveProperty('resume');
    expect(() => resolveRequestOptions(client, { resume: false } as never, WHERE)).toThrow(
      `${WHERE}: unknown option "resume"`,
    );
  });

  it('must be a boolean or an object', () => {
    expect(() => resolveRequestOptions(client, { resume: 'yes' } as never, WHERE, RESUME_OPTION)).toThrow(
      new TypeError(`${WHERE}: option "resume" must be a boolean or { maxAttempts, backoff }, got string`),
    );
  });
});
