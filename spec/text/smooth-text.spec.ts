import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { Subject, asyncScheduler, from, take, toArray, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { smoothText, type SmoothTextOptions } from '../../lib/text/smooth-text.js';

function marbles(callback: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0]) => void): void {
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(callback);
}

/** Every emission of `output$` with its virtual time, run to the end. */
function timeline<T>(output$: Observable<T>): Array<[number, T]> {
  const seen: Array<[number, T]> = [];
  marbles(({ flush }) => {
    output$.subscribe((value) => seen.push([asyncScheduler.now(), value]));
    flush();
  });
  return seen;
}

describe('smoothText', () => {
  it('paces a burst into words, delay ms apart, and completes after the last one (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('a 100ms |', { a: 'One two three ' });
      expectObservable(source.pipe(smoothText({ delay: 10 }))).toBe('x 9ms y 9ms z 80ms |', {
        x: 'One ',
        y: 'two ',
        z: 'three ',
      });
    });
  });

  it('paces the rest out when the source completes early, then completes (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('(a|)', { a: 'One two three' });
      expectObservable(source.pipe(smoothText({ delay: 10 }))).toBe('x 9ms y 9ms (z|)', {
        x: 'One ',
        y: 'two ',
        z: 'three',
      });
    });
  });

  it('emits a word as soon as its end arrives, then keeps the pace (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('a 19ms b 19ms c 19ms |', { a: 'Hello', b: ' big', c: ' world. ' });
      // A word is a step once the whitespace after it arrived: "Hello" waits for " big".
      expectObservable(source.pipe(smoothText({ delay: 10 }))).toBe('- 19ms x 19ms y 9ms z 9ms |', {
        x: 'Hello ',
        y: 'big ',
        z: 'world. ',
      });
    });
  });

  it('holds a word back until it ends, but never longer than maxLatency (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('a 4ms b 500ms |', { a: 'Hel', b: 'lo wor' });
      expectObservable(source.pipe(smoothText({ delay: 10, maxLatency: 300 }))).toBe(
        '- 4ms x 299ms y 200ms |',
        { x: 'Hello ', y: 'wor' },
      );
    });
  });

  it('takes several steps at once when a backlog would otherwise wait longer than maxLatency', () => {
    const words = Array.from({ length: 120 }, (_, i) => `w${i} `);
    const steps = timeline(from([words.join('')]).pipe(smoothText({ delay: 16, maxLatency: 300 })));
    expect(steps.map(([, step]) => step).join('')).toBe(words.join(''));
    expect(steps.at(-1)![0]).toBeLessThanOrEqual(300);
    const gaps = steps.slice(1).map(([t], i) => t - steps[i]![0]);
    expect(new Set(gaps)).toEqual(new Set([16]));
    expect(steps[0]![1]).toBe(words.slice(0, 7).join('')); // 120 words over 18 ticks: 7 per tick
  });

  it('lets non-text values through at once, after the text that came before them (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const call = { tool: 'get_weather' };
      const source = cold<string | typeof call>('a 4ms b 50ms |', { a: 'One two three ', b: call });
      expectObservable(source.pipe(smoothText({ delay: 10 }))).toBe('x 4ms (yb) 47ms |', {
        x: 'One ',
        y: 'two three ',
        b: call,
      });
    });
  });

  it('on error, emits what arrived at once and then errors (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const failure = new Error('connection lost');
      const source = cold('a 5ms #', { a: 'One two three ' }, failure);
      expectObservable(source.pipe(smoothText({ delay: 10 }))).toBe(
        'x 5ms (y#)',
        { x: 'One ', y: 'two three ' },
        failure,
      );
    });
  });

  it('steps by grapheme, holding back the last one until it cannot grow (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('a 50ms b 50ms |', { a: 'e', b: '\u0301👍🏽x' });
      expectObservable(source.pipe(smoothText({ unit: 'grapheme', delay: 10 }))).toBe(
        '- 50ms x 9ms y 40ms (z|)',
        { x: 'e\u0301', y: '👍🏽', z: 'x' },
      );
    });
  });

  it('steps by line (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('(a|)', { a: 'one\ntwo\nthree' });
      expectObservable(source.pipe(smoothText({ unit: 'line', delay: 10 }))).toBe('x 9ms y 9ms (z|)', {
        x: 'one\n',
        y: 'two\n',
        z: 'three',
      });
    });
  });

  it('unsubscribes from the source on unsubscribe (marbles)', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 100ms |', { a: 'One two three ' });
      expectObservable(source.pipe(smoothText({ delay: 10 })), '^ 12ms !').toBe('x 9ms y', {
        x: 'One ',
        y: 'two ',
      });
      expectSubscriptions(source.subscriptions).toBe('^ 12ms !');
    });
  });

  it('stops at once when the subscriber takes what it needs (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('a 100ms |', { a: 'One two three ' });
      expectObservable(source.pipe(smoothText({ delay: 10 }), take(2))).toBe('x 9ms (y|)', {
        x: 'One ',
        y: 'two ',
      });
    });
  });

  describe('with real timers faked', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('clears its timer on unsubscribe', () => {
      jest.useFakeTimers();
      const source = new Subject<string>();
      const seen: string[] = [];
      const subscription = source.pipe(smoothText()).subscribe((step) => seen.push(step));
      source.next('One two three ');
      expect(jest.getTimerCount()).toBe(1);
      subscription.unsubscribe();
      expect([jest.getTimerCount(), source.observed, seen]).toEqual([0, false, ['One ']]);
    });
  });

  it('joins back to exactly the input, whatever the chunking and the unit (property)', () => {
    const units = ['word', 'grapheme', 'line'] as const;
    const text = fc.array(fc.oneof(fc.string(), fc.constantFrom(' ', '\n', '  ', 'é', '👍🏽', '\u0301')));
    fc.assert(
      fc.property(text, fc.constantFrom(...units), fc.nat(40), (pieces, unit, delay) => {
        const options: SmoothTextOptions = { unit, delay, maxLatency: 100 };
        const [[, out]] = timeline(from(pieces).pipe(smoothText(options), toArray())) as [[number, string[]]];
        expect(out.join('')).toBe(pieces.join(''));
        expect(out).not.toContain('');
      }),
    );
  });

  it('rejects bad options with a TypeError that names them', () => {
    expect(() => smoothText({ delay: -1 })).toThrow(/option "delay" must be a non-negative finite number/);
    expect(() => smoothText({ maxLatency: Number.NaN })).toThrow(/option "maxLatency"/);
    expect(() => smoothText({ unit: 'sentence' as never })).toThrow(/option "unit"/);
    expect(() => smoothText({ scheduler: {} as never })).toThrow(/option "scheduler"/);
  });
});
