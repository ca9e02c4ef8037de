import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { finalChatCompletion, toolCallDeltas, toolCalls } from '../../../lib/chat/operators/index.js';
import { isToolArgumentsError, ToolArgumentsError } from '../../../lib/errors/index.js';
import { expectMalformedToError, marbles, replay, sequence } from './helpers.js';
import { callFragment, chunkFactory, deltaOf, finishOf } from './fixtures/chunk.js';
import * as streams from './fixtures/tool-call-streams.js';

const make = chunkFactory({ id: 'chatcmpl-x', model: 'gpt-4o' });

describe('toolCalls', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(toolCalls(), { id: 'x' });
  });

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

  it('fails with ToolArgumentsError carrying zod issues on a schema failure, after earlier calls (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.parallelCalls);
      const schemas = { get_stock_price: z.object({ ticker: z.number() }) };
      const failure = expect.objectContaining({
        name: 'ToolArgumentsError',
        toolName: 'get_stock_price',
        callId: 'call_DNYT',
        rawArguments: '{"ticker": "AAPL"}',
        issues: [expect.objectContaining({ path: ['ticker'] })],
        message: expect.stringContaining('ticker'),
      });
      expectObservable(cold(diagram, values).pipe(toolCalls(schemas))).toBe(
        '-------(x#)',
        { x: expect.objectContaining({ name: 'get_weather', validated: false }) },
        failure,
      );
    });
  });

  it('fails with ToolArgumentsError on invalid JSON (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const values = {
        a: deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_9', name: 'f', args: '{"a": tru' })] }),
        b: finishOf(make, 'tool_calls'),
      };
      const failure = expect.objectContaining({ toolName: 'f', rawArguments: '{"a": tru', issues: [] });
      expectObservable(cold('ab|', values).pipe(toolCalls())).toBe('-#', undefined, failure);
    });
  });

  it('raises errors that are ToolArgumentsError instances', async () => {
    const chunks = [
      deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_9', name: 'f', args: '{"a": tru' })] }),
      finishOf(make, 'tool_calls'),
    ];
    const error = await replay(chunks, toolCalls()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolArgumentsError);
    expect(isToolArgumentsError(error)).toBe(true);
  });

  it('reads empty arguments as {} (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const values = {
        a: deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_0', name: 'now', args: '' })] }),
        b: finishOf(make, 'tool_calls'),
      };
      expectObservable(cold('ab|', values).pipe(toolCalls())).toBe('-x|', {
        x: expect.objectContaining({ id: 'call_0', name: 'now', arguments: '', parsed: {} }),
      });
    });
  });

  it('emits the legacy function_call as kind "function_call" (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.legacyFunctionCall);
      expectObservable(cold(diagram, values).pipe(toolCalls())).toBe('----x|', {
        x: {
          choice: 0,
          index: 0,
          id: expect.stringMatching(/^call_0_[a-z0-9]{8,}$/),
          type: 'function',
          kind: 'function_call',
          name: 'repl',
          arguments: '{\n  "code": "print(\\"hi\\")",\n  "language": "python"\n}',
          validated: false,
          parsed: { code: 'print("hi")', language: 'python' },
        },
      });
    });
  });

  it('handles an index starting at 1, empty deltas, an empty name and a missing type (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.indexStartsAtOne);
      expectObservable(cold(diagram, values).pipe(toolCalls())).toBe('-----x|', {
        x: {
          choice: 0,
          index: 1,
          id: 'toolu_01',
          type: 'function',
          kind: 'tool_call',
          name: 'read_file',
          arguments: '{"path": "a.txt"}',
          validated: false,
          parsed: { path: 'a.txt' },
        },
      });
    });
  });

  it('appends fragments that start with the whole text so far, as the official SDK does (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(streams.fragmentsRepeatingTheText);
      expectObservable(cold(diagram, values).pipe(toolCalls())).toBe('---x|', {
        x: expect.objectContaining({
          name: 'draw_tree',
          arguments: streams.repeatedTreeArguments,
          parsed: JSON.parse(streams.repeatedTreeArguments),
        }),
      });
    });
  });

  it('appends "[", "[", "1]]" as [[1]] (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const chunk = (args: string, first = false) =>
        deltaOf(make, {
          tool_calls: [callFragment(0, first ? { id: 'call_r', name: 'f', args } : { args })],
        });
      const nested = { a: chunk('[', true), b: chunk('['), c: chunk('1]]'), d: finishOf(make, 'tool_calls') };
      expectObservable(cold('abcd|', nested).pipe(toolCalls())).toBe('---x|', {
        x: expect.objectContaining({ arguments: '[[1]]', parsed: [[1]] }),
      });
    });
  });

  it('treats a reused index with a new id as a new call (Ollama, finish_reason stop) (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(streams.ollamaIndexReuse);
      expectObservable(cold('abc----|', values).pipe(toolCalls())).toBe('--(xy)-|', {
        x: expect.objectContaining({
          index: 0,
          id: 'call_a1',
          name: 'get_weather',
          parsed: { city: 'Paris' },
        }),
        y: expect.objectContaining({
          index: 1,
          id: 'call_b2',
          name: 'get_time',
          parsed: { tz: 'Europe/Paris' },
        }),
      });
    });
  });

  it('keys fragments without index by id, else the most recent call; null names are kept (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(streams.missingIndex);
      expectObservable(cold('abcde----|', values).pipe(toolCalls())).toBe('----(xy)-|', {
        x: expect.objectContaining({ index: 0, id: 'call_x', name: 'lookup', parsed: { id: 42 } }),
        y: expect.objectContaining({ index: 1, id: 'call_y', name: 'lookup', parsed: { id: 7 } }),
      });
    });
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

  it('starts a new call when a new name follows started arguments on the same index (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const values = {
        a: deltaOf(make, { tool_calls: [callFragment(0, { name: 'a', args: '{}' })] }),
        b: deltaOf(make, { tool_calls: [callFragment(0, { name: 'b', args: '{"x": 1}' })] }),
        c: finishOf(make, 'tool_calls'),
      };
      expectObservable(cold('abc----|', values).pipe(toolCalls())).toBe('--(xy)-|', {
        x: expect.objectContaining({ index: 0, name: 'a', parsed: {} }),
        y: expect.objectContaining({ index: 1, name: 'b', parsed: { x: 1 } }),
      });
    });
  });

  it('emits the calls of a stream without finish_reason when it completes (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(streams.parallelCalls);
      expectObservable(cold('abcdefg--|', values).pipe(toolCalls())).toBe('---------(xy|)', {
        x: expect.objectContaining({ name: 'get_weather' }),
        y: expect.objectContaining({ name: 'get_stock_price' }),
      });
    });
  });

  it('gives a call the server sent without an id a generated one, the same in every operator (issue 12, item 5)', async () => {
    const stream = (completion: string) => {
      const from = chunkFactory({ id: completion, model: 'llama' });
      return [
        deltaOf(from, { tool_calls: [callFragment(0, { name: 'f', args: '{"a":' })] }),
        deltaOf(from, { tool_calls: [callFragment(0, { args: '1}' })] }),
        deltaOf(from, { tool_calls: [callFragment(1, { id: 'call_real', name: 'g', args: '{}' })] }),
        finishOf(from, 'tool_calls'),
      ];
    };
    const calls = await replay(stream('chatcmpl-1'), toolCalls());
    const id: string = calls[0]!.id; // typed string: usable as tool_call_id without a check
    expect(id).toMatch(/^call_0_[a-z0-9]{8,}$/);
    expect(calls[1]!.id).toBe('call_real');
    const deltas = await replay(stream('chatcmpl-1'), toolCallDeltas());
    expect(new Set(deltas.filter((delta) => delta.index === 0).map((delta) => delta.id))).toEqual(
      new Set([id]),
    );
    const [completion] = await replay(stream('chatcmpl-1'), finalChatCompletion());
    expect(completion!.choices[0]!.message.tool_calls!.map((call) => call.id)).toEqual([id, 'call_real']);
    // deterministic within a completion, different between completions
    expect((await replay(stream('chatcmpl-1'), toolCalls()))[0]!.id).toBe(id);
    expect((await replay(stream('chatcmpl-2'), toolCalls()))[0]!.id).not.toBe(id);
  });

  it('takes the id a server sends after the first fragment, and keeps one call (issue 12, item 5)', async () => {
    const chunks = [
      deltaOf(make, { tool_calls: [callFragment(0, { name: 'f', args: '{"a":' })] }),
      deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_late', args: '1}' })] }),
      finishOf(make, 'tool_calls'),
    ];
    expect(await replay(chunks, toolCalls())).toEqual([
      expect.objectContaining({ index: 0, id: 'call_late', parsed: { a: 1 } }),
    ]);
  });

  it('unsubscribes from the source (marbles)', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const { values } = sequence(streams.parallelCalls);
      const source = cold('abcdefgh|', values);
      expectObservable(source.pipe(toolCalls()), '^--!').toBe('---');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
