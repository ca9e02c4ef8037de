import { describe, expect, it } from '@jest/globals';
import {
  backoffMs,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  shouldRetryHint,
} from '../../lib/http/retry-policy.js';

describe('isRetryableStatus', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(isRetryableStatus(status, new Headers())).toBe(true);
  });
  it.each([400, 401, 403, 404, 413, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status, new Headers())).toBe(false);
  });
  it('obeys x-should-retry both ways', () => {
    expect(isRetryableStatus(400, new Headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryableStatus(503, new Headers({ 'x-should-retry': 'false' }))).toBe(false);
    expect(isRetryableStatus(503, new Headers({ 'x-should-retry': 'maybe' }))).toBe(true);
  });
});

describe('shouldRetryHint', () => {
  const hint = (value?: string) =>
    shouldRetryHint(new Headers(value === undefined ? {} : { 'x-should-retry': value }));
  it('reads true and false, ignoring case and surrounding spaces', () => {
    expect([hint('true'), hint(' TRUE '), hint('false'), hint('False\t')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
  it('is undefined without the header or for any other value', () => {
    expect([hint(), hint(''), hint('maybe'), hint('1'), hint('no')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('prefers retry-after-ms', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  });
  it('reads retry-after in seconds and as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }), now)).toBe(0);
  });
  it('caps an HTTP-date retry-after far in the future at 60 s', () => {
    const inAnHour = new Date(now + 3_600_000).toUTCString();
    expect(retryAfterMs(new Headers({ 'retry-after': inAnHour }), now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' }), now)).toBe(60_000);
    const justUnder = new Date(now + 59_000).toUTCString();
    expect(retryAfterMs(new Headers({ 'retry-after': justUnder }), now)).toBe(59_000);
  });
  it('caps at 60 s and ignores garbage', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3600' }), now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '999999' }), now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles from 0.5 s up to 8 s, with up to 25 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffMs(retry, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffMs(1, () => 1)).toBe(375);
  });
});
