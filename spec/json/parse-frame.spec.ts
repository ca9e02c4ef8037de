import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { parseFrame } from '../../lib/json/parse-frame.js';

/** What V8 says: the position its message names (or null), and whether it complains about the end. */
function engineVerdict(text: string): { position: number | null; end: boolean } | 'valid' {
  try {
    JSON.parse(text);
    return 'valid';
  } catch (error) {
    const message = (error as Error).message;
    const match = /at position (\d+)/.exec(message);
    const position = match ? Number(match[1]) : null;
    const end = /end of JSON input/.test(message) || (position !== null && position >= text.length);
    return { position, end };
  }
}

/** `text` with one character inserted, deleted or replaced at `at`. */
function mutate(text: string, at: number, kind: number, char: string): string {
  const i = at % (text.length + 1);
  if (kind === 0) return text.slice(0, i) + char + text.slice(i);
  if (kind === 1) return text.slice(0, i) + text.slice(i + 1);
  return text.slice(0, i) + char + text.slice(i + 1);
}

describe('parseFrame', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('reports where JSON stopped without quoting it', () => {
    expect(parseFrame('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseFrame('{"a":1,}')).toEqual({ ok: false, position: 7, reason: 'unexpected character' });
    expect(parseFrame('not json')).toEqual({ ok: false, position: 1, reason: 'unexpected character' });
    expect(parseFrame('{"a":tru}')).toEqual({ ok: false, position: 8, reason: 'unexpected character' });
    expect(parseFrame('{"a')).toEqual({ ok: false, position: 3, reason: 'unexpected end of JSON' });
    expect(parseFrame('')).toEqual({ ok: false, position: 0, reason: 'unexpected end of JSON' });
    expect(parseFrame('[01]')).toMatchObject({ position: 2 });
    expect(parseFrame('["\\x"]')).toMatchObject({ position: 3 });
    expect(parseFrame('{"a":"\\u12g4"}')).toMatchObject({ position: 10 });
    expect(parseFrame('{"a":-}')).toMatchObject({ position: 6 });
    expect(parseFrame('[1,2]]')).toMatchObject({ position: 5 });
    const run = 'plain text '.repeat(5);
    expect(parseFrame(`["${run}\u0001"]`)).toMatchObject({ position: 57, reason: 'unexpected character' });
    expect(parseFrame(`["${run}\\q${run}"]`)).toMatchObject({ position: 58 });
    expect(parseFrame(`["${run}\\n${run}`)).toMatchObject({
      position: 114,
      reason: 'unexpected end of JSON',
    });
  });

  it('parses a malformed frame once, never again prefix by prefix (issue 11, item 5)', () => {
    // V8 names no position for "Unexpected token": the old search parsed ~20 prefixes of this frame.
    const records = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a'] }));
    const frame = JSON.stringify({ items: records }).slice(0, -2) + ',}';
    const parse = jest.spyOn(JSON, 'parse');
    expect(parseFrame(frame)).toEqual({
      ok: false,
      position: frame.length - 1,
      reason: 'unexpected character',
    });
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('finds the position in deeply nested frames without recursion', () => {
    const depth = 200_000;
    const frame = '['.repeat(depth) + ']'.repeat(depth - 1) + '}';
    expect(parseFrame(frame)).toEqual({ ok: false, position: 2 * depth - 1, reason: 'unexpected character' });
  });

  it('property: agrees with JSON.parse on validity, the end of input and the position it names', () => {
    const chars = fc.constantFrom(...'{}[]:,"\\ -+.0123456789eEtrufalsn\u0001x');
    // Long strings too: the scanner skips plain runs of 16 characters or more differently.
    const values = fc.oneof(fc.jsonValue(), fc.array(fc.string({ minLength: 16, maxLength: 80 })));
    fc.assert(
      fc.property(values, fc.nat(), fc.nat(2), chars, fc.boolean(), (value, at, kind, char, cut) => {
        const valid = JSON.stringify(value);
        const text = cut ? valid.slice(0, at % (valid.length + 1)) : mutate(valid, at, kind, char);
        const parsed = parseFrame(text);
        const verdict = engineVerdict(text);
        if (verdict === 'valid') return parsed.ok;
        if (parsed.ok) return false;
        expect({ text, end: parsed.reason === 'unexpected end of JSON' }).toEqual({ text, end: verdict.end });
        if (verdict.position !== null)
          expect({ text, at: parsed.position }).toEqual({ text, at: verdict.position });
        return true;
      }),
      // 10x fast-check's default: the mutations reach every scanner state; 3,000 added little but time.
      { numRuns: 1000 },
    );
  });
});
