import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { arrayView } from '../../lib/structured/array-view.js';

describe('arrayView', () => {
  it('shows the first items and the element in progress as a plain, read-only array', () => {
    const items = [1, 2, 3];
    const view = arrayView(items, 2, 'x');
    items.push(4); // the builder grows; the view stays as it was
    expect(Array.isArray(view)).toBe(true);
    expect(view.length).toBe(3);
    expect([...view]).toEqual([1, 2, 'x']);
    expect(Object.keys(view)).toEqual(['0', '1', '2']);
    expect(JSON.stringify(view)).toBe('[1,2,"x"]');
    expect(view.map((v) => String(v))).toEqual(['1', '2', 'x']);
    expect(inspect(view)).toBe("[ 1, 2, 'x' ]");
    expect(view).toEqual([1, 2, 'x']);
    expect(arrayView(items, 2, undefined)).toEqual([1, 2]);
    expect(() => ((view as unknown[])[0] = 9)).toThrow(TypeError);
    expect(() => (view as unknown[]).push(9)).toThrow(TypeError);
    expect(() => delete (view as unknown[])[0]).toThrow(TypeError);
  });

  it('Object.freeze copies it once into a frozen array', () => {
    const view = arrayView([1, 2], 2, undefined);
    expect(Object.isFrozen(view)).toBe(false);
    Object.freeze(view);
    expect(Object.isFrozen(view)).toBe(true);
    expect([...view]).toEqual([1, 2]);
    expect(structuredClone([...view])).toEqual([1, 2]);
  });
});
