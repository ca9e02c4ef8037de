import { describe, expect, it } from '@jest/globals';
import { workClock } from '../helpers/work-clock.js';
import { createSSEDecoder, createSSEParser } from '../../lib/sse/index.js';

/** Milliseconds to parse `pieces`, checking one event of `expectedLength` data came out. */
function timeParse(pieces: string[], expectedLength: number): number {
  let length = -1;
  const parser = createSSEParser({ onEvent: (event) => (length = event.data.length) });
  const start = workClock();
  for (const piece of pieces) parser.feed(piece);
  const ms = workClock() - start;
  expect(length).toBe(expectedLength);
  return ms;
}

/** Best of a few t(4N) / t(N) ratios: ~4 when linear, ~16 when quadratic. */
function growthRatio(
  build: (n: number) => string[],
  n: number,
  expectedLength: (n: number) => number,
): number {
  const small = build(n);
  const large = build(4 * n);
  timeParse(small, expectedLength(n));
  timeParse(large, expectedLength(4 * n));
  let best = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const t1 = Math.min(timeParse(small, expectedLength(n)), timeParse(small, expectedLength(n)));
    const t4 = timeParse(large, expectedLength(4 * n));
    best = Math.min(best, t4 / Math.max(t1, 0.05));
  }
  return best;
}

describe('createSSEParser runs in linear time', () => {
  it('one long data line fed one character at a time', () => {
    const build = (n: number) => ['data: ', ...Array.from({ length: n }, () => 'x'), '\n\n'];
    expect(growthRatio(build, 100_000, (n) => n)).toBeLessThan(8);
  });

  it('one event of many data lines fed in pieces of 3 characters', () => {
    const build = (n: number) => {
      const text = 'data: ab\n'.repeat(n / 3) + '\n';
      return Array.from({ length: Math.ceil(text.length / 3) }, (_, i) => text.slice(i * 3, i * 3 + 3));
    };
    expect(growthRatio(build, 60_000, (n) => (n / 3) * 3 - 1)).toBeLessThan(8);
  });

  it('a long CR-terminated line fed in pieces, then many short lines in one chunk', () => {
    const build = (n: number) => [
      'data: ',
      ...Array.from({ length: n / 10 }, () => 'abcdefghij'),
      '\r',
      'x\r'.repeat(n / 4) + '\r',
    ];
    expect(growthRatio(build, 200_000, (n) => n)).toBeLessThan(8);
  });
});

describe('createSSEDecoder runs in linear time on bytes', () => {
  /** Milliseconds to decode `n` data bytes fed one byte at a time (a fresh Uint8Array per byte). */
  function timeBytes(n: number): number {
    const bytes = new TextEncoder().encode(`data: ${'é'.repeat(n / 2)}\n\n`);
    let length = -1;
    const decoder = createSSEDecoder((event) => (length = event.data.length));
    const start = workClock();
    for (let i = 0; i < bytes.length; i++) decoder.write(bytes.subarray(i, i + 1));
    decoder.end();
    const ms = workClock() - start;
    expect(length).toBe(n / 2);
    return ms;
  }

  it('one long multi-byte event fed one byte at a time: t(4N)/t(N) stays near 4, not 16', () => {
    const n = 100_000;
    timeBytes(n);
    timeBytes(4 * n);
    let best = Infinity;
    for (let attempt = 0; attempt < 3; attempt++) {
      best = Math.min(best, timeBytes(4 * n) / Math.max(timeBytes(n), 0.05));
    }
    expect(best).toBeLessThan(8);
  });
});
