import { describe, expect, it } from '@jest/globals';
import { ChatAccumulator } from '../../../lib/chat/operators/chat-accumulator.js';
import { callFragment, chunkFactory, deltaOf } from './fixtures/chunk.js';

const make = chunkFactory({ id: 'c', model: 'm' });
const fragments = [
  deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_a', name: 'f', args: '{"a":' })] }),
  deltaOf(make, { tool_calls: [callFragment(0, { args: '1}' })] }),
];

describe('ChatAccumulator', () => {
  it('records no tool-call changes unless built with trackChanges', () => {
    const accumulator = new ChatAccumulator();
    for (const chunk of fragments) {
      accumulator.push(chunk);
      expect(accumulator.changes).toEqual([]);
    }
    expect(accumulator.snapshot?.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('{"a":1}');
  });

  it('records what each push did to each call with trackChanges', () => {
    const accumulator = new ChatAccumulator({ trackChanges: true });
    accumulator.push(fragments[0]!);
    const first = accumulator.changes;
    expect(first).toEqual([{ choice: 0, kind: 'tool_call', position: 0, created: true, appended: '{"a":' }]);
    accumulator.push(fragments[1]!);
    expect(accumulator.changes).toEqual([
      { choice: 0, kind: 'tool_call', position: 0, created: false, appended: '1}' },
    ]);
    expect(first).toHaveLength(1); // a list already handed out is never changed
    accumulator.push(make({ choices: [] }));
    expect(accumulator.changes).toEqual([]);
  });
});
