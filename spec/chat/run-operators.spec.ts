import { describe, expect, it } from '@jest/globals';
import { finalMessages } from '../../lib/chat/final-messages.js';
import { accumulateText, textDeltas } from '../../lib/chat/operators/text-deltas.js';
import type { ChatRunEvent } from '../../lib/chat/run-events.js';
import { responseFinalInput } from '../../lib/responses/final-input.js';
import { responseTextDeltas } from '../../lib/responses/operators/response-text-deltas.js';
import type { ResponseRunEvent } from '../../lib/responses/run-events.js';
import { chatFinish, chatRun, chunk, event, responseRun } from '../structured/fixtures.js';
import { marbles } from '../structured/helpers.js';

const toolCall: ChatRunEvent = {
  type: 'tool_call',
  step: 1,
  call: { id: 'c1', name: 'get_weather', arguments: '{}', args: {} },
};
const chatEvents = {
  a: chatRun(1, chunk({ content: 'Let me ' })),
  b: chatRun(1, chunk({ content: 'check.' })),
  c: toolCall,
  d: chatRun(2, chunk({ content: 'Sunny' })),
  e: chatRun(2, chunk({ content: '.' })),
  f: { ...chatFinish(), messages: [{ role: 'user', content: 'Weather?' }] } as ChatRunEvent,
};

describe('chat operators on run events (marbles)', () => {
  it('textDeltas emits the text of every step', () => {
    marbles(({ cold, expectObservable }) => {
      expectObservable(cold('abcdef|', chatEvents).pipe(textDeltas())).toBe('ab-de-|', {
        a: 'Let me ',
        b: 'check.',
        d: 'Sunny',
        e: '.',
      });
    });
  });

  it('accumulateText emits the text of the current step, starting again at each step', () => {
    marbles(({ cold, expectObservable }) => {
      expectObservable(cold('abcdef|', chatEvents).pipe(accumulateText())).toBe('ab-de-|', {
        a: 'Let me ',
        b: 'Let me check.',
        d: 'Sunny',
        e: 'Sunny.',
      });
    });
  });

  it('finalMessages emits finish.messages, or fails with EmptyStreamError without finish', () => {
    marbles(({ cold, expectObservable }) => {
      expectObservable(cold('abcdef|', chatEvents).pipe(finalMessages())).toBe('-----m|', {
        m: [{ role: 'user', content: 'Weather?' }],
      });
      expectObservable(cold('ab|', chatEvents).pipe(finalMessages())).toBe(
        '--#',
        undefined,
        expect.objectContaining({ name: 'EmptyStreamError' }),
      );
      expectObservable(cold('a#', chatEvents).pipe(finalMessages())).toBe('-#');
    });
  });
});

describe('Responses operators on run events (marbles)', () => {
  const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  const events: Record<string, ResponseRunEvent> = {
    a: responseRun(1, event({ type: 'response.output_text.delta', ...at, delta: 'Checking.' })),
    b: { ...toolCall } as ResponseRunEvent,
    c: responseRun(2, event({ type: 'response.output_text.delta', ...at, delta: 'Sunny.' })),
    d: {
      type: 'finish',
      input: [{ role: 'user', content: 'Hi' }],
      steps: [],
      usage: null,
      finishReason: 'stop',
    },
  };

  it('responseTextDeltas emits the text of every step', () => {
    marbles(({ cold, expectObservable }) => {
      expectObservable(cold('abcd|', events).pipe(responseTextDeltas())).toBe('a-c-|', {
        a: 'Checking.',
        c: 'Sunny.',
      });
    });
  });

  it('responseFinalInput emits finish.input', () => {
    marbles(({ cold, expectObservable }) => {
      expectObservable(cold('abcd|', events).pipe(responseFinalInput())).toBe('---i|', {
        i: [{ role: 'user', content: 'Hi' }],
      });
    });
  });
});
