// The SSE parser's and decoder's growth cases (not a spec itself): parser.linear.spec.ts guards them at
// small sizes, spec/bench/linearity.ts measures them at size. Browser-safe: the browser run bundles the spec.
import { check, timed, type GrowthCase } from '../helpers/growth.js';
import { createSSEDecoder, createSSEParser } from '../../lib/sse/index.js';

/** Milliseconds to parse `pieces`, checking one event of `expectedLength` data came out. */
function timeParse(pieces: string[], expectedLength: number): number {
  let length = -1;
  const parser = createSSEParser({ onEvent: (event) => (length = event.data.length) });
  const ms = timed(() => {
    for (const piece of pieces) parser.feed(piece);
  });
  check(length, expectedLength, 'data length');
  return ms;
}

const LINEAR = '~4 when linear, ~16 when quadratic';

export const sseGrowthCases: GrowthCase[] = [
  {
    name: 'one long data line fed one character at a time',
    time: (n) => timeParse(['data: ', ...Array.from({ length: n }, () => 'x'), '\n\n'], n),
    guard: [2_500, 10_000],
    bench: [100_000, 400_000, 1_600_000],
    limit: 8,
    expected: LINEAR,
  },
  {
    name: 'one event of many data lines fed in pieces of 3 characters',
    time: (n) => {
      const text = 'data: ab\n'.repeat(n / 3) + '\n';
      const pieces = Array.from({ length: Math.ceil(text.length / 3) }, (_, i) =>
        text.slice(i * 3, i * 3 + 3),
      );
      return timeParse(pieces, n - 1);
    },
    guard: [1_500, 6_000],
    bench: [60_000, 240_000, 960_000],
    limit: 8,
    expected: LINEAR,
  },
  {
    name: 'a long CR-terminated line fed in pieces, then many short lines in one chunk',
    time: (n) =>
      timeParse(
        ['data: ', ...Array.from({ length: n / 10 }, () => 'abcdefghij'), '\r', 'x\r'.repeat(n / 4) + '\r'],
        n,
      ),
    guard: [5_000, 20_000],
    bench: [200_000, 800_000, 3_200_000],
    limit: 8,
    expected: LINEAR,
  },
  {
    name: 'one long multi-byte event decoded from bytes fed one at a time (a fresh Uint8Array per byte)',
    time: (n) => {
      const bytes = new TextEncoder().encode(`data: ${'é'.repeat(n / 2)}\n\n`);
      let length = -1;
      const decoder = createSSEDecoder((event) => (length = event.data.length));
      const ms = timed(() => {
        for (let i = 0; i < bytes.length; i++) decoder.write(bytes.subarray(i, i + 1));
        decoder.end();
      });
      check(length, n / 2, 'data length');
      return ms;
    },
    guard: [2_500, 10_000],
    bench: [100_000, 400_000, 1_600_000],
    limit: 8,
    expected: LINEAR,
  },
];
