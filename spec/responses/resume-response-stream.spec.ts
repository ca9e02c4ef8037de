import { describe, expect, it } from '@jest/globals';
import type { Observable } from 'rxjs';
import { APIConnectionError, ChunkValidationError, StreamTruncatedError } from '../../lib/errors/index.js';
import type { ResponseStreamEvent } from '../../lib/responses/index.js';
import { resumeResponseStream, type ResumeCursor } from '../../lib/responses/resume-response-stream.js';
import type { StreamEvent } from '../../lib/http/events.js';
import { marbles } from '../chat/operators/helpers.js';
import { data, response } from './fixtures.js';

const delta = (n: number) =>
  data({
    type: 'response.output_text.delta',
    sequence_number: n,
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta: `${n}`,
  } as ResponseStreamEvent);
const created = data({
  type: 'response.created',
  sequence_number: 0,
  response: response('queued'),
} as unknown as ResponseStreamEvent);
const completed = data({
  type: 'response.completed',
  sequence_number: 4,
  response: response('completed'),
} as unknown as ResponseStreamEvent);
const drop = new StreamTruncatedError('The Responses stream ended early');
const values = { a: created, b: delta(1), c: delta(2), d: delta(3), e: completed };

type Open = (cursor: ResumeCursor | null) => Observable<StreamEvent<ResponseStreamEvent>>;

/** Records the cursors `open` was called with and serves the connections in order. */
function connections(list: Array<Observable<StreamEvent<ResponseStreamEvent>>>) {
  const cursors: Array<ResumeCursor | null> = [];
  const open: Open = (cursor) => {
    cursors.push(cursor);
    const next = list[cursors.length - 1];
    if (!next) throw new Error('no more connections');
    return next;
  };
  return { cursors, open };
}

describe('resumeResponseStream', () => {
  it('reconnects after drops from the last sequence_number, dropping duplicates (marbles)', () => {
    let cursors: Array<ResumeCursor | null> = [];
    marbles(({ cold, expectObservable }) => {
      const conn = connections([cold('ab-c#', values, drop), cold('cd#', values, drop), cold('e|', values)]);
      cursors = conn.cursors;
      expectObservable(resumeResponseStream(conn.open, { backoff: 5 })).toBe('ab-c------d-----e|', values);
    });
    expect(cursors).toEqual([
      null,
      { responseId: 'resp_1', startingAfter: 2 },
      { responseId: 'resp_1', startingAfter: 3 },
    ]);
  });

  it('gives up after maxAttempts reconnects without progress, saying how far it got (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const conn = connections([cold('ab#', values, drop), cold('#', {}, drop), cold('#', {}, drop)]);
      const error = expect.objectContaining({
        name: 'ResponseResumeError',
        responseId: 'resp_1',
        lastSequenceNumber: 1,
        reconnectAttempts: 2,
        cause: drop,
      });
      expectObservable(resumeResponseStream(conn.open, { maxAttempts: 2, backoff: 5 })).toBe(
        'ab----------#',
        values,
        error,
      );
    });
  });

  it('resets the count when a reconnect brings new events (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const conn = connections([cold('ab#', values, drop), cold('bc#', values, drop), cold('d|', values)]);
      expectObservable(resumeResponseStream(conn.open, { maxAttempts: 1, backoff: 1 })).toBe(
        'ab--c-d|',
        values,
      );
    });
  });

  it('uses the backoff function with the attempt number (marbles)', () => {
    const attempts: number[] = [];
    marbles(({ cold, expectObservable }) => {
      const conn = connections([cold('a#', values, drop), cold('#', {}, drop), cold('e|', values)]);
      const backoff = (attempt: number) => {
        attempts.push(attempt);
        return attempt * 2;
      };
      expectObservable(resumeResponseStream(conn.open, { backoff })).toBe('a------e|', values);
    });
    expect(attempts).toEqual([1, 2]);
  });

  it('clamps a backoff to the longest timer (2^31 - 1 ms) and NaN or less to 0 (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const long = connections([cold('a#', values, drop), cold('e|', values)]);
      const huge = resumeResponseStream(long.open, { backoff: () => 2 ** 40 });
      expectObservable(huge).toBe('a 2147483647ms e|', values);
      const nan = connections([cold('a#', values, drop), cold('e|', values)]);
      expectObservable(resumeResponseStream(nan.open, { backoff: () => Number.NaN })).toBe('ae|', values);
      const big = connections([cold('a#', values, drop), cold('e|', values)]);
      expectObservable(resumeResponseStream(big.open, { backoff: 1e12 })).toBe('a 2147483647ms e|', values);
    });
  });

  it('sends no request after unsubscribe during the wait (marbles)', () => {
    let cursors: Array<ResumeCursor | null> = [];
    marbles(({ cold, expectObservable }) => {
      const conn = connections([cold('ab#', values, drop), cold('e|', values)]);
      cursors = conn.cursors;
      expectObservable(resumeResponseStream(conn.open, { backoff: 10 }), '^----!').toBe('ab---', values);
    });
    expect(cursors).toEqual([null]);
  });

  it('passes other errors through, and drops before the response id is known (marbles)', () => {
    const invalid = new ChunkValidationError('bad', { issues: [], eventIndex: 1 });
    marbles(({ cold, expectObservable }) => {
      const notConnection = connections([cold('ab#', values, invalid)]);
      expectObservable(resumeResponseStream(notConnection.open, { backoff: 1 })).toBe('ab#', values, invalid);
      const noId = connections([cold('b#', values, drop)]);
      expectObservable(resumeResponseStream(noId.open, { backoff: 1 })).toBe('b#', values, drop);
    });
  });

  it('starts from the initial cursor (retrieve) and may resume before any event (marbles)', () => {
    let cursors: Array<ResumeCursor | null> = [];
    const reset = new APIConnectionError('socket hang up');
    marbles(({ cold, expectObservable }) => {
      const conn = connections([cold('#', {}, reset), cold('d|', values)]);
      cursors = conn.cursors;
      const initial = { responseId: 'resp_1', startingAfter: 2 };
      expectObservable(resumeResponseStream(conn.open, { backoff: 3, initial })).toBe('---d|', values);
    });
    expect(cursors).toEqual([
      { responseId: 'resp_1', startingAfter: 2 },
      { responseId: 'resp_1', startingAfter: 2 },
    ]);
  });
});
