import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { firstValueFrom, lastValueFrom, Observable, toArray } from 'rxjs';
import { z } from 'zod';
import { createClient, type OpenAIClient } from '../../lib/client.js';
import { accumulateText, textDeltas } from '../../lib/chat/operators/text-deltas.js';
import { finalMessages } from '../../lib/chat/final-messages.js';
import { runChatTools } from '../../lib/chat/run-tools.js';
import type { ChatRunEvent } from '../../lib/chat/run-events.js';
import type { ChatCompletionMessageParam } from '../../lib/chat/schemas/index.js';
import { BadRequestError } from '../../lib/errors/index.js';
import { finalObject } from '../../lib/structured/partial-object.js';
import { zodResponseFormat } from '../../lib/structured/zod-format.js';
import { tool } from '../../lib/tools/tool.js';
import { conversationReply, startMockServer, type MockServer } from '../../lib/testing/index.js';

const getWeather = tool({
  name: 'get_weather',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: city.length }),
});
const user = (content: string): ChatCompletionMessageParam => ({ role: 'user', content });
const params = { model: 'gpt-mock', messages: [user('Weather in Paris and Oslo?')] };
const weatherCalls = [
  { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
  { id: 'call_b', name: 'get_weather', arguments: { city: 'Oslo' } },
];

describe('runChatTools against the mock server', () => {
  let mock: MockServer;
  let client: OpenAIClient;
  const start = async (turns: Parameters<typeof conversationReply>[0], chunkDelayMs = 0) => {
    mock = await startMockServer({ reply: conversationReply(turns), chunkDelayMs });
    client = createClient({ baseURL: mock.url, apiKey: 'test', maxRetries: 0 });
  };
  beforeEach(() => {
    mock = undefined as unknown as MockServer;
  });
  afterEach(async () => {
    await mock?.close();
  });

  it('streams a step, runs its parallel calls, sends the results back and finishes (cold, usage summed)', async () => {
    await start([
      { type: 'chat', text: 'Checking.', toolCalls: weatherCalls, parallel: true },
      (conversation) => ({
        type: 'chat',
        text: `Done: ${conversation.toolOutputs.map((o) => o.output).join(' ')}`,
      }),
    ]);
    const run$ = runChatTools(client.chat.completions.create, params, { tools: [getWeather] });
    expect(mock.requests).toHaveLength(0);
    const events = await lastValueFrom(run$.pipe(toArray()));
    const kinds = events.filter((event) => event.type !== 'chunk').map((event) => event.type);
    expect(kinds).toEqual(['step', 'tool_call', 'tool_call', 'tool_result', 'tool_result', 'step', 'finish']);
    const finish = events.at(-1) as Extract<ChatRunEvent, { type: 'finish' }>;
    const results = ['{"city":"Paris","temperature":5}', '{"city":"Oslo","temperature":4}'];
    expect(finish.messages).toEqual([
      user('Weather in Paris and Oslo?'),
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: weatherCalls.map(({ id, name, arguments: args }) => ({
          id,
          type: 'function',
          function: { name, arguments: JSON.stringify(args) },
        })),
      },
      { role: 'tool', tool_call_id: 'call_a', content: results[0] },
      { role: 'tool', tool_call_id: 'call_b', content: results[1] },
      { role: 'assistant', content: `Done: ${results.join(' ')}` },
    ]);
    expect(finish.finishReason).toBe('stop');
    expect(finish.steps).toHaveLength(2);
    const [first, second] = finish.steps.map((step) => step.usage!);
    expect(finish.usage).toMatchObject({
      prompt_tokens: first!.prompt_tokens + second!.prompt_tokens,
      total_tokens: first!.total_tokens + second!.total_tokens,
    });
    const bodies = mock.requests.map((request) => request.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: getWeather.jsonSchema } }],
    });
    expect(bodies[1]!['messages']).toEqual(finish.messages.slice(0, 4));
  });

  it('answers a failing tool, invalid arguments and an unknown tool with their errors, and goes on', async () => {
    const failing = tool({
      name: 'failing',
      parameters: z.object({}),
      execute: () => Promise.reject(new Error('service down')),
    });
    await start([
      {
        type: 'chat',
        toolCalls: [
          { id: 'c1', name: 'failing', arguments: {} },
          { id: 'c2', name: 'get_weather', arguments: { town: 'Paris' } },
          { id: 'c3', name: 'get_weather', arguments: '{"city": Paris}' },
          { id: 'c4', name: 'launch_rockets', arguments: {} },
        ],
      },
      { type: 'chat', text: 'Sorry, nothing worked.' },
    ]);
    const events = await lastValueFrom(
      runChatTools(client.chat.completions.create, params, { tools: [getWeather, failing] }).pipe(toArray()),
    );
    const errors = events.flatMap((event) =>
      event.type === 'tool_error' ? [[event.call.id, event.reason]] : [],
    );
    expect(errors).toEqual([
      ['c2', 'invalid_arguments'],
      ['c3', 'invalid_arguments'],
      ['c4', 'unknown_tool'],
      ['c1', 'execute'],
    ]);
    const tools = (mock.requests[1]!.body as { messages: ChatCompletionMessageParam[] }).messages.filter(
      (message) => message.role === 'tool',
    );
    expect(tools.map((message) => message.content)).toEqual([
      'Tool "failing" failed: service down',
      expect.stringContaining('Tool call "get_weather" (c2) has arguments that fail its schema: city:'),
      'Tool call "get_weather" (c3) has arguments that are not valid JSON (15 characters)',
      'Tool call "launch_rockets" (c4) names no tool of this run; the tools are: get_weather, failing',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('finishes with max_steps after running the last step’s tools, when the model keeps calling', async () => {
    await start([
      { type: 'chat', toolCalls: [{ id: 'again', name: 'get_weather', arguments: { city: 'Rome' } }] },
    ]);
    const events = await lastValueFrom(
      runChatTools(client.chat.completions.create, params, { tools: [getWeather], maxSteps: 3 }).pipe(
        toArray(),
      ),
    );
    const finish = events.at(-1) as Extract<ChatRunEvent, { type: 'finish' }>;
    expect(finish.finishReason).toBe('max_steps');
    expect(mock.requests).toHaveLength(3);
    expect(events.filter((event) => event.type === 'tool_result')).toHaveLength(3);
    expect(finish.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'again' });
  });

  it('runs at most toolConcurrency tools at once', async () => {
    let running = 0;
    let most = 0;
    const slow = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: async () => {
        most = Math.max(most, ++running);
        await Promise.resolve(); // settles later, after the calls that may start at once have started
        running--;
        return 'ok';
      },
    });
    const calls = ['A', 'B', 'C', 'D'].map((city, i) => ({
      id: `c${i}`,
      name: 'get_weather',
      arguments: { city },
    }));
    await start([
      { type: 'chat', toolCalls: calls },
      { type: 'chat', text: 'ok' },
    ]);
    await lastValueFrom(
      runChatTools(client.chat.completions.create, params, { tools: [slow], toolConcurrency: 2 }),
    );
    expect(most).toBe(2);
  });

  it('unsubscribing mid-stream aborts the request: the server sees the connection close', async () => {
    await start(
      [{ type: 'chat', text: 'A long answer that streams slowly, word by word, until cancelled.' }],
      30,
    );
    await firstValueFrom(runChatTools(client.chat.completions.create, params, { tools: [getWeather] }));
    const [request] = await mock.waitForRequests(1);
    expect(await request!.closed).toEqual({ abortedByClient: true });
  });

  it('unsubscribing mid-tool aborts the tool’s signal, unsubscribes its Observable and sends nothing more', async () => {
    let signal: AbortSignal | undefined;
    let tornDown = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const waiting = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: (_args, context) =>
        new Observable<string>(() => {
          signal = context.signal;
          started();
          return () => (tornDown = true);
        }),
    });
    await start([
      { type: 'chat', toolCalls: [weatherCalls[0]!] },
      { type: 'chat', text: 'never' },
    ]);
    const subscription = runChatTools(client.chat.completions.create, params, {
      tools: [waiting],
    }).subscribe();
    await running;
    expect(signal?.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    expect(tornDown).toBe(true);
    expect(mock.requests).toHaveLength(1);
    expect(await mock.requests[0]!.closed).toEqual({ abortedByClient: false });
  });

  it('fails the run on a request error, after the client’s retries', async () => {
    await start([{ type: 'status', status: 400 }]);
    await expect(
      lastValueFrom(runChatTools(client.chat.completions.create, params, { tools: [getWeather] })),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it('ends a step cut off by length without running its calls, and keeps the conversation valid', async () => {
    await start([{ type: 'chat', toolCalls: [weatherCalls[0]!], finishReason: 'length' }]);
    const events = await lastValueFrom(
      runChatTools(client.chat.completions.create, params, { tools: [getWeather] }).pipe(toArray()),
    );
    expect(events.some((event) => event.type === 'tool_call')).toBe(false);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'length',
      messages: [user('Weather in Paris and Oslo?'), { role: 'assistant', content: null }],
    });
  });

  it('gives a call without an id a generated one, used by its tool message', async () => {
    await start([
      { type: 'chat', toolCalls: [{ ...weatherCalls[0]!, id: '' }] },
      { type: 'chat', text: 'ok' },
    ]);
    const messages = await lastValueFrom(
      runChatTools(client.chat.completions.create, params, { tools: [getWeather] }).pipe(finalMessages()),
    );
    const id = (messages[1] as { tool_calls: Array<{ id: string }> }).tool_calls[0]!.id;
    expect(id).toMatch(/^call_0_[0-9a-z]+$/); // the id every chat operator gives a call without one
    expect(messages[2]).toMatchObject({ role: 'tool', tool_call_id: id });
  });

  it('reads with the chat operators: text of every step, the current step’s text, the final messages', async () => {
    await start([
      { type: 'chat', text: 'Let me check.', toolCalls: [weatherCalls[0]!] },
      { type: 'chat', text: 'Sunny in Paris.' },
    ]);
    const run$ = runChatTools(client.chat.completions.create, params, { tools: [getWeather] });
    expect((await lastValueFrom(run$.pipe(textDeltas(), toArray()))).join('')).toBe(
      'Let me check.Sunny in Paris.',
    );
    expect(await lastValueFrom(run$.pipe(accumulateText()))).toBe('Sunny in Paris.');
    const messages = await lastValueFrom(run$.pipe(finalMessages()));
    // The conversation continues without a cast.
    const next$ = runChatTools(
      client.chat.completions.create,
      { ...params, messages: [...messages, user('And tomorrow?')] },
      { tools: [getWeather] },
    );
    await lastValueFrom(next$);
    expect((mock.requests.at(-1)!.body as { messages: unknown[] }).messages).toEqual([
      ...messages,
      user('And tomorrow?'),
    ]);
  });

  it('passes response_format on: the final answer is read with finalObject', async () => {
    const Forecast = z.object({ city: z.string(), temperature: z.number() });
    await start([
      { type: 'chat', toolCalls: [weatherCalls[0]!] },
      (conversation) => ({ type: 'chat', text: conversation.toolOutputs[0]!.output }),
    ]);
    const forecast = await lastValueFrom(
      runChatTools(
        client.chat.completions.create,
        { ...params, response_format: zodResponseFormat(Forecast, 'forecast') },
        { tools: [getWeather] },
      ).pipe(finalObject(Forecast)),
    );
    expect(forecast).toEqual({ city: 'Paris', temperature: 5 });
    expect(mock.requests[1]!.body).toMatchObject({ response_format: { type: 'json_schema' } });
  });

  it('throws a TypeError at call time for bad params or options', async () => {
    await start([{ type: 'chat' }]);
    const create = client.chat.completions.create;
    const tools = [getWeather];
    const bad: Array<[() => unknown, string]> = [
      [() => runChatTools(create, { ...params, model: '' }, { tools }), '"model" must be a non-empty string'],
      [() => runChatTools(create, { model: 'm' } as never, { tools }), '"messages" must be an array'],
      [() => runChatTools(create, { ...params, n: 2 }, { tools }), '"n" must be 1'],
      [
        () => runChatTools(create, { ...params, stream: false } as never, { tools }),
        '"stream" must be left out',
      ],
      [() => runChatTools(create, params, {} as never), 'option "tools" must be an array of tool()'],
      [() => runChatTools(create, params, { tools: [{}] as never }), 'tools[0] must be made by tool()'],
      [
        () => runChatTools(create, params, { tools: [getWeather, getWeather] }),
        'two tools are named "get_weather"',
      ],
      [
        () => runChatTools(create, params, { tools, maxSteps: 0 }),
        'option "maxSteps" must be a whole number >= 1',
      ],
      [() => runChatTools(create, params, { tools, toolConcurrency: 0.5 }), 'option "toolConcurrency"'],
      [() => runChatTools(create, params, { tools, observe: 'events' } as never), 'option "observe"'],
    ];
    for (const [call, message] of bad)
      expect(call).toThrow(new RegExp(`^chat\\.completions\\.runTools: .*${escape(message)}`));
    // Request options are checked by create(), at call time too.
    expect(() => runChatTools(create, params, { tools, timeout: -1 })).toThrow(TypeError);
    expect(mock.requests).toHaveLength(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
