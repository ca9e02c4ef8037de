// The partial-JSON parser's growth cases (not a spec itself): partial-json.spec.ts guards them at small
// sizes, spec/bench/linearity.ts measures them at size.
import { check, timed, type GrowthCase } from '../helpers/growth.js';
import { createPartialJSONParser } from '../../lib/json/partial-json.js';

const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'], nested: { ok: true } }));

/** `n` records fed in 20-character pieces with a checkpoint after each, read at once or not. */
function piecesWithCheckpoints(read: boolean): GrowthCase {
  return {
    name: `records fed in small pieces with a checkpoint each, ${read ? 'read' : 'not read'}`,
    time: (n) => {
      const text = JSON.stringify({ items: records(n) });
      const parser = createPartialJSONParser();
      const ms = timed(() => {
        for (let i = 0; i < text.length; i += 20) {
          parser.feed(text.slice(i, i + 20));
          const value = parser.checkpoint();
          if (read) value();
        }
      });
      check((parser.end() as { items: unknown[] }).items.length, n, 'records');
      return ms;
    },
    guard: [75, 300],
    bench: [1_500, 6_000, 24_000],
    limit: 8,
    // re-copying the open containers per piece would approach 16
    expected: '~4 when linear, ~16 when each piece copies the open containers',
  };
}

/**
 * 2,000 small pieces into the innermost of `depth` open containers (`open` repeated, then `inner`). The
 * containers and a first piece with its checkpoint come before the clock starts: that first snapshot of
 * the open path costs O(depth) once (it is as deep as the input); the claim is about every piece after it.
 */
function piecesAtDepth(open: string, inner: string, piece: string, read: boolean): GrowthCase {
  return {
    name: `2,000 pieces ${JSON.stringify(piece)} at depth N (${JSON.stringify(open)}), ${read ? 'read' : 'not read'}`,
    time: (depth) => {
      const parser = createPartialJSONParser();
      parser.feed(open.repeat(depth) + inner + piece.replace('#', 'first'));
      parser.checkpoint()();
      let objects = 0;
      const ms = timed(() => {
        for (let i = 0; i < 2000; i++) {
          parser.feed(piece.replace('#', String(i)));
          const value = parser.checkpoint();
          if (read && typeof value() === 'object') objects++;
        }
      });
      check(parser.error, undefined, 'parse error');
      check(objects, read ? 2000 : 0, 'object snapshots');
      return ms;
    },
    guard: [500, 20_000],
    bench: [500, 5_000, 20_000],
    limit: 10,
    expected: '~1 when constant per piece, ~40 when a checkpoint costs O(depth)',
  };
}

export const partialJSONGrowthCases: GrowthCase[] = [
  piecesWithCheckpoints(false),
  piecesWithCheckpoints(true),
  piecesAtDepth('[', '', '1,', true),
  piecesAtDepth('{"a":', '{', '"k#":1,', true),
  piecesAtDepth('{"a":', '{', '"k#":1,', false),
];
