import { describe, expect, it } from '@jest/globals';
import { accumulateText, textDeltas } from '../../../lib/chat/operators/index.js';
import { expectMalformedToError, marbles, replay, sequence } from './helpers.js';
import { azureFirstChunk, plainWithUsage, refusal, twoChoices } from './fixtures/text-streams.js';
import { parallelCalls } from './fixtures/tool-call-streams.js';

describe('textDeltas', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(textDeltas(), { id: 'x' });
  });

  it('emits the non-empty content deltas (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(plainWithUsage);
      expect(diagram).toBe('abcdefg|');
      expectObservable(cold(diagram, values).pipe(textDeltas())).toBe('-bcde--|', {
        b: 'Hello',
        c: ',',
        d: ' world',
        e: '!',
      });
    });
  });

  it('follows the chosen choice when n > 1 (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(twoChoices);
      expectObservable(cold(diagram, values).pipe(textDeltas({ choice: 1 }))).toBe('--c--f--|', {
        c: 'Red',
        f: ' wine',
      });
      expectObservable(cold(diagram, values).pipe(textDeltas())).toBe('---de---|', { d: 'Blue', e: ' sky' });
    });
  });

  it('propagates errors (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(plainWithUsage);
      expectObservable(cold('ab#', values).pipe(textDeltas())).toBe('-b#', { b: 'Hello' });
    });
  });

  it('emits nothing for refusals, tool calls and Azure filter chunks', async () => {
    expect(await replay(refusal, textDeltas())).toEqual([]);
    expect(await replay(parallelCalls, textDeltas())).toEqual([]);
    expect(await replay(azureFirstChunk, textDeltas())).toEqual(['Capital', ' of Denmark.']);
  });
});

describe('accumulateText', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(accumulateText(), { id: 'x' });
  });

  it('emits the running text after each delta (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(plainWithUsage);
      expectObservable(cold(diagram, values).pipe(accumulateText())).toBe('-bcde--|', {
        b: 'Hello',
        c: 'Hello,',
        d: 'Hello, world',
        e: 'Hello, world!',
      });
    });
  });

  it('is choice-aware and restarts per subscription', async () => {
    expect(await replay(twoChoices, accumulateText({ choice: 1 }))).toEqual(['Red', 'Red wine']);
    expect(await replay(twoChoices, accumulateText({ choice: 1 }))).toEqual(['Red', 'Red wine']);
  });
});
