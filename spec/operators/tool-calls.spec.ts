import { describe, expect, it } from '@jest/globals';
import { from, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { toolCalls, type CompleteToolCall } from '../../lib/operators/index.js';
import { isToolArgumentsError, ToolArgumentsError } from '../../lib/errors/index.js';
import type { ChatCompletionChunk } from '../../lib/schemas/index.js';
import { marbles, replay, sequence } from './helpers.js';
import { callFragment, chunkFactory, deltaOf, finishOf } from './fixtures/chunk.js';
import * as streams from './fixtures/tool-call-streams.js';

const summary = (calls: CompleteToolCall[]) =>
  calls.map(({ choice, index, id, name, kind, parsed }) => ({ choice, index, id, name, kind, parsed }));
const make = chunkFactory({ id: 'chatcmpl-x', model: 'gpt-4o' });

describe('toolCalls', () => {
  it('emits complete calls when the choice finishes (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.parallelCalls);
      expect(diagram).toBe('abcdefgh|');
      expectObservable(cold('abcdefgh----|', values).pipe(toolCalls())).toBe('-------(xy)-|', {
        x: {
          choice: 0,
          index: 0,
          id: 'call_JMW1',
          type: 'function',
          kind: 'tool_call',
          name: 'get_weather',
          arguments: '{"city": "Edinburgh", "days": 3}',
          validated: false,
          parsed: { city: 'Edinburgh', days: 3 },
        },
        y: expect.objectContaining({
          index: 1,
          id: 'call_DNYT',
          name: 'get_stock_price',
          parsed: { ticker: 'AAPL' },
        }),
      });
    });
  });

  it('never emits a call just because its arguments parse (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const values = {
        a: deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_1', name: 'f', args: '{"n": 1}' })] }),
        b: deltaOf(make, { tool_calls: [callFragment(1, { id: 'call_2', name: 'g', args: '{}' })] }),
      };
      // '{"n": 1}' parses after the first chunk, but only completion makes the calls final
      expectObservable(cold('a-b---|', values).pipe(toolCalls())).toBe('------(xy|)', {
        x: expect.objectContaining({ name: 'f', parsed: { n: 1 } }),
        y: expect.objectContaining({ name: 'g', parsed: {} }),
      });
    });
  });

  it('drops calls cut off by finish_reason length or content_filter (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.cutOffByLength);
      expectObservable(cold(diagram, values).pipe(toolCalls())).toBe('---|');
      const filtered = { ...values, c: finishOf(make, 'content_filter') };
      expectObservable(cold(diagram, filtered).pipe(toolCalls())).toBe('---|');
    });
  });

  it('propagates a source error without emitting unfinished calls (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(streams.parallelCalls);
      const error = new Error('connection reset');
      expectObservable(cold('abc#', values, error).pipe(toolCalls())).toBe('---#', undefined, error);
    });
  });

  it('validates and types parsed arguments through a schema map', async () => {
    const schemas = {
      get_weather: z.object({ city: z.string(), days: z.number().int() }),
      get_stock_price: z.object({ ticker: z.string().transform((t) => t.toLowerCase()) }),
    };
    const calls = await replay(streams.parallelCalls, toolCalls(schemas));
    const [weather, stock] = calls;
    if (weather?.validated && weather.name === 'get_weather') expect(weather.parsed.days + 1).toBe(4);
    else throw new Error('expected get_weather');
    if (stock?.validated && stock.name === 'get_stock_price') expect(stock.parsed.ticker).toBe('aapl');
    else throw new Error('expected get_stock_price');
  });

  it('emits calls to tools not in the map unvalidated, with plain JSON', async () => {
    const calls = await replay(
      streams.parallelCalls,
      toolCalls({ get_weather: z.object({ city: z.string(), days: z.number() }) }),
    );
    expect(calls.map((call) => [call.name, call.validated])).toEqual([
      ['get_weather', true],
      ['get_stock_price', false],
    ]);
    expect(calls[1]?.parsed).toEqual({ ticker: 'AAPL' });
  });

  it('fails with ToolArgumentsError carrying zod issues on a schema failure, after earlier calls', async () => {
    const emitted: unknown[] = [];
    const error = await from(streams.parallelCalls)
      .pipe(toolCalls({ get_stock_price: z.object({ ticker: z.number() }) }))
      .forEach((call) => emitted.push(call))
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(emitted).toHaveLength(1);
    expect(error).toBeInstanceOf(ToolArgumentsError);
    const failure = error as ToolArgumentsError;
    expect(failure.toolName).toBe('get_stock_price');
    expect(failure.callId).toBe('call_DNYT');
    expect(failure.rawArguments).toBe('{"ticker": "AAPL"}');
    expect(failure.issues[0]?.path).toEqual(['ticker']);
    expect(failure.message).toContain('ticker');
  });

  it('fails with ToolArgumentsError on invalid JSON', async () => {
    const chunks = [
      deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_9', name: 'f', args: '{"a": tru' })] }),
      finishOf(make, 'tool_calls'),
    ];
    const error = await replay(chunks, toolCalls()).catch((e: unknown) => e);
    expect(isToolArgumentsError(error)).toBe(true);
    expect((error as ToolArgumentsError).rawArguments).toBe('{"a": tru');
    expect((error as ToolArgumentsError).issues).toEqual([]);
  });

  it('reads empty arguments as {}', async () => {
    const chunks = [
      deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_0', name: 'now', args: '' })] }),
      finishOf(make, 'tool_calls'),
    ];
    expect(summary(await replay(chunks, toolCalls()))).toEqual([
      { choice: 0, index: 0, id: 'call_0', name: 'now', kind: 'tool_call', parsed: {} },
    ]);
  });

  it('emits the legacy function_call as kind "function_call"', async () => {
    const calls = await replay(streams.legacyFunctionCall, toolCalls());
    expect(calls).toEqual([
      {
        choice: 0,
        index: 0,
        id: null,
        type: 'function',
        kind: 'function_call',
        name: 'repl',
        arguments: '{\n  "code": "print(\\"hi\\")",\n  "language": "python"\n}',
        validated: false,
        parsed: { code: 'print("hi")', language: 'python' },
      },
    ]);
  });

  it('handles an index starting at 1, empty deltas and a missing type', async () => {
    expect(summary(await replay(streams.indexStartsAtOne, toolCalls()))).toEqual([
      {
        choice: 0,
        index: 1,
        id: 'toolu_01',
        name: 'read_file',
        kind: 'tool_call',
        parsed: { path: 'a.txt' },
      },
    ]);
  });

  it('replaces instead of appending when a provider resends the full arguments', async () => {
    const [call] = await replay(streams.fullArgumentsResend, toolCalls());
    expect(call?.arguments).toBe('{"q": "rxjs operators", "limit": 5}');
    expect(call?.name).toBe('search');
  });

  it('treats a reused index with a new id as a new call (Ollama, finish_reason stop)', async () => {
    expect(summary(await replay(streams.ollamaIndexReuse, toolCalls()))).toEqual([
      {
        choice: 0,
        index: 0,
        id: 'call_a1',
        name: 'get_weather',
        kind: 'tool_call',
        parsed: { city: 'Paris' },
      },
      {
        choice: 0,
        index: 1,
        id: 'call_b2',
        name: 'get_time',
        kind: 'tool_call',
        parsed: { tz: 'Europe/Paris' },
      },
    ]);
  });

  it('keys fragments without index by id, else the most recent call', async () => {
    expect(summary(await replay(streams.missingIndex, toolCalls()))).toEqual([
      { choice: 0, index: 0, id: 'call_x', name: 'lookup', kind: 'tool_call', parsed: { id: 42 } },
      { choice: 0, index: 1, id: 'call_y', name: 'lookup', kind: 'tool_call', parsed: { id: 7 } },
    ]);
  });

  it('is choice-aware with n = 2: each choice emits when it finishes (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.twoChoicesWithCalls);
      expectObservable(cold(diagram, values).pipe(toolCalls())).toBe('----ef|', {
        e: expect.objectContaining({ choice: 1, id: 'call_c1', parsed: { city: 'Oslo' } }),
        f: expect.objectContaining({ choice: 0, id: 'call_c0', parsed: { city: 'Rome' } }),
      });
    });
  });

  it('starts with a new arguments call when a new name follows started arguments on the same index', async () => {
    const chunks: ChatCompletionChunk[] = [
      deltaOf(make, { tool_calls: [callFragment(0, { name: 'a', args: '{}' })] }),
      deltaOf(make, { tool_calls: [callFragment(0, { name: 'b', args: '{"x": 1}' })] }),
      finishOf(make, 'tool_calls'),
    ];
    const calls = await lastValueFrom(from(chunks).pipe(toolCalls(), toArray()));
    expect(calls.map((call) => [call.index, call.name, call.parsed])).toEqual([
      [0, 'a', {}],
      [1, 'b', { x: 1 }],
    ]);
  });
});
