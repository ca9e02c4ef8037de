import { describe, expect, it } from '@jest/globals';
import { TestScheduler } from 'rxjs/testing';
import { chatStreamDecoder } from '../../lib/chat/decode-chat-stream.js';
import { decodeWith } from '../http/pipeline.js';
import { decodeChatCompletion } from '../../lib/chat/decode-chat-completion.js';
import {
  APIError,
  APIStreamError,
  ChunkParseError,
  ChunkValidationError,
  StreamTruncatedError,
} from '../../lib/errors/index.js';
import type { ResponseInfo } from '../../lib/http/events.js';
import type { SSEStreamItem } from '../http/pipeline.js';

const info: ResponseInfo = {
  status: 200,
  statusText: 'OK',
  headers: new Headers({ 'x-request-id': 'req_42' }),
  requestId: 'req_42',
  url: 'http://x/v1/chat/completions',
  attempts: 1,
};
const sse = (data: string, event = 'message'): SSEStreamItem => ({
  type: 'sse',
  event: { event, data, id: '' },
});
const chunkData = (content: string, finish: string | null = null) =>
  JSON.stringify({ id: 'c', choices: [{ index: 0, delta: { content }, finish_reason: finish }] });

const items = {
  o: { type: 'open', response: info } as SSEStreamItem,
  a: sse(chunkData('A')),
  b: sse(chunkData('B', 'stop')),
  d: sse('[DONE]'),
  e: sse(''),
  w: sse('  \n '),
  x: sse('{"error":{"message":"Overloaded","type":"server_error","code":"busy"}}'),
  y: sse('{"message":"Boom","type":"server_error"}', 'error'),
  j: sse('{"id": nope}'),
  v: sse('{"choices":[{"index":"0","delta":{}}]}'),
  t: { type: 'tail', event: { event: 'message', data: '[DONE]', id: '' } } as SSEStreamItem,
  u: { type: 'tail', event: { event: 'message', data: chunkData('lost'), id: '' } } as SSEStreamItem,
};

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const data = (content: string, finish: string | null = null) => ({
  type: 'data',
  data: {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: '',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  },
});

describe('decodeChatStream', () => {
  it('passes open through, decodes chunks and completes at [DONE], unsubscribing upstream', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('o-a-----b-d-a-|', items);
      expectObservable(source.pipe(decodeWith(chatStreamDecoder))).toBe('o-a-----b-|', {
        o: items.o,
        a: data('A'),
        b: data('B', 'stop'),
      });
      expectSubscriptions(source.subscriptions).toBe('^---------!');
    });
  });

  it('completes at a [DONE] tail and delivers a last chunk without its blank line', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-t-|', items).pipe(decodeWith(chatStreamDecoder))).toBe('a-|', {
        a: data('A'),
      });
      expectObservable(cold('b-u|', items).pipe(decodeWith(chatStreamDecoder))).toBe('b-(c|)', {
        b: data('B', 'stop'),
        c: data('lost'),
      });
    });
  });

  it('fails with StreamTruncatedError when the body ends with an unfinished choice', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const error = expect.any(StreamTruncatedError) as unknown as StreamTruncatedError;
      expectObservable(cold('o-a-|', items).pipe(decodeWith(chatStreamDecoder))).toBe(
        'o-a-#',
        { o: items.o, a: data('A') },
        error,
      );
      expectObservable(cold('o-|', items).pipe(decodeWith(chatStreamDecoder))).toBe(
        'o-#',
        { o: items.o },
        error,
      );
    });
  });

  it.each([
    ['x', APIStreamError],
    ['y', APIStreamError],
    ['j', ChunkParseError],
    ['v', ChunkValidationError],
  ] as const)('frame %s fails with %p after the chunks before it', (frame, Class) => {
    scheduler().run(({ cold, expectObservable }) => {
      const error = expect.any(Class) as unknown as Error;
      expectObservable(cold(`o-a-${frame}-b`, items).pipe(decodeWith(chatStreamDecoder))).toBe(
        'o-a-#',
        { o: items.o, a: data('A') },
        error,
      );
    });
  });

  it('builds a full APIStreamError: code, type, message, request id, status', () => {
    let caught: unknown;
    scheduler().run(({ cold }) => {
      cold('o-x', items)
        .pipe(decodeWith(chatStreamDecoder, { method: 'POST', path: '/chat/completions' }))
        .subscribe({ error: (e) => (caught = e) });
    });
    expect(caught).toMatchObject({
      code: 'busy',
      type: 'server_error',
      requestId: 'req_42',
      status: 200,
    });
    expect((caught as Error).message).toBe(
      'The server sent an error after 0 chunks: Overloaded [server_error/busy] (POST /chat/completions, request req_42)',
    );
  });
});

describe('decodeChatCompletion', () => {
  it('returns the validated completion, or throws on an error body', () => {
    const body = {
      id: 'c',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
      extra: 1,
    };
    expect(decodeChatCompletion(body, {})).toEqual(expect.objectContaining({ id: 'c', extra: 1 }));
    expect(() => decodeChatCompletion({ error: { message: 'nope' } }, {})).toThrow(APIError);
  });
});
