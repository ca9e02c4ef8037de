// Error bodies and frames of odd shapes: fields that are not strings (issue 11 item 1) and the reasons of
// non-OpenAI servers (item 22). Each ends in a typed error that says what the server said, once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { config } from 'rxjs';
import {
  APIError,
  APIStreamError,
  BadRequestError,
  InternalServerError,
  UnprocessableEntityError,
} from '../../lib/errors/index.js';
import type { MockReply } from '../../lib/testing/index.js';
import { chunkFrame, record } from '../faults/helpers.js';
import { expectNoSecret, MESSAGES, SECRET, setup } from '../http/helpers.js';

const sse = (...frames: string[]): MockReply => ({ type: 'raw', chunks: frames });
const json = (status: number, body: unknown): MockReply => ({
  type: 'raw',
  status,
  headers: { 'content-type': 'application/json' },
  chunks: [JSON.stringify(body)],
});
const errorFrame = (error: unknown) => `data: ${JSON.stringify({ error })}\n\n`;

let env: Awaited<ReturnType<typeof setup>>;
// An error thrown inside an rxjs observer is reported through `config.onUnhandledError` (by default rethrown
// from a timer: an uncaught exception that ends the process). Jest's sandbox hides the real process's
// 'uncaughtException' event, so this hook is where such a crash would show.
const unhandled: unknown[] = [];
let previousHook: typeof config.onUnhandledError;
beforeAll(async () => {
  env = await setup();
  previousHook = config.onUnhandledError;
  config.onUnhandledError = (error) => void unhandled.push(error);
});
afterAll(async () => {
  config.onUnhandledError = previousHook;
  await env.mock.close();
});
afterEach(() => {
  expect(unhandled).toEqual([]);
});

const run = (reply: MockReply, stream = true) => {
  env.mock.enqueue(reply);
  return record(env.client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream }));
};

describe('11.1 error objects whose fields are not strings', () => {
  it('11.1 a chat error frame with a numeric type, before any chunk: APIStreamError "boom"', async () => {
    const outcome = await run(sse(errorFrame({ message: 'boom', type: 500 })));
    expect(outcome.completed).toBe(false);
    expect(outcome.terminals).toBe(1);
    expect(outcome.values).toEqual([]);
    expect(outcome.error).toBeInstanceOf(APIStreamError);
    expect((outcome.error as APIStreamError).message).toContain('boom');
    expect((outcome.error as APIStreamError).type).toBe('500');
  });

  it('11.1 the same frame after a delivered chunk: the chunk stays delivered, then APIStreamError', async () => {
    const outcome = await run(sse(chunkFrame('Hi'), errorFrame({ message: 'boom', type: 500 })));
    expect(outcome.values).toHaveLength(1);
    expect(outcome.error).toBeInstanceOf(APIStreamError);
    expect((outcome.error as Error).message).toContain('boom');
  });

  it('11.1 a frame whose code is an object fails (never a silent completion); the code is dropped', async () => {
    const outcome = await run(
      sse(chunkFrame('Hi'), errorFrame({ message: 'boom', code: { reason: 'x' } }), chunkFrame('', 'stop')),
    );
    expect(outcome.completed).toBe(false);
    expect(outcome.error).toBeInstanceOf(APIStreamError);
    expect(outcome.error).toMatchObject({ code: null, message: expect.stringContaining('boom') });
  });

  it('11.1 an `event: error` frame with non-string fields', async () => {
    const frame = `event: error\ndata: ${JSON.stringify({ message: 'boom', type: 500, code: [1], param: {} })}\n\n`;
    const outcome = await run(sse(frame));
    expect(outcome.error).toBeInstanceOf(APIStreamError);
    expect(outcome.error).toMatchObject({ type: '500', code: null, param: null });
    expect((outcome.error as Error).message).toContain('boom');
  });

  it('11.1 a 200 non-stream body {"error":{"code":{}}} fails with APIError "boom"', async () => {
    const outcome = await run(json(200, { error: { message: 'boom', code: {} } }), false);
    expect(outcome.completed).toBe(false);
    expect(outcome.values).toEqual([]);
    expect(outcome.error).toBeInstanceOf(APIError);
    expect((outcome.error as Error).message).toContain('boom');
  });

  it('11.1 a 200 non-stream body whose error has no message still fails, typed', async () => {
    const outcome = await run(json(200, { error: { code: {} } }), false);
    expect(outcome.completed).toBe(false);
    expect(outcome.error).toBeInstanceOf(APIError);
  });

  it.each([true, false])(
    '11.1 a 400 with that body is a BadRequestError "boom" (stream: %p)',
    async (stream) => {
      const outcome = await run(json(400, { error: { message: 'boom', code: {}, type: 7 } }), stream);
      expect(outcome.error).toBeInstanceOf(BadRequestError);
      expect(outcome.error).toMatchObject({ status: 400, code: null, type: '7' });
      expect((outcome.error as Error).message).toMatch(/^400 boom/);
    },
  );

  it('11.1 a 400 whose message is an object quotes it as JSON', async () => {
    const outcome = await run(json(400, { error: { message: { text: 'boom' }, code: {} } }));
    expect(outcome.error).toBeInstanceOf(BadRequestError);
    expect((outcome.error as Error).message).toContain('boom');
  });
});

describe('11.22 the reason of a non-OpenAI error body', () => {
  const status = (code: number, body: string, contentType: string): MockReply => ({
    type: 'status',
    status: code,
    body,
    contentType,
    headers: { 'x-should-retry': 'false' },
  });
  const errorOf = async (reply: MockReply) => (await run(reply)).error as Error;

  it('11.22 a FastAPI 422 with a detail string quotes the reason', async () => {
    const detail = "Unexpected fields in the request: {'bogus_param'}";
    const error = await errorOf(status(422, JSON.stringify({ detail }), 'application/json'));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.message).toContain(detail);
  });

  it('11.22 a FastAPI 422 with a detail list quotes each location and message', async () => {
    const body = JSON.stringify({ detail: [{ loc: ['body', 'x'], msg: 'field required' }] });
    const error = await errorOf(status(422, body, 'application/json'));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.message).toContain('body.x: field required');
  });

  it('11.22 a short text/plain 500 quotes the text', async () => {
    const error = await errorOf(status(500, 'upstream model crashed: CUDA out of memory\n', 'text/plain'));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toContain('upstream model crashed: CUDA out of memory');
  });

  it.each([
    ['text/html', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>page-marker</p></body></html>'],
    ['text/html; charset=utf-8', '<h1>Bad gateway</h1> page-marker'],
    ['text/plain', '<html><body>page-marker</body></html>'],
  ])('11.22 an HTML page (%s) is never quoted', async (contentType, page) => {
    const error = await errorOf(status(502, page, contentType));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).not.toContain('page-marker');
    expect(error.message).not.toContain('<');
  });

  it.each([
    ['application/json', JSON.stringify({ detail: `Invalid key ${SECRET}` })],
    ['application/json', JSON.stringify({ detail: [{ loc: ['header', SECRET], msg: `bad ${SECRET}` }] })],
    ['text/plain', `key ${SECRET} rejected`],
  ])('11.22 a key in the reason is redacted (%s)', async (contentType, body) => {
    const error = await errorOf(status(422, body, contentType));
    expect(error.message).toContain('[redacted]');
    expectNoSecret(error);
  });
});
