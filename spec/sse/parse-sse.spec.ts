import { describe, expect, it } from '@jest/globals';
import { defer, from, Observable, of, Subject, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { isSSEParseError } from '../../lib/errors/index.js';
import { parseSSE } from '../../lib/sse/index.js';
import type { ServerSentEvent } from '../../lib/sse/index.js';
import { message, utf8 } from './helpers.js';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('parseSSE', () => {
  it('emits each event when its blank line arrives (marble)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b-c-d|', { a: 'data: 1', b: '\n\nevent: t\n', c: 'data: 2\n', d: '\n' });
      expectObservable(source.pipe(parseSSE())).toBe('--x---y|', {
        x: message('1'),
        y: { event: 't', data: '2', id: '' },
      });
    });
  });

  it('drops an unterminated block at completion (marble)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b|', { a: 'data: 1\n\n', b: 'data: 2\n' });
      expectObservable(source.pipe(parseSSE())).toBe('a--|', { a: message('1') });
    });
  });

  it('passes a source error through after the events before it (marble)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-#', { a: 'data: 1\n\ndata: 2' }, new Error('network'));
      expectObservable(source.pipe(parseSSE())).toBe('a-#', { a: message('1') }, new Error('network'));
    });
  });

  it('errors with an SSEParseError past maxEventBytes, after the earlier events', () => {
    const seen: ServerSentEvent[] = [];
    let error: unknown;
    of('data: ' + 'x'.repeat(100) + '\n\n')
      .pipe(parseSSE({ maxEventBytes: 10 }))
      .subscribe({ error: (caught: unknown) => (error = caught) });
    expect(isSSEParseError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'max-event-bytes', limit: 10 });

    error = undefined;
    const source = new Subject<string>();
    source.pipe(parseSSE({ maxEventBytes: 16 })).subscribe({
      next: (event) => seen.push(event),
      error: (caught: unknown) => (error = caught),
    });
    source.next('data: small\n\ndata: ');
    source.next('0123456789abcdefgh');
    expect(seen).toEqual([message('small')]);
    expect(isSSEParseError(error)).toBe(true);
    expect(source.observed).toBe(false);
  });

  it('decodes Uint8Array chunks and calls onRetry / onComment', () => {
    const retries: number[] = [];
    const comments: string[] = [];
    const events: ServerSentEvent[] = [];
    const bytes = utf8(': ping\nretry: 3000\ndata: é\n\n');
    from([bytes.subarray(0, 20), bytes.subarray(20, 21), bytes.subarray(21)])
      .pipe(parseSSE({ onRetry: (ms) => retries.push(ms), onComment: (text) => comments.push(text) }))
      .subscribe((event) => events.push(event));
    expect(events).toEqual([{ ...message('é'), retry: 3000 }]);
    expect(retries).toEqual([3000]);
    expect(comments).toEqual(['ping']);
  });

  it('does not subscribe to the source before it is subscribed (cold)', () => {
    let subscribed = 0;
    const parsed = defer(() => {
      subscribed++;
      return of('data: x\n\n');
    }).pipe(parseSSE());
    expect(subscribed).toBe(0);
    parsed.subscribe();
    expect(subscribed).toBe(1);
  });

  it('gives every subscription its own parser state', () => {
    const source = new Subject<string>();
    const parsed = source.pipe(parseSSE({ initialLastEventId: 'init' }));
    const first: ServerSentEvent[] = [];
    const second: ServerSentEvent[] = [];
    parsed.subscribe((event) => first.push(event));
    source.next('id: 1\nevent: a\ndata: one');
    parsed.subscribe((event) => second.push(event));
    source.next('\n\ndata: two\n\n');
    expect(first).toEqual([{ event: 'a', data: 'one', id: '1' }, message('two', '1')]);
    expect(second).toEqual([message('two', 'init')]);
  });

  it('unsubscribes from the source when the consumer unsubscribes', () => {
    let tornDown = false;
    const source = new Observable<string>((subscriber) => {
      subscriber.next('data: 1\n\ndata: 2\n\n');
      return () => (tornDown = true);
    });
    const seen: ServerSentEvent[] = [];
    source.pipe(parseSSE(), take(1)).subscribe((event) => seen.push(event));
    expect(seen).toEqual([message('1')]);
    expect(tornDown).toBe(true);
  });
});
