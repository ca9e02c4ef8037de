import { describe, expect, it } from '@jest/globals';
import { firstValueFrom, lastValueFrom, map, toArray, type Observable } from 'rxjs';
import { z } from 'zod';
import { executeToolCalls } from '../../lib/tools/execute.js';
import { toolSetOf } from '../../lib/tools/convert.js';
import { tool, type Tool } from '../../lib/tools/tool.js';
import type { ToolEvent } from '../../lib/tools/tool-events.js';
import { marbles } from '../structured/helpers.js';

const call = (id: string, name: string, args: unknown) => ({
  id,
  name,
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
});

/** The events of executing `calls`, without their call positions. */
function run(tools: Tool[], calls: ReturnType<typeof call>[], concurrency = Infinity): Observable<ToolEvent> {
  return executeToolCalls(calls, toolSetOf('test', tools), { step: 1, concurrency, messages: [] }).pipe(
    map(({ event }) => event),
  );
}

const Args = z.object({ x: z.number() });

describe('executeToolCalls', () => {
  it('runs tools in parallel, or at most toolConcurrency at once; an Observable result is its last value (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const slow = tool({
        name: 'slow',
        parameters: Args,
        execute: ({ x }) => cold('--a-b|', { a: x, b: x * 10 }),
      });
      const calls = [call('1', 'slow', { x: 1 }), call('2', 'slow', { x: 2 })];
      const started = (id: string, x: number) => ({
        type: 'tool_call',
        step: 1,
        call: { ...calls[Number(id) - 1], args: { x } },
      });
      const done = (id: string, x: number) => ({
        type: 'tool_result',
        step: 1,
        call: { ...calls[Number(id) - 1], args: { x } },
        result: x * 10,
        output: String(x * 10),
      });
      expectObservable(run([slow], calls)).toBe('(ab)-(cd|)', {
        a: started('1', 1),
        b: started('2', 2),
        c: done('1', 1),
        d: done('2', 2),
      });
      expectObservable(run([slow], calls, 1)).toBe('a----(bc)-(d|)', {
        a: started('1', 1),
        b: done('1', 1),
        c: started('2', 2),
        d: done('2', 2),
      });
    });
  });

  it('reports unknown tools, invalid arguments and failures as tool_error without failing (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const failing = tool({
        name: 'failing',
        parameters: Args,
        execute: () => cold('----------#', {}, new Error('disk full')),
      });
      const throwing = tool({
        name: 'throwing',
        parameters: Args,
        execute: () => {
          throw new Error('boom');
        },
      });
      const events = run(
        [failing, throwing],
        [
          call('1', 'nope', {}),
          call('2', 'failing', '{"x":'),
          call('3', 'failing', { x: 'a' }),
          call('4', 'throwing', { x: 1 }),
          call('5', 'failing', { x: 1 }),
        ],
      ).pipe(
        map((event) =>
          event.type === 'tool_error'
            ? `${event.call.id}:${event.reason}:${event.output}`
            : `${event.call.id}:${event.type}`,
        ),
      );
      expectObservable(events).toBe('(abcdef)--(g|)', {
        a: '1:unknown_tool:Tool call "nope" (1) names no tool of this run; the tools are: failing, throwing',
        b: '2:invalid_arguments:Tool call "failing" (2) has arguments that are not valid JSON (5 characters)',
        c: '3:invalid_arguments:Tool call "failing" (3) has arguments that fail its schema: x: Invalid input: expected number, received string',
        d: '4:tool_call',
        e: '4:execute:Tool "throwing" failed: boom',
        f: '5:tool_call',
        g: '5:execute:Tool "failing" failed: disk full',
      });
    });
  });

  it('unsubscribing unsubscribes the running tools and aborts their signal (marbles)', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const work = cold('-----a|', { a: 1 });
      const signals: AbortSignal[] = [];
      const slow = tool({
        name: 'slow',
        parameters: Args,
        execute: (_args, { signal }) => {
          signals.push(signal);
          return work;
        },
      });
      expectObservable(run([slow], [call('1', 'slow', { x: 1 }), call('2', 'slow', { x: 2 })]), '^--!').toBe(
        '(ab)',
        {
          a: expect.objectContaining({ type: 'tool_call' }),
          b: expect.objectContaining({ type: 'tool_call' }),
        },
      );
      expectSubscriptions(work.subscriptions).toBe(['^--!', '^--!']);
    });
  });

  it('turns results into the text the model reads', async () => {
    const results: unknown[] = ['plain text', { a: [1, 'b'] }, undefined, 42, null];
    const echo = tool({
      name: 'echo',
      parameters: z.object({ i: z.number() }),
      execute: async ({ i }) => results[i],
    });
    const events = await lastValueFrom(
      run(
        [echo],
        results.map((_, i) => call(String(i), 'echo', { i })),
      ).pipe(toArray()),
    );
    const outputs = events.filter((event) => event.type === 'tool_result').map((event) => event.output);
    expect(outputs).toEqual(['plain text', '{"a":[1,"b"]}', '', '42', 'null']);
    const big = tool({ name: 'big', parameters: z.object({}), execute: () => 1n });
    const [, failed] = await lastValueFrom(run([big], [call('1', 'big', {})]).pipe(toArray()));
    expect(failed).toMatchObject({ type: 'tool_error', reason: 'execute' });
  });

  it('aborts the signal of a pending Promise tool on unsubscribe, not after it settled', async () => {
    let signal: AbortSignal | undefined;
    const pending = tool({
      name: 'pending',
      parameters: z.object({}),
      execute: (_args, context) => {
        signal = context.signal;
        return new Promise<never>(() => undefined);
      },
    });
    const subscription = run([pending], [call('1', 'pending', {})]).subscribe();
    expect(signal?.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    let settledSignal: AbortSignal | undefined;
    const quick = tool({
      name: 'quick',
      parameters: z.object({}),
      execute: async (_args, context) => {
        settledSignal = context.signal;
        return 'done';
      },
    });
    await firstValueFrom(run([quick], [call('1', 'quick', {})]).pipe(toArray()));
    expect(settledSignal?.aborted).toBe(false);
  });
});
