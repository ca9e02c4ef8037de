import { describe, expect, it } from '@jest/globals';
import { toolCallDeltas, type ToolCallDelta } from '../../../lib/chat/operators/index.js';
import { expectMalformedToError, marbles, replay, sequence } from './helpers.js';
import { callFragment, chunkFactory, deltaOf } from './fixtures/chunk.js';
import * as streams from './fixtures/tool-call-streams.js';
import { guardRatio } from '../../helpers/growth.js';
import { toolCallGrowthCases } from './tool-call-growth-cases.js';

const make = chunkFactory({ id: 'c', model: 'm' });

/** Chunks carrying `pieces` as the arguments of call 0 (the first with id and name). */
const argumentChunks = (pieces: readonly string[]) =>
  pieces.map((args, i) =>
    deltaOf(make, { tool_calls: [callFragment(0, i === 0 ? { id: 'call_n', name: 'f', args } : { args })] }),
  );

/** The expected event with these fields (and anything else). */
const event = (fields: Partial<ToolCallDelta>) => expect.objectContaining(fields) as unknown as ToolCallDelta;

describe('toolCallDeltas', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(toolCallDeltas(), { id: 'x' });
  });

  it('previews every arguments delta with a partial value (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.parallelCalls);
      const base = { choice: 0, type: 'function', kind: 'tool_call' };
      const weather = { ...base, index: 0, id: 'call_JMW1', name: 'get_weather' };
      const stock = { ...base, index: 1, id: 'call_DNYT', name: 'get_stock_price' };
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abcdefg-|', {
        a: { ...weather, argumentsDelta: '', arguments: '', partial: undefined },
        b: { ...weather, argumentsDelta: '{"city": ', arguments: '{"city": ', partial: {} },
        c: {
          ...weather,
          argumentsDelta: '"Edinburgh", ',
          arguments: '{"city": "Edinburgh", ',
          partial: { city: 'Edinburgh' },
        },
        d: {
          ...weather,
          argumentsDelta: '"days": 3}',
          arguments: '{"city": "Edinburgh", "days": 3}',
          partial: { city: 'Edinburgh', days: 3 },
        },
        e: { ...stock, argumentsDelta: '', arguments: '', partial: undefined },
        f: {
          ...stock,
          argumentsDelta: '{"ticker": "AA',
          arguments: '{"ticker": "AA',
          partial: { ticker: 'AA' },
        },
        g: { ...stock, argumentsDelta: 'PL"}', arguments: '{"ticker": "AAPL"}', partial: { ticker: 'AAPL' } },
      });
    });
  });

  it('never shows a number or literal before it is complete, nor falls back to undefined (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(argumentChunks(['{"n": 1', '2', '3', ', "ok": tr', 'ue}']));
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abcde|', {
        a: event({ partial: {} }),
        b: event({ partial: {} }),
        c: event({ partial: {} }),
        d: event({ partial: { n: 123 } }),
        e: event({ partial: { n: 123, ok: true } }),
      });
    });
  });

  it("keeps each event's partial as of that event, even when read after later deltas (marbles)", () => {
    marbles(({ cold, expectObservable }) => {
      // The scheduler compares only after the whole stream ran, so every partial here is read late.
      const pieces = ['{"items": [1, ', '2, {"a": "x', 'y"}, ', '"z', '"]}'];
      const { diagram, values } = sequence(argumentChunks(pieces));
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abcde|', {
        a: event({ partial: { items: [1] } }),
        b: event({ partial: { items: [1, 2, { a: 'x' }] } }),
        c: event({ partial: { items: [1, 2, { a: 'xy' }] } }),
        d: event({ partial: { items: [1, 2, { a: 'xy' }, 'z'] } }),
        e: event({ partial: { items: [1, 2, { a: 'xy' }, 'z'] } }),
      });
    });
  });

  it('previews the legacy function_call with kind "function_call" (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.legacyFunctionCall);
      const legacy = {
        choice: 0,
        index: 0,
        id: expect.stringMatching(/^call_0_[a-z0-9]{8,}$/) as unknown as string,
        type: 'function',
        kind: 'function_call' as const,
        name: 'repl',
      };
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abcd-|', {
        a: event({ ...legacy, argumentsDelta: '', partial: undefined }),
        b: event({ ...legacy, partial: { code: 'print(' } }),
        c: event({ ...legacy, partial: { code: 'print("hi")' } }),
        d: event({ ...legacy, partial: { code: 'print("hi")', language: 'python' } }),
      });
    });
  });

  it('appends fragments that start with the whole text so far, as the official SDK does (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.fragmentsRepeatingTheText);
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abc-|', {
        a: event({ argumentsDelta: '{"children":[', partial: { children: [] } }),
        b: event({ argumentsDelta: '{"children":[', partial: { children: [{ children: [] }] } }),
        c: event({
          argumentsDelta: '{"children":[]}]}]}',
          arguments: streams.repeatedTreeArguments,
          partial: JSON.parse(streams.repeatedTreeArguments),
        }),
      });
    });
  });

  it('previews each of 750 identical 20-character fragments, never collapsing them', async () => {
    const piece = '0123456789abcdefghij';
    const previews = await replay(argumentChunks(Array.from({ length: 750 }, () => piece)), toolCallDeltas());
    expect(previews).toHaveLength(750);
    expect(previews.every((delta) => delta.argumentsDelta === piece)).toBe(true);
    expect(previews.at(-1)?.arguments).toBe(piece.repeat(750));
  });

  it('appends "[", "[", "1]]" as [[1]], not as a resend (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(argumentChunks(['[', '[', '1]]']));
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abc|', {
        a: event({ argumentsDelta: '[', partial: [] }),
        b: event({ argumentsDelta: '[', partial: [[]] }),
        c: event({ argumentsDelta: '1]]', arguments: '[[1]]', partial: [[1]] }),
      });
    });
  });

  it('skips empty deltas and handles an index starting at 1 (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.indexStartsAtOne);
      const call = { choice: 0, index: 1, id: 'toolu_01', type: 'function', name: 'read_file' };
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('-a-bc-|', {
        a: event({ ...call, argumentsDelta: '', partial: undefined }),
        b: event({ ...call, argumentsDelta: '{"pa', partial: {} }),
        c: event({ ...call, argumentsDelta: 'th": "a.txt"}', partial: { path: 'a.txt' } }),
      });
    });
  });

  it("gives Ollama's reused index a new call, whole arguments in one event (marbles)", () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.ollamaIndexReuse);
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('ab-|', {
        a: event({
          index: 0,
          id: 'call_a1',
          name: 'get_weather',
          argumentsDelta: '{"city":"Paris"}',
          partial: { city: 'Paris' },
        }),
        b: event({
          index: 1,
          id: 'call_b2',
          name: 'get_time',
          argumentsDelta: '{"tz":"Europe/Paris"}',
          partial: { tz: 'Europe/Paris' },
        }),
      });
    });
  });

  it('keys fragments without index by id, else the most recent call; null names kept (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.missingIndex);
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abc--|', {
        a: event({ index: 0, id: 'call_x', name: 'lookup', partial: {} }),
        b: event({ index: 0, id: 'call_x', name: 'lookup', argumentsDelta: ': 42}', partial: { id: 42 } }),
        c: event({ index: 1, id: 'call_y', name: 'lookup', partial: { id: 7 } }),
      });
    });
  });

  it('names the choice with n = 2 (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.twoChoicesWithCalls);
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abcd--|', {
        a: event({ choice: 0, id: 'call_c0', partial: {} }),
        b: event({ choice: 1, id: 'call_c1', partial: {} }),
        c: event({ choice: 1, partial: { city: 'Oslo' } }),
        d: event({ choice: 0, partial: { city: 'Rome' } }),
      });
    });
  });

  it('propagates errors (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(streams.parallelCalls);
      const error = new Error('reset');
      expectObservable(cold('ab#', values, error).pipe(toolCallDeltas())).toBe(
        'ab#',
        { a: expect.anything(), b: expect.anything() },
        error,
      );
    });
  });

  it('does not subscribe before it is subscribed, and unsubscribes from the source (marbles)', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const { values } = sequence(streams.parallelCalls);
      const source = cold('abcdefgh|', values);
      expectObservable(source.pipe(toolCallDeltas()), '^--!').toBe('abc', {
        a: expect.anything(),
        b: expect.anything(),
        c: expect.anything(),
      });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});

// Cheap guards against quadratic work with `partial` read on every event (issue 11, item 6): small sizes
// here (./tool-call-growth-cases.ts); `npm run bench -- linearity` measures the same cases at size.
describe('toolCallDeltas with partial read on every event grows linearly', () => {
  for (const growthCase of toolCallGrowthCases) {
    it(`${growthCase.name}: ${growthCase.expected}`, () => {
      expect(guardRatio(growthCase)).toBeLessThan(growthCase.limit);
    });
  }
});
