import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createPartialJSONParser, parsePartialJSON } from '../../lib/json/partial-json.js';
import { guardRatio } from '../helpers/growth.js';
import { partialJSONGrowthCases } from './partial-json-growth-cases.js';

/** `next` extends `prev`: strings grow, containers gain, finished values never change. */
function prefixConsistent(prev: unknown, next: unknown): boolean {
  if (prev === undefined) return true;
  if (typeof prev === 'string') return typeof next === 'string' && next.startsWith(prev);
  if (Array.isArray(prev)) {
    if (!Array.isArray(next) || next.length < prev.length) return false;
    return prev.every((item, i) =>
      i === prev.length - 1 ? prefixConsistent(item, next[i]) : deepEqual(item, next[i]),
    );
  }
  if (typeof prev === 'object' && prev !== null) {
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return false;
    return Object.keys(prev).every(
      (key) => Object.hasOwn(next, key) && prefixConsistent((prev as never)[key], (next as never)[key]),
    );
  }
  return Object.is(prev, next);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Splits `text` at the given cut points. */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function feed(pieces: string[]): unknown[] {
  const parser = createPartialJSONParser();
  return pieces.map((piece) => parser.push(piece));
}

describe('createPartialJSONParser', () => {
  it('shows partial strings, arrays and objects', () => {
    expect(parsePartialJSON('{"city": "Par')).toEqual({ city: 'Par' });
    expect(parsePartialJSON('{"tags": ["a", "b')).toEqual({ tags: ['a', 'b'] });
    expect(parsePartialJSON('[{"a": [1, {"b": "')).toEqual([{ a: [1, { b: '' }] }]);
    expect(parsePartialJSON('"top')).toBe('top');
  });

  it('shows a number, true, false or null only once complete', () => {
    const parser = createPartialJSONParser();
    expect(parser.push('{"n": 1')).toEqual({});
    expect(parser.push('2')).toEqual({});
    expect(parser.push('3,')).toEqual({ n: 123 });
    expect(parser.push(' "t": tr')).toEqual({ n: 123 });
    expect(parser.push('ue, "z": nul')).toEqual({ n: 123, t: true });
    expect(parser.push('l}')).toEqual({ n: 123, t: true, z: null });
    expect(parsePartialJSON('[1, 2.5e')).toEqual([1]);
    expect(parsePartialJSON('12')).toBeUndefined();
  });

  it('completes a top-level number at end()', () => {
    const parser = createPartialJSONParser();
    parser.push('-12');
    parser.push('.5e3');
    expect(parser.value).toBeUndefined();
    expect(parser.end()).toBe(-12500);
  });

  it('shows a top-level number in value once end() completed it (issue 11, item 21)', () => {
    const parser = createPartialJSONParser();
    parser.push('42');
    expect(parser.value).toBeUndefined();
    const handle = parser.checkpoint();
    expect(parser.end()).toBe(42);
    expect(parser.value).toBe(42);
    expect(parser.checkpoint()()).toBe(42);
    expect(handle()).toBeUndefined(); // a checkpoint keeps the value as of when it was taken
  });

  it('hides a key until its value starts, and a pending escape', () => {
    expect(parsePartialJSON('{"a": "x", "ke')).toEqual({ a: 'x' });
    expect(parsePartialJSON('{"a": "x", "key"')).toEqual({ a: 'x' });
    expect(parsePartialJSON('{"a": "x", "key": ')).toEqual({ a: 'x' });
    expect(parsePartialJSON('{"a": "line\\')).toEqual({ a: 'line' });
    expect(parsePartialJSON('{"a": "\\u00e')).toEqual({ a: '' });
    expect(parsePartialJSON('{"a": "\\u00e9\\n\\"')).toEqual({ a: 'é\n"' });
  });

  it('keeps unchanged sub-values by identity and never mutates returned values', () => {
    const parser = createPartialJSONParser();
    const first = parser.push('{"done": {"x": [1, 2]}, "open": ["a');
    Object.freeze(first);
    const second = parser.push('b", "c"');
    expect(second).not.toBe(first);
    expect((second as { done: unknown }).done).toBe((first as { done: unknown }).done);
    expect(first).toEqual({ done: { x: [1, 2] }, open: ['a'] });
    expect(second).toEqual({ done: { x: [1, 2] }, open: ['ab', 'c'] });
    expect(parser.push('   ')).toBe(second);
  });

  it('stops at invalid JSON, keeps the last value and reports the error', () => {
    const parser = createPartialJSONParser();
    parser.push('{"a": "b"');
    expect(parser.push('} x')).toEqual({ a: 'b' });
    expect(parser.error).toBeInstanceOf(SyntaxError);
    expect(parser.error?.message).toContain('position 11');
    expect(() => parser.end()).toThrow(SyntaxError);
    expect(parser.push('more')).toEqual({ a: 'b' });
  });

  it.each(['{"a" 1}', '[1,]x', '{,}', '[01]', '"\u0001"', '{"a":1}}', 'nulx', '"\\x"', '"\\u12g4"'])(
    'rejects %j',
    (text) => {
      const parser = createPartialJSONParser();
      parser.push(text);
      expect(() => parser.end()).toThrow(SyntaxError);
    },
  );

  it('throws at end() on incomplete input', () => {
    const parser = createPartialJSONParser();
    parser.push('{"a": [1');
    expect(() => parser.end()).toThrow('Unexpected end of JSON input');
  });

  it('parses 50,000 levels of nesting without overflowing the stack (issue 11, item 8)', () => {
    // A recursive parser runs out of stack at a few thousand levels (this one did at ~3,000).
    const depth = 50_000;
    /** Follows `step` down from `value` and returns how many levels it went, all frozen (else -1). */
    const levels = (value: unknown, step: (value: unknown) => unknown) => {
      let count = 0;
      for (let at = value; at !== undefined; at = step(at)) {
        if (!Object.isFrozen(at)) return -1;
        count++;
      }
      return count;
    };
    const first = (value: unknown) => (value as unknown[])[0];
    expect(levels(parsePartialJSON('['.repeat(depth)), first)).toBe(depth);
    expect(levels(parsePartialJSON('['.repeat(depth) + ']'.repeat(depth)), first)).toBe(depth);
    const deepest = (value: unknown) => (typeof value === 'string' ? undefined : (value as { a: unknown }).a);
    expect(levels(parsePartialJSON('{"a":'.repeat(depth) + '"x'), deepest)).toBe(depth + 1);
    const parser = createPartialJSONParser();
    parser.push('['.repeat(depth));
    parser.push(']'.repeat(depth));
    expect(levels(parser.end(), first)).toBe(depth);
  });

  it('handles __proto__ keys like JSON.parse', () => {
    const text = '{"__proto__": {"x": 1}, "y": 2}';
    const value = parsePartialJSON(text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(value).toEqual(JSON.parse(text));
  });

  it('property: random splits give prefix-consistent partials and the final value of JSON.parse', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 40 }),
        (value, pretty, cuts) => {
          const text = JSON.stringify(value, null, pretty ? 2 : 0);
          const expected: unknown = JSON.parse(text);
          const parser = createPartialJSONParser();
          let previous: unknown;
          let seen = false;
          for (const piece of split(text, cuts)) {
            const next = parser.push(piece);
            if (!prefixConsistent(previous, next)) return false;
            if (seen && next === undefined) return false;
            seen ||= next !== undefined;
            previous = next;
          }
          expect(parser.end()).toEqual(expected);
          if (typeof expected !== 'number') expect(previous).toEqual(expected);
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: one character at a time never shows a number that later changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
        (numbers) => {
          const text = JSON.stringify({ numbers });
          const partials = feed([...text]);
          for (let i = 1; i < partials.length; i++)
            if (!prefixConsistent(partials[i - 1], partials[i])) return false;
          expect(partials.at(-1)).toEqual(JSON.parse(text));
          return true;
        },
      ),
    );
  });

  it('property: checkpoints read late show the value as of their piece', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { maxLength: 30 }), (value, cuts) => {
        const pieces = split(JSON.stringify(value), cuts);
        const eager = feed(pieces);
        const parser = createPartialJSONParser();
        const handles = pieces.map((piece) => (parser.feed(piece), parser.checkpoint()));
        expect(handles.map((read) => read())).toEqual(eager);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  // Cheap guards against quadratic work (issue 11, item 6): small sizes here, `npm run bench -- linearity`
  // measures the same cases at size.
  for (const growthCase of partialJSONGrowthCases) {
    it(`${growthCase.name}: ${growthCase.expected}`, () => {
      expect(guardRatio(growthCase)).toBeLessThan(growthCase.limit);
    });
  }

  it('shows every checkpoint of a deep, changing path as it was, read in any order', () => {
    const parser = createPartialJSONParser();
    const pieces = ['[[["a', '"], [{"b": [1, ', '2], "c": "x', '"}]], [[', '[]', ']], "d"]'];
    const handles = pieces.map((piece) => (parser.feed(piece), parser.checkpoint()));
    const expected = [
      [[['a']]],
      [[['a'], [{ b: [1] }]]],
      [[['a'], [{ b: [1, 2], c: 'x' }]]],
      [[['a'], [{ b: [1, 2], c: 'x' }]], [[]]],
      [[['a'], [{ b: [1, 2], c: 'x' }]], [[[]]]],
      [[['a'], [{ b: [1, 2], c: 'x' }]], [[[]]], 'd'],
    ];
    for (const i of [5, 0, 3, 1, 4, 2]) expect(handles[i]!()).toEqual(expected[i]);
  });
});
