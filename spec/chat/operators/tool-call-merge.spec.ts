import { describe, expect, it } from '@jest/globals';
import { mergeName } from '../../../lib/chat/operators/tool-call-merge.js';

describe('mergeName', () => {
  it('keeps the name on missing, null, empty or repeated names and concatenates pieces', () => {
    expect(mergeName('get_weather', null)).toBe('get_weather');
    expect(mergeName('get_weather', '')).toBe('get_weather');
    expect(mergeName('get_weather', 'get_weather')).toBe('get_weather');
    expect(mergeName('get_', 'get_weather')).toBe('get_weather');
    expect(mergeName('get_', 'weather')).toBe('get_weather');
  });
});
