import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { partialObject } from '../../lib/structured/partial-object.js';
import { answerChunks } from './fixtures.js';
import { collect } from './helpers.js';

// Enum values that are prefixes of each other, and a literal: a snapshot showing "a" for "ab" would be a
// value that later turns out different.
const Doc = z.object({
  title: z.string(),
  kind: z.enum(['a', 'ab', 'abc']),
  count: z.number(),
  flag: z.boolean(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  items: z.array(z.object({ name: z.string(), score: z.number(), sub: z.array(z.number()) })),
  meta: z.object({ code: z.literal('x1'), when: z.string() }),
});

const text = fc.string({ unit: 'binary', maxLength: 12 });
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const doc = fc.record({
  title: text,
  kind: fc.constantFrom('a', 'ab', 'abc'),
  count: number,
  flag: fc.boolean(),
  note: fc.option(text, { nil: null }),
  tags: fc.array(text, { maxLength: 4 }),
  items: fc.array(fc.record({ name: text, score: number, sub: fc.array(fc.integer(), { maxLength: 3 }) }), {
    maxLength: 3,
  }),
  meta: fc.record({ code: fc.constant('x1' as const), when: text }),
});

/** Splits `text` at the given (sorted, deduplicated) positions. */
function split(source: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (source.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of [...points, source.length]) {
    if (point > from) pieces.push(source.slice(from, point));
    from = Math.max(from, point);
  }
  return pieces;
}

/** `later` grows out of `earlier`: same values, except strings of `z.string()` fields may only grow. */
function grows(earlier: unknown, later: unknown, exact = false): boolean {
  if (typeof earlier === 'string' && typeof later === 'string')
    return exact ? earlier === later : later.startsWith(earlier);
  if (typeof earlier !== 'object' || earlier === null) return Object.is(earlier, later);
  if (typeof later !== 'object' || later === null || Array.isArray(earlier) !== Array.isArray(later))
    return false;
  return Object.keys(earlier).every(
    (key) =>
      Object.hasOwn(later, key) &&
      grows(
        (earlier as Record<string, unknown>)[key],
        (later as Record<string, unknown>)[key],
        key === 'kind' || key === 'code',
      ),
  );
}

describe('partialObject (property)', () => {
  it('for any document and any chunking: snapshots only grow, never show a wrong value, and end with the value', async () => {
    await fc.assert(
      fc.asyncProperty(
        doc,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.constantFrom(0, 2),
        async (value, cuts, indent) => {
          const source = JSON.stringify(value, null, indent);
          const final = JSON.parse(source);
          const { out, error } = await collect(answerChunks(split(source, cuts)), partialObject(Doc));
          expect(error).toBeUndefined();
          expect(out.at(-1)).toEqual(final);
          let previous: unknown = {};
          for (const snapshot of out) {
            expect(grows(snapshot, final)).toBe(true);
            expect(grows(previous, snapshot)).toBe(true);
            expect(Object.isFrozen(snapshot)).toBe(true);
            previous = snapshot;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
