import { describe, expect, it } from '@jest/globals';
import * as operators from '../../../lib/chat/operators/index.js';

describe('lib/chat/operators/index', () => {
  it('exports exactly the operator API', () => {
    expect(Object.keys(operators).sort()).toEqual(
      [
        'accumulateChatCompletion',
        'accumulateText',
        'createPartialJSONParser',
        'finalChatCompletion',
        'parsePartialJSON',
        'textDeltas',
        'toolCallDeltas',
        'toolCalls',
      ].sort(),
    );
  });
});
