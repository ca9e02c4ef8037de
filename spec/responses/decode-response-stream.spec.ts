import { describe, expect, it } from '@jest/globals';
import { of } from 'rxjs';
import {
  isResponseFailedError,
  isResponseStreamError,
  ResponseFailedError,
  ResponseStreamError,
  StreamTruncatedError,
  ChunkParseError,
  ChunkValidationError,
  APIStreamError,
} from '../../lib/errors/index.js';
import { responseStreamDecoder } from '../../lib/responses/decode-response-stream.js';
import { decodeWith } from '../http/pipeline.js';
import type { SSEStreamItem } from '../http/pipeline.js';
import { collect } from '../http/helpers.js';
import { marbles } from '../chat/operators/helpers.js';
import { data, response, sse, textEvents } from './fixtures.js';

const items = (events: readonly unknown[], eventLines = false) =>
  events.map((event) => sse(event, eventLines));
const decode = (list: SSEStreamItem[]) =>
  collect(of(...list).pipe(decodeWith(responseStreamDecoder, { method: 'POST', path: '/responses' })));

describe('decodeResponseStream', () => {
  it('emits every event and completes after response.completed (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('abc|', { a: sse(textEvents[0]), b: sse(textEvents[4]), c: sse(textEvents[8]) });
      expectObservable(source.pipe(decodeWith(responseStreamDecoder))).toBe('ab(c|)', {
        a: data(textEvents[0]),
        b: data(textEvents[4]),
        c: data(textEvents[8]),
      });
    });
  });

  it('unsubscribes upstream at the terminal event (marbles)', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b--c-|', {
        a: sse(textEvents[0]),
        b: sse(textEvents[8]),
        c: sse(textEvents[4]),
      });
      expectObservable(source.pipe(decodeWith(responseStreamDecoder))).toBe('a-(b|)', {
        a: data(textEvents[0]),
        b: data(textEvents[8]),
      });
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('decodes frames with and without event: lines alike, and ignores [DONE]', async () => {
    const plain = await decode([...items(textEvents), sse('[DONE]')]);
    const withLines = await decode(items(textEvents, true));
    expect(plain.completed && withLines.completed).toBe(true);
    expect(withLines.values).toEqual(plain.values);
    expect(plain.values).toHaveLength(textEvents.length);
  });

  it('completes after response.incomplete with the status and incomplete_details visible', async () => {
    const incomplete = {
      type: 'response.incomplete',
      sequence_number: 2,
      response: response('incomplete', { incomplete_details: { reason: 'max_output_tokens' } }),
    };
    const outcome = await decode(items([textEvents[0], textEvents[4], incomplete]));
    expect(outcome.completed).toBe(true);
    expect(outcome.values.at(-1)).toMatchObject({
      data: { response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } },
    });
  });

  it('delivers response.failed, then fails with ResponseFailedError carrying the snapshot', async () => {
    const failed = {
      type: 'response.failed',
      sequence_number: 2,
      response: response('failed', { error: { code: 'rate_limit_exceeded', message: 'Slow down' } }),
    };
    const outcome = await decode(items([textEvents[0], textEvents[4], failed]));
    expect(outcome.values.map((item) => item.type === 'data' && item.data.type)).toEqual([
      'response.created',
      'response.output_text.delta',
      'response.failed',
    ]);
    expect(outcome.error).toBeInstanceOf(ResponseFailedError);
    expect(isResponseFailedError(outcome.error)).toBe(true);
    expect(outcome.error).toMatchObject({
      code: 'rate_limit_exceeded',
      kind: 'rate_limit',
      responseId: 'resp_1',
      response: { status: 'failed', error: { message: 'Slow down' } },
    });
    expect((outcome.error as Error).message).toBe(
      'Response resp_1 failed: rate_limit_exceeded: Slow down (POST /responses)',
    );
  });

  it.each([
    [
      'nested',
      {
        type: 'error',
        sequence_number: 2,
        error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'No quota', param: null },
      },
    ],
    [
      'flat',
      { type: 'error', sequence_number: 2, code: 'insufficient_quota', message: 'No quota', param: null },
    ],
  ])(
    'fails on an error event (%s shape) with ResponseStreamError, after the events before it',
    async (_shape, error) => {
      const outcome = await decode(
        items([
          textEvents[0],
          textEvents[1],
          error,
          { type: 'response.failed', sequence_number: 3, response: response('failed') },
        ]),
      );
      expect(outcome.values).toHaveLength(2);
      expect(outcome.error).toBeInstanceOf(ResponseStreamError);
      expect(outcome.error).toBeInstanceOf(APIStreamError);
      expect(isResponseStreamError(outcome.error)).toBe(true);
      expect(outcome.error).toMatchObject({
        code: 'insufficient_quota',
        message: expect.stringContaining('No quota'),
        param: null,
        kind: 'quota',
        sequenceNumber: 2,
      });
    },
  );

  it('recognises rate limits in error events', async () => {
    const outcome = await decode(
      items([{ type: 'error', code: 'rate_limit_exceeded', message: 'Too many', param: 'input' }]),
    );
    expect(outcome.error).toMatchObject({
      kind: 'rate_limit',
      code: 'rate_limit_exceeded',
      param: 'input',
      sequenceNumber: -1,
    });
  });

  it('fails with StreamTruncatedError when the body ends before a terminal event', async () => {
    const outcome = await decode(items(textEvents.slice(0, 5)));
    expect(outcome.values).toHaveLength(5);
    expect(outcome.error).toBeInstanceOf(StreamTruncatedError);
    expect((outcome.error as Error).message).toContain('after sequence_number 4');
  });

  it('accepts a complete terminal event that only lacks its blank line, and not a cut-off one', async () => {
    const tail = (json: string): SSEStreamItem => ({
      type: 'tail',
      event: { event: 'message', data: json, id: '' },
    });
    const whole = await decode([...items(textEvents.slice(0, 8)), tail(JSON.stringify(textEvents[8]))]);
    expect(whole.completed).toBe(true);
    const cut = await decode([
      ...items(textEvents.slice(0, 8)),
      tail(JSON.stringify(textEvents[8]).slice(0, 40)),
    ]);
    expect(cut.error).toBeInstanceOf(StreamTruncatedError);
  });

  it('passes unknown events (keepalive) through', async () => {
    const outcome = await decode(items([textEvents[0], { type: 'keepalive' }, textEvents[8]]));
    expect(outcome.completed).toBe(true);
    expect(outcome.values[1]).toEqual(
      data({ type: 'unknown', event_type: 'keepalive', sequence_number: -1, payload: { type: 'keepalive' } }),
    );
  });

  it('dispatches on the event: line when the JSON has no type', async () => {
    const noType = { sequence_number: 4, output_index: 0, delta: 'Hi' };
    const item: SSEStreamItem = {
      type: 'sse',
      event: { event: 'response.output_text.delta', data: JSON.stringify(noType), id: '' },
    };
    const outcome = await decode([item]);
    expect(outcome.values[0]).toMatchObject({ data: { type: 'response.output_text.delta', delta: 'Hi' } });
  });

  it('fails with ChunkParseError on bad JSON and ChunkValidationError on a bad known event, after earlier events', async () => {
    const bad = await decode([sse(textEvents[0]), sse('{"type":"response.output_text.delta",')]);
    expect(bad.values).toHaveLength(1);
    expect(bad.error).toBeInstanceOf(ChunkParseError);
    expect(bad.error).toMatchObject({ eventIndex: 1 });
    const invalid = await decode([
      sse(textEvents[0]),
      sse({ type: 'response.output_text.delta', output_index: 0, delta: 5 }),
    ]);
    expect(invalid.error).toBeInstanceOf(ChunkValidationError);
    expect((invalid.error as ChunkValidationError).issues[0]?.path).toEqual(['delta']);
    // The same message grammar as a bad chat chunk: `<problem>: <path>: <zod message>`.
    expect((invalid.error as Error).message).toMatch(
      /^SSE event 1 is not a valid response\.output_text\.delta event: delta: /,
    );
    expect(invalid.error).toMatchObject({ eventIndex: 1 });
    const untyped = await decode([sse({ hello: 1 })]);
    expect(untyped.error).toBeInstanceOf(ChunkValidationError);
  });

  it('passes the open event through and names the request id in errors', async () => {
    const headers = new Headers({ 'x-request-id': 'req_42' });
    const open: SSEStreamItem = {
      type: 'open',
      response: {
        status: 200,
        statusText: 'OK',
        headers,
        requestId: 'req_42',
        url: 'http://x/v1/responses',
        attempts: 1,
      },
    };
    const outcome = await decode([open, sse(textEvents[0])]);
    expect(outcome.values[0]).toBe(open);
    expect((outcome.error as Error).message).toContain('request req_42');
  });
});
