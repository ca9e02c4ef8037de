import { describe, expect, it } from '@jest/globals';
import { JSONTail } from '../../lib/structured/json-tail.js';

function tailOf(...pieces: string[]): JSONTail {
  const tail = new JSONTail();
  for (const piece of pieces) tail.feed(piece);
  return tail;
}

describe('JSONTail', () => {
  it('knows whether the text stops inside a string value, not a key', () => {
    expect(tailOf('{"a').inValueString).toBe(false);
    expect(tailOf('{"a":"b').inValueString).toBe(true);
    expect(tailOf('{"a":"b"').inValueString).toBe(false);
    expect(tailOf('["x","y').inValueString).toBe(true);
    expect(tailOf('{"a":1,"b').inValueString).toBe(false);
    expect(tailOf('{"a":["x"],"b":"').inValueString).toBe(true);
  });

  it('follows escapes across pieces, also an escaped quote and backslash', () => {
    expect(tailOf('{"a":"x\\', '"').inValueString).toBe(true);
    expect(tailOf('{"a":"x\\\\', '"').inValueString).toBe(false);
    expect(tailOf('{"a":"\\u00', '41"').inValueString).toBe(false);
  });

  it('tracks the depth and the last complete key of each open object, unescaped', () => {
    const tail = tailOf('{"outer":{"in\\"ner":[1,{"k', 'ey":"v');
    expect(tail.depth).toBe(4);
    expect(tail.keyAt(0)).toBe('outer');
    expect(tail.keyAt(1)).toBe('in"ner');
    expect(tail.keyAt(2)).toBeUndefined();
    expect(tail.keyAt(3)).toBe('key');
    tail.feed('"}]}');
    expect(tail.depth).toBe(1);
  });
});
