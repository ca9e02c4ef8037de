import { describe, expect, it } from '@jest/globals';
import { errorObjectOf, statusErrorOf } from '../../lib/core/error-details.js';
import { RateLimitError } from '../../lib/errors/status.js';

const context = { method: 'POST', path: '/chat/completions', headers: new Headers() };
const request = { idleTimeout: 1_000 };
const body = JSON.stringify({
  error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' },
});

describe('statusErrorOf', () => {
  it('reads the OpenAI error object of the body', async () => {
    const response = new Response(body, { status: 429, headers: { 'content-type': 'application/json' } });
    const error = await statusErrorOf(response, context, request);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe('429 Slow down (POST /chat/completions)');
    expect(error.code).toBe('rate_limit_exceeded');
  });

  it('keeps the typed class when the code that reads the body fails to load, and releases the body', async () => {
    const response = new Response(body, { status: 429 });
    const failedLoad = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const error = await statusErrorOf(response, context, request, failedLoad as never);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.message).toBe(
      '429 Rate limit reached; its body was not read (Failed to fetch dynamically imported module) (POST /chat/completions)',
    );
    expect(response.bodyUsed || response.body?.locked).toBeTruthy();
  });
});

describe('errorObjectOf', () => {
  it('finds the error object in a JSON body, and nothing in another body', async () => {
    const reader = (text: string) => new Response(text).body!.getReader();
    expect(await errorObjectOf(reader(body), request)).toMatchObject({ message: 'Slow down' });
    expect(await errorObjectOf(reader('<html>'), request)).toBeUndefined();
  });
});
