import { describe, expect, it } from '@jest/globals';
import { mergeArguments, mergeName } from '../../../lib/chat/operators/tool-call-merge.js';

/** Merges fragments one after another; returns the final text and every appended piece. */
function mergeAll(fragments: readonly string[]): { value: string; appended: string[] } {
  let value = '';
  const appended: string[] = [];
  for (const fragment of fragments) {
    const merged = mergeArguments(value, fragment);
    value = merged.value;
    appended.push(merged.appended);
  }
  return { value, appended };
}

describe('mergeArguments', () => {
  it('appends ordinary deltas', () => {
    expect(mergeAll(['{"city": ', '"Paris"', '}'])).toEqual({
      value: '{"city": "Paris"}',
      appended: ['{"city": ', '"Paris"', '}'],
    });
  });

  it('does not mistake a repeated one-character prefix for a resend: [ [ 1]] is [[1]]', () => {
    expect(mergeAll(['[', '[', '1]]']).value).toBe('[[1]]');
    expect(mergeAll(['"', '"']).value).toBe('""');
    expect(mergeAll(['1', '12']).value).toBe('112');
  });

  it('follows a provider that resends the growing text token by token, from "{" on', () => {
    const full = '{"city": "Paris", "days": 3}';
    const tokens = ['{', '"', 'city', '":', ' "', 'Par', 'is', '",', ' "', 'days', '":', ' 3', '}'];
    const resends = tokens.map((_, i) => tokens.slice(0, i + 1).join(''));
    const { value, appended } = mergeAll([...resends, full]); // and the whole text once more at the end
    expect(value).toBe(full);
    expect(appended).toEqual([...tokens, '']);
  });

  it('treats the same text sent again as a resend (no change)', () => {
    expect(mergeArguments('{"a": 1}', '{"a": 1}')).toEqual({ value: '{"a": 1}', appended: '' });
    expect(mergeArguments('{', '{')).toEqual({ value: '{', appended: '' });
  });

  it('appends a fragment that does not start with the whole text so far', () => {
    expect(mergeArguments('{"a": [', '[1]]}')).toEqual({ value: '{"a": [[1]]}', appended: '[1]]}' });
    expect(mergeArguments('{"a"', ': 1}')).toEqual({ value: '{"a": 1}', appended: ': 1}' });
  });

  it('ignores missing and empty fragments', () => {
    expect(mergeArguments('{', null)).toEqual({ value: '{', appended: '' });
    expect(mergeArguments('{', undefined)).toEqual({ value: '{', appended: '' });
    expect(mergeArguments('{', '')).toEqual({ value: '{', appended: '' });
  });
});

describe('mergeName', () => {
  it('keeps the name on missing, null, empty or repeated names and concatenates pieces', () => {
    expect(mergeName('get_weather', null)).toBe('get_weather');
    expect(mergeName('get_weather', '')).toBe('get_weather');
    expect(mergeName('get_weather', 'get_weather')).toBe('get_weather');
    expect(mergeName('get_', 'get_weather')).toBe('get_weather');
    expect(mergeName('get_', 'weather')).toBe('get_weather');
  });
});
