// The read-only views through which the partial-JSON parser shows open arrays and objects.
import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { createPartialJSONParser, parsePartialJSON } from '../../lib/json/partial-json.js';

type Json = Record<string, unknown>;

/** Prefixes and the complete JSON text whose value each prefix shows. */
const COMPLETIONS: [string, string][] = [
  ['[1, 2, 3', '[1, 2]'],
  ['[1, 2, 3,', '[1, 2, 3]'],
  ['{"a": [1, {"b": "x', '{"a": [1, {"b": "x"}]}'],
  ['{"a": "x", "key"', '{"a": "x"}'],
  ['{"a": "x", "key": tr', '{"a": "x"}'],
  ['{"a": "x", "key": [', '{"a": "x", "key": []}'],
  ['[[], {}, [{"c": [true, null, "\\u00e9', '[[], {}, [{"c": [true, null, "é"]}]]'],
  ['{"__proto__": {"x": 1}, "constructor": "c', '{"__proto__": {"x": 1}, "constructor": "c"}'],
];

describe('partial-JSON views', () => {
  it.each(COMPLETIONS)('%j reads like JSON.parse(%j)', (prefix, complete) => {
    const value = createPartialJSONParser().push(prefix);
    const expected: unknown = JSON.parse(complete);
    expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
    expect(value).toEqual(expected);
    expect(Object.keys(value as object)).toEqual(Object.keys(expected as object));
    expect(Array.isArray(value)).toBe(Array.isArray(expected));
  });

  it('behaves like a plain array or object', () => {
    const value = createPartialJSONParser().push('{"items": [1, 2, {"name": "a') as Json;
    const items = value.items as unknown[];
    expect(Array.isArray(items)).toBe(true);
    expect(Object.getPrototypeOf(items)).toBe(Array.prototype);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(items).toHaveLength(3);
    expect([...items]).toEqual([1, 2, { name: 'a' }]);
    expect(items.map((item) => typeof item)).toEqual(['number', 'number', 'object']);
    expect(items.slice(1)).toEqual([2, { name: 'a' }]);
    expect(Object.entries(value)).toEqual([['items', [1, 2, { name: 'a' }]]]);
    expect({ ...value }).toEqual({ items: [1, 2, { name: 'a' }] });
    expect('items' in value && !('other' in value) && 'toString' in value).toBe(true);
    expect(items[3]).toBeUndefined();
    expect(value).not.toEqual({ items: [1, 2, { name: 'ab' }] });
    expect(inspect(value, { depth: 5 })).toBe("{ items: [ 1, 2, { name: 'a' } ] }");
  });

  it('is read-only: writes throw, closed sub-values are frozen, Object.freeze copies once', () => {
    const parser = createPartialJSONParser();
    const value = parser.push('{"done": {"x": [1]}, "open": [1, ') as Json;
    const open = value.open as unknown[];
    expect(() => (value.other = 1)).toThrow(TypeError);
    expect(() => delete value.done).toThrow(TypeError);
    expect(() => Object.defineProperty(value, 'z', { value: 1 })).toThrow(TypeError);
    expect(() => open.push(2)).toThrow(TypeError);
    expect(() => Object.setPrototypeOf(value, null)).toThrow(TypeError);
    expect(Object.isFrozen(value.done)).toBe(true);
    expect(Object.isFrozen((value.done as Json).x)).toBe(true);
    expect(Object.isFrozen(value)).toBe(false);
    Object.freeze(value);
    expect(Object.isFrozen(value)).toBe(true);
    parser.push('2], "more": true}');
    expect(value).toEqual({ done: { x: [1] }, open: [1] });
    expect(Object.isFrozen(parser.end())).toBe(true);
  });

  it('cannot be structured-cloned, but parsePartialJSON returns plain values that can', () => {
    const view = createPartialJSONParser().push('{"a": [1');
    expect(() => structuredClone(view)).toThrow();
    expect(structuredClone(JSON.parse(JSON.stringify(view)))).toEqual({ a: [] });
    const plain = parsePartialJSON('{"a": [1, "x');
    expect(structuredClone(plain)).toEqual({ a: [1, 'x'] });
    expect(Object.isFrozen(plain)).toBe(true);
  });

  it('keeps __proto__ and constructor as own data keys of a view', () => {
    const value = createPartialJSONParser().push('{"__proto__": {"polluted": true}, "b": [') as Json;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(value['__proto__']).toEqual({ polluted: true });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    const pending = createPartialJSONParser().push('{"a": 1, "__proto__": "x') as Json;
    expect(Object.keys(pending)).toEqual(['a', '__proto__']);
    expect(pending['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(pending)).toBe(Object.prototype);
  });

  it('shows a duplicate key at its first position with the value it had when the view was made', () => {
    const parser = createPartialJSONParser();
    const first = parser.push('{"k": 1, "m": 2, "k": "a');
    const second = parser.push('b", "k": [');
    const third = parser.push('3], "k": 4');
    const last = parser.push('}');
    expect(first).toEqual({ k: 'a', m: 2 });
    expect(second).toEqual({ k: [], m: 2 });
    expect(third).toEqual({ k: [3], m: 2 });
    expect(last).toEqual({ k: 4, m: 2 });
    expect(Object.keys(third as object)).toEqual(['k', 'm']);
    expect(last).toEqual(JSON.parse('{"k": 1, "m": 2, "k": "ab", "k": [3], "k": 4}'));
  });

  it('property: a value never changes after it was returned, one character at a time', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const parser = createPartialJSONParser();
        const seen = [...text].map((char) => {
          const partial = parser.push(char);
          return { partial, then: JSON.stringify(partial) };
        });
        expect(parser.end()).toEqual(JSON.parse(text));
        for (const { partial, then } of seen) expect(JSON.stringify(partial)).toBe(then);
        return true;
      }),
      { numRuns: 100 },
    );
  });
});
