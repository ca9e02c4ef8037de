import { describe, expect, it } from '@jest/globals';
import { toolCallDeltas, type ToolCallDelta } from '../../lib/operators/index.js';
import { marbles, replay, sequence } from './helpers.js';
import { callFragment, chunkFactory, deltaOf } from './fixtures/chunk.js';
import * as streams from './fixtures/tool-call-streams.js';

const brief = (events: ToolCallDelta[]) =>
  events.map(({ choice, index, name, argumentsDelta, partial }) => ({
    choice,
    index,
    name,
    argumentsDelta,
    partial,
  }));

describe('toolCallDeltas', () => {
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

  it('never shows a number before it is complete, nor falls back to undefined', async () => {
    const make = chunkFactory({ id: 'c', model: 'm' });
    const pieces = ['{"n": 1', '2', '3', ', "ok": tr', 'ue}'];
    const chunks = pieces.map((args, i) =>
      deltaOf(make, {
        tool_calls: [callFragment(0, i === 0 ? { id: 'call_n', name: 'f', args } : { args })],
      }),
    );
    expect((await replay(chunks, toolCallDeltas())).map((event) => event.partial)).toEqual([
      {},
      {},
      {},
      { n: 123 },
      { n: 123, ok: true },
    ]);
  });

  it("keeps each event's partial as of that event, even when read late", async () => {
    const events = await replay(streams.parallelCalls, toolCallDeltas());
    expect(events.map((event) => event.partial)).toEqual([
      undefined,
      {},
      { city: 'Edinburgh' },
      { city: 'Edinburgh', days: 3 },
      undefined,
      { ticker: 'AA' },
      { ticker: 'AAPL' },
    ]);
  });

  it('previews the legacy function_call with kind "function_call"', async () => {
    const events = await replay(streams.legacyFunctionCall, toolCallDeltas());
    expect(events[0]).toEqual(
      expect.objectContaining({
        index: 0,
        id: null,
        kind: 'function_call',
        name: 'repl',
        argumentsDelta: '',
      }),
    );
    expect(events.map((event) => event.partial)).toEqual([
      undefined,
      { code: 'print(' },
      { code: 'print("hi")' },
      { code: 'print("hi")', language: 'python' },
    ]);
  });

  it('yields only the new suffix when a provider resends full arguments', async () => {
    const events = await replay(streams.fullArgumentsResend, toolCallDeltas());
    expect(events.map((event) => event.argumentsDelta)).toEqual([
      '{"q": "rx',
      'js ope',
      'rators", "limit": 5}',
    ]);
    expect(events.at(-1)?.partial).toEqual({ q: 'rxjs operators', limit: 5 });
  });

  it('skips empty deltas and handles an index starting at 1', async () => {
    expect(brief(await replay(streams.indexStartsAtOne, toolCallDeltas()))).toEqual([
      { choice: 0, index: 1, name: 'read_file', argumentsDelta: '', partial: undefined },
      { choice: 0, index: 1, name: 'read_file', argumentsDelta: '{"pa', partial: {} },
      { choice: 0, index: 1, name: 'read_file', argumentsDelta: 'th": "a.txt"}', partial: { path: 'a.txt' } },
    ]);
  });

  it("gives Ollama's reused index a new call, whole arguments in one event", async () => {
    expect(brief(await replay(streams.ollamaIndexReuse, toolCallDeltas()))).toEqual([
      {
        choice: 0,
        index: 0,
        name: 'get_weather',
        argumentsDelta: '{"city":"Paris"}',
        partial: { city: 'Paris' },
      },
      {
        choice: 0,
        index: 1,
        name: 'get_time',
        argumentsDelta: '{"tz":"Europe/Paris"}',
        partial: { tz: 'Europe/Paris' },
      },
    ]);
  });

  it('names the choice with n = 2 (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.twoChoicesWithCalls);
      expectObservable(cold(diagram, values).pipe(toolCallDeltas())).toBe('abcd--|', {
        a: expect.objectContaining({ choice: 0, id: 'call_c0', partial: {} }),
        b: expect.objectContaining({ choice: 1, id: 'call_c1', partial: {} }),
        c: expect.objectContaining({ choice: 1, partial: { city: 'Oslo' } }),
        d: expect.objectContaining({ choice: 0, partial: { city: 'Rome' } }),
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
});
