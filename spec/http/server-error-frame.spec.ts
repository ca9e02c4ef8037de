import { describe, expect, it } from '@jest/globals';
import { APIError, APIStreamError } from '../../lib/errors/api-error.js';
import { ResponseStreamError } from '../../lib/errors/responses.js';
import { isServerErrorFrame as isServerStreamError } from '../../lib/http/retry-policy.js';

const chatFrame = (type: string | null, code: string | null = null) =>
  new APIStreamError('The server sent an error', { error: { message: 'x', type, code } });
const responsesEvent = (code: string | null, type: string | null = null) =>
  new ResponseStreamError('Responses stream error', {
    error: { message: 'x', type, code },
    sequenceNumber: 0,
  });

describe('isServerStreamError', () => {
  it('is one rule for chat error frames and Responses error events: type or code of kind server', () => {
    for (const value of ['server_error', 'server_is_busy', 'internal_error', 'engine_overloaded']) {
      expect([value, isServerStreamError(chatFrame(value))]).toEqual([value, true]);
      expect([value, isServerStreamError(chatFrame('error', value))]).toEqual([value, true]);
      expect([value, isServerStreamError(responsesEvent(value))]).toEqual([value, true]);
      expect([value, isServerStreamError(responsesEvent(null, value))]).toEqual([value, true]);
    }
  });

  it('is false for rate limits, quotas, request errors and anything that is not a stream error', () => {
    for (const value of ['rate_limit_exceeded', 'insufficient_quota', 'invalid_request_error', null]) {
      expect(isServerStreamError(chatFrame(value, value))).toBe(false);
      expect(isServerStreamError(responsesEvent(value, value))).toBe(false);
    }
    const status = new APIError('503', { status: 503, error: { message: 'x', type: 'server_error' } });
    expect(isServerStreamError(status)).toBe(false);
    expect(isServerStreamError(new Error('server_error'))).toBe(false);
    expect(isServerStreamError(undefined)).toBe(false);
  });
});
