import { describe, expect, it } from '@jest/globals';
import { retryAfterOf, statusErrorOf, unexpectedStreamOf } from '../../lib/http/error-details.js';
import { APIError } from '../../lib/errors/api-error.js';
import { RateLimitError } from '../../lib/errors/status.js';
import { UnexpectedResponseError } from '../../lib/errors/unexpected-response-error.js';

const context = { method: 'POST', path: '/chat/completions', headers: new Headers() };
const request = { idleTimeout: 1_000 };
const body = JSON.stringify({
  error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' },
});
const json = { 'content-type': 'application/json', 'x-request-id': 'req_1' };
const failedLoad = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

describe('statusErrorOf', () => {
  it('reads the OpenAI error object of the body into the typed error', async () => {
    const response = new Response(body, { status: 429, headers: json });
    const error = await statusErrorOf(response, context, request);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe('429 Slow down (POST /chat/completions)');
    expect(error.code).toBe('rate_limit_exceeded');
  });

  it('is a plain APIError with the status when the code that reads error bodies fails to load', async () => {
    const headers = new Headers(json);
    const response = new Response(body, { status: 429, headers });
    const error = await statusErrorOf(response, { ...context, headers }, request, failedLoad as never);
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.requestId).toBe('req_1');
    expect(error.message).toBe(
      'HTTP 429; the code that reads error responses did not load ' +
        '(Failed to fetch dynamically imported module) (POST /chat/completions, request req_1)',
    );
  });
});

describe('unexpectedStreamOf', () => {
  const problem = 'Expected an event stream (text/event-stream)';

  it('quotes the error object of a JSON body, and only names another body', async () => {
    const jsonResponse = new Response(body, { status: 200, headers: json });
    const error = await unexpectedStreamOf(
      problem,
      jsonResponse,
      jsonResponse.body!.getReader(),
      context,
      request,
    );
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.message).toContain('Slow down');
    const html = new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const other = await unexpectedStreamOf(problem, html, html.body!.getReader(), context, request);
    expect(other.message).toBe(`${problem}; got HTTP 200 with text/html (POST /chat/completions)`);
  });

  it('is a plain APIError when the code fails to load', async () => {
    const response = new Response(body, { status: 200, headers: json });
    const error = await unexpectedStreamOf(problem, response, null, context, request, failedLoad as never);
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(UnexpectedResponseError);
    expect(error.message).toMatch(/^Expected an event stream \(text\/event-stream\); got HTTP 200; the code/);
  });
});

describe('retryAfterOf', () => {
  it("reads the server's wait, and falls back to undefined (the usual backoff) when the code fails to load", async () => {
    const headers = new Headers({ 'retry-after-ms': '250' });
    expect(await retryAfterOf(headers)).toBe(250);
    expect(await retryAfterOf(new Headers())).toBeUndefined();
    expect(await retryAfterOf(headers, failedLoad as never)).toBeUndefined();
  });
});
