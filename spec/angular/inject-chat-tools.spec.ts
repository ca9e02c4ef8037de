import { afterEach, describe, expect, it } from '@jest/globals';
import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import * as z from 'zod';
import { injectChat, provideOpenAIStream, type InjectChatOptions } from '../../lib/angular/index.js';
import { isStructuredOutputError } from '../../lib/errors/structured-output-error.js';
import { tool } from '../../lib/tools/tool.js';
import {
  conversationReply,
  startMockServer,
  type MockServer,
  type MockTurn,
} from '../../lib/testing/index.js';
import { until } from './helpers.js';
import { configureTestBed } from './test-bed.js';

const ended = (status: string) => ['done', 'error', 'aborted'].includes(status);
const ASK_WEATHER: MockTurn = {
  type: 'chat',
  toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
  argsChunkSize: 3,
  delayMs: 5,
};
const ANSWER: MockTurn = (conversation) => ({
  type: 'chat',
  text: `Weather: ${conversation.toolOutputs[0]?.output}`,
});

let mock: MockServer | undefined;
afterEach(async () => {
  TestBed.resetTestingModule();
  await mock?.close();
  mock = undefined;
});

async function setup<S extends z.core.$ZodType>(turns: MockTurn[], options: Partial<InjectChatOptions<S>>) {
  mock = await startMockServer({ reply: conversationReply(turns) });
  configureTestBed([provideOpenAIStream({ baseURL: mock.url, maxRetries: 0 })]);
  return TestBed.runInInjectionContext(() => injectChat<S>({ model: 'gpt-mock', ...options }));
}

/** A tool whose `execute` waits for `release()`, and records whether its signal aborted. */
function heldTool() {
  let release!: (value: { temperature: number }) => void;
  const seen = { aborted: false, args: undefined as unknown };
  const weather = tool({
    name: 'get_weather',
    parameters: z.object({ city: z.string() }),
    execute: (args, { signal }) => {
      seen.args = args;
      signal.addEventListener('abort', () => (seen.aborted = true));
      return new Promise<{ temperature: number }>((resolve) => (release = resolve));
    },
  });
  return { weather, seen, release: (value: { temperature: number }) => release(value) };
}

describe('injectChat with tools and a schema (zoneless TestBed, mock server)', () => {
  it('runs the tool loop: call signals stream, run and answer; the conversation holds every message', async () => {
    const { weather, seen, release } = heldTool();
    const chat = await setup([ASK_WEATHER, ANSWER], { tools: [weather] });
    chat.send('Weather in Paris?');
    const snapshots = [chat.toolCalls()];
    const trail = await until(
      () => {
        if (chat.toolCalls() !== snapshots.at(-1)) snapshots.push(chat.toolCalls());
        return `${chat.status()}:${chat.toolCalls()[0]?.status ?? '-'}`;
      },
      (state) => state === 'streaming:running',
    );
    expect(trail[0]).toBe('submitted:-');
    expect(trail).toContain('streaming:streaming'); // the arguments arrive in fragments
    expect(seen.args).toEqual({ city: 'Paris' });
    const running = chat.toolCalls()[0]!;
    expect(running).toMatchObject({ id: 'call_1', name: 'get_weather', args: { city: 'Paris' }, step: 1 });
    expect(running.arguments).toBe('{"city":"Paris"}');
    release({ temperature: 21 });
    await until(chat.status, ended);
    snapshots.push(chat.toolCalls());

    expect(chat.status()).toBe('done');
    expect(chat.toolCalls()).toEqual([
      expect.objectContaining({ status: 'done', result: { temperature: 21 }, output: '{"temperature":21}' }),
    ]);
    // Every change is a new frozen list of frozen calls; an earlier snapshot never changes.
    expect(snapshots.every((list) => Object.isFrozen(list) && list.every((c) => Object.isFrozen(c)))).toBe(
      true,
    );
    expect(running.status).toBe('running');
    expect(chat.messages()).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":21}' },
      { role: 'assistant', content: 'Weather: {"temperature":21}' },
    ]);
    expect(chat.text()).toBe('Weather: {"temperature":21}');
    const [, second] = mock!.requests;
    expect((second?.body as { messages: unknown[] }).messages).toEqual(chat.messages().slice(0, 3));
  });

  it('shows a failing tool as an error call; the model reads the error and the turn goes on', async () => {
    const broken = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: () => Promise.reject(new Error('the weather service is down')),
    });
    const chat = await setup([ASK_WEATHER, ANSWER], { tools: [broken] });
    chat.send('Weather in Paris?');
    await until(chat.status, ended);
    const [call] = chat.toolCalls();
    expect(call).toMatchObject({ status: 'error', reason: 'execute', id: 'call_1' });
    expect((call!.error as Error).message).toBe('the weather service is down');
    expect([chat.status(), chat.error()]).toEqual(['done', undefined]);
    expect(chat.messages().at(-1)).toEqual({
      role: 'assistant',
      content: 'Weather: Tool "get_weather" failed: the weather service is down',
    });
  });

  it('stop() during a tool aborts its signal, marks it aborted and answers it, so the chat can go on', async () => {
    const { weather, seen } = heldTool();
    const chat = await setup([ASK_WEATHER, ANSWER], { tools: [weather] });
    chat.send('Weather in Paris?');
    await until(
      () => chat.toolCalls()[0]?.status,
      (status) => status === 'running',
    );
    chat.stop();
    expect(seen.aborted).toBe(true);
    expect([chat.status(), chat.toolCalls()[0]?.status]).toEqual(['aborted', 'aborted']);
    expect(chat.messages().at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'call_1',
      content: 'The user stopped this tool call before it finished.',
    });
    expect(mock!.requests).toHaveLength(1);
    chat.send('Never mind.'); // the conversation is complete: every call has its answer
    await until(chat.status, ended);
    expect(chat.status()).toBe('done');
  });

  it('aborts the running tool when its injector is destroyed', async () => {
    const { weather, seen } = heldTool();
    mock = await startMockServer({ reply: conversationReply([ASK_WEATHER, ANSWER]) });
    configureTestBed([provideOpenAIStream({ baseURL: mock.url, maxRetries: 0 })]);
    const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const chat = injectChat({ model: 'gpt-mock', tools: [weather], injector: child });
    chat.send('Weather in Paris?');
    await until(
      () => chat.toolCalls()[0]?.status,
      (status) => status === 'running',
    );
    child.destroy();
    expect([seen.aborted, chat.status()]).toEqual([true, 'aborted']);
    expect(mock.requests).toHaveLength(1);
  });

  it('aborts the request of a tool turn when stopped while the model writes', async () => {
    const { weather } = heldTool();
    const slow: MockTurn = { ...(ASK_WEATHER as object), argsChunkSize: 1, delayMs: 30 } as MockTurn;
    const chat = await setup([slow, ANSWER], { tools: [weather] });
    chat.send('Weather in Paris?');
    await until(
      () => chat.toolCalls()[0]?.arguments.length ?? 0,
      (length) => length > 2,
    );
    chat.stop();
    const [request] = await mock!.waitForRequests(1);
    await expect(request!.closed).resolves.toEqual({ abortedByClient: true });
    expect(chat.toolCalls()[0]?.status).toBe('aborted');
    expect(chat.messages()).toEqual([{ role: 'user', content: 'Weather in Paris?' }]);
  });

  const Forecast = z.object({ city: z.string(), temperature: z.number(), summary: z.string() });
  const FORECAST = { city: 'Paris', temperature: 21, summary: 'Sunny all day, a light breeze.' };

  it('object() grows with the structured answer, as frozen snapshots, and ends validated', async () => {
    const chat = await setup([{ type: 'chat', text: JSON.stringify(FORECAST), tokenSize: 4, delayMs: 2 }], {
      schema: Forecast,
      schemaName: 'forecast',
    });
    chat.send('Forecast for Paris?');
    const seen = await until(chat.object, () => ended(chat.status()));
    const objects = seen.filter((value) => value !== undefined);
    expect(chat.status()).toBe('done');
    expect(objects.length).toBeGreaterThan(3);
    expect(
      objects.map((o) => o.summary ?? '').every((s, i, all) => i === 0 || s.startsWith(all[i - 1]!)),
    ).toBe(true);
    expect(objects.every((o) => Object.isFrozen(o))).toBe(true);
    expect(chat.object()).toEqual(FORECAST);
    const typed: number | undefined = chat.object()?.temperature; // typed by the schema
    expect(typed).toBe(21);
    const body = mock!.requests[0]?.body as { response_format?: { json_schema?: { name?: string } } };
    expect(body.response_format?.json_schema?.name).toBe('forecast');
    expect(chat.messages().at(-1)).toEqual({ role: 'assistant', content: JSON.stringify(FORECAST) });
  });

  it('a structured answer that fails its schema is a typed StructuredOutputError; the valid part stays', async () => {
    const text = '{"city":"Paris","temperature":"warm","summary":"x"}';
    const chat = await setup([{ type: 'chat', text, tokenSize: 6 }], { schema: Forecast });
    chat.send('Forecast for Paris?');
    await until(chat.status, ended);
    const error = chat.error();
    expect(chat.status()).toBe('error');
    expect(isStructuredOutputError(error) && error.kind).toBe('schema');
    expect(chat.object()).toEqual({ city: 'Paris' });
  });
});
