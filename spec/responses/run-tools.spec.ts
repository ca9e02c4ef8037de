import { afterEach, describe, expect, it } from '@jest/globals';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { createClient, type OpenAIClient } from '../../lib/client.js';
import { ResponseFailedError } from '../../lib/errors/index.js';
import { responseTextDeltas } from '../../lib/responses/operators/response-text-deltas.js';
import { responseFinalInput } from '../../lib/responses/final-input.js';
import { runResponseTools } from '../../lib/responses/run-tools.js';
import type { ResponseRunEvent } from '../../lib/responses/run-events.js';
import { responseFinalObject } from '../../lib/structured/response-partial-object.js';
import { zodTextFormat } from '../../lib/structured/zod-format.js';
import { tool } from '../../lib/tools/tool.js';
import {
  conversationReply,
  startMockServer,
  type MockServer,
  type MockTurn,
} from '../../lib/testing/index.js';

const getWeather = tool({
  name: 'get_weather',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: city.length }),
});
const params = { model: 'gpt-mock', input: 'Weather in Paris and Oslo?' };
const weatherCalls = [
  { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
  { id: 'call_b', name: 'get_weather', arguments: { city: 'Oslo' } },
];

describe('runResponseTools against the mock server', () => {
  let mock: MockServer | undefined;
  let client: OpenAIClient;
  const start = async (turns: MockTurn[], chunkDelayMs = 0) => {
    mock = await startMockServer({ reply: conversationReply(turns), chunkDelayMs });
    client = createClient({ baseURL: mock.url, apiKey: 'test', maxRetries: 0 });
    return mock;
  };
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('answers function_call items with function_call_output items, resending the whole input', async () => {
    const server = await start([
      { type: 'responses', text: 'Checking.', functionCalls: weatherCalls },
      (conversation) => ({
        type: 'responses',
        text: `Done: ${conversation.toolOutputs.map((o) => o.output).join(' ')}`,
      }),
    ]);
    const run$ = runResponseTools(client.responses.create, params, { tools: [getWeather] });
    expect(server.requests).toHaveLength(0);
    const events = await lastValueFrom(run$.pipe(toArray()));
    const kinds = events.filter((event) => event.type !== 'event').map((event) => event.type);
    expect(kinds).toEqual(['step', 'tool_call', 'tool_call', 'tool_result', 'tool_result', 'step', 'finish']);
    const finish = events.at(-1) as Extract<ResponseRunEvent, { type: 'finish' }>;
    const results = ['{"city":"Paris","temperature":5}', '{"city":"Oslo","temperature":4}'];
    expect(finish.input).toEqual([
      { role: 'user', content: 'Weather in Paris and Oslo?' },
      expect.objectContaining({ type: 'message', role: 'assistant' }),
      expect.objectContaining({ type: 'function_call', call_id: 'call_a', arguments: '{"city":"Paris"}' }),
      expect.objectContaining({ type: 'function_call', call_id: 'call_b', arguments: '{"city":"Oslo"}' }),
      { type: 'function_call_output', call_id: 'call_a', output: results[0] },
      { type: 'function_call_output', call_id: 'call_b', output: results[1] },
      expect.objectContaining({
        type: 'message',
        content: [expect.objectContaining({ text: `Done: ${results.join(' ')}` })],
      }),
    ]);
    expect(finish.finishReason).toBe('stop');
    const [first, second] = finish.steps.map((step) => step.usage!);
    expect(finish.usage?.total_tokens).toBe(first!.total_tokens + second!.total_tokens);
    const bodies = server.requests.map((request) => request.body as Record<string, unknown>);
    expect(bodies[0]).toMatchObject({
      stream: true,
      input: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
      tools: [{ type: 'function', name: 'get_weather', parameters: getWeather.jsonSchema, strict: false }],
    });
    expect(bodies[0]).not.toHaveProperty('previous_response_id');
    expect(bodies[1]!['input']).toEqual(finish.input.slice(0, 6));
  });

  it('keeps a previous_response_id on every step and refuses conversation', async () => {
    const server = await start([
      { type: 'responses', functionCalls: [weatherCalls[0]!] },
      { type: 'responses', text: 'ok' },
    ]);
    await lastValueFrom(
      runResponseTools(
        client.responses.create,
        { ...params, previous_response_id: 'resp_0' },
        { tools: [getWeather] },
      ),
    );
    expect(
      server.requests.map((request) => (request.body as Record<string, unknown>)['previous_response_id']),
    ).toEqual(['resp_0', 'resp_0']);
    expect(() =>
      runResponseTools(client.responses.create, { ...params, conversation: 'conv_1' } as never, {
        tools: [getWeather],
      }),
    ).toThrow('responses.runTools: "conversation" is not supported');
    expect(() =>
      runResponseTools(client.responses.create, params, { tools: [getWeather], resume: 5 } as never),
    ).toThrow(TypeError);
  });

  it('answers failures to the model and finishes with max_steps when the model keeps calling', async () => {
    const server = await start([
      { type: 'responses', functionCalls: [{ id: 'c1', name: 'get_weather', arguments: '{' }] },
    ]);
    const events = await lastValueFrom(
      runResponseTools(client.responses.create, params, { tools: [getWeather], maxSteps: 2 }).pipe(toArray()),
    );
    expect(events.filter((event) => event.type === 'tool_error').map((event) => event.type)).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'max_steps' });
    expect(server.requests).toHaveLength(2);
    expect((server.requests[1]!.body as { input: unknown[] }).input.at(-1)).toEqual({
      type: 'function_call_output',
      call_id: 'c1',
      output: 'Tool call "get_weather" (c1) has arguments that are not valid JSON (1 characters)',
    });
  });

  it('ends an incomplete step without running its calls, with its reason', async () => {
    await start([{ type: 'responses', functionCalls: [weatherCalls[0]!], incomplete: true }]);
    const events = await lastValueFrom(
      runResponseTools(client.responses.create, params, { tools: [getWeather] }).pipe(toArray()),
    );
    expect(events.some((event) => event.type === 'tool_call')).toBe(false);
    const finish = events.at(-1) as Extract<ResponseRunEvent, { type: 'finish' }>;
    expect(finish.finishReason).toBe('max_output_tokens');
    expect(finish.input.some((item) => item.type === 'function_call')).toBe(false);
  });

  it('fails the run when a response fails', async () => {
    await start([{ type: 'responses', failed: { message: 'Boom' } }]);
    await expect(
      lastValueFrom(runResponseTools(client.responses.create, params, { tools: [getWeather] })),
    ).rejects.toBeInstanceOf(ResponseFailedError);
  });

  it('unsubscribing mid-stream aborts the request, mid-tool the tool’s signal', async () => {
    const server = await start(
      [{ type: 'responses', text: 'A slow answer, one word at a time, until cancelled.' }],
      30,
    );
    await firstValueFrom(runResponseTools(client.responses.create, params, { tools: [getWeather] }));
    const [request] = await server.waitForRequests(1);
    expect(await request!.closed).toEqual({ abortedByClient: true });
    await server.close();

    let signal: AbortSignal | undefined;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const waiting = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: (_args, context) => {
        signal = context.signal;
        started();
        return new Promise<string>(() => undefined);
      },
    });
    const second = await start([{ type: 'responses', functionCalls: [weatherCalls[0]!] }]);
    const subscription = runResponseTools(client.responses.create, params, { tools: [waiting] }).subscribe();
    await running;
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    expect(second.requests).toHaveLength(1);
  });

  it('reads with the Responses operators: every step’s text, the final input, a structured answer', async () => {
    const Forecast = z.object({ city: z.string(), temperature: z.number() });
    await start([
      { type: 'responses', text: 'Let me check.', functionCalls: [weatherCalls[0]!] },
      (conversation) => ({ type: 'responses', text: conversation.toolOutputs[0]?.output ?? 'ok' }),
    ]);
    const run$ = runResponseTools(
      client.responses.create,
      { ...params, text: { format: zodTextFormat(Forecast, 'forecast') } },
      { tools: [getWeather] },
    );
    expect((await lastValueFrom(run$.pipe(responseTextDeltas(), toArray()))).join('')).toBe(
      'Let me check.{"city":"Paris","temperature":5}',
    );
    expect(await lastValueFrom(run$.pipe(responseFinalObject(Forecast)))).toEqual({
      city: 'Paris',
      temperature: 5,
    });
    const input = await lastValueFrom(run$.pipe(responseFinalInput()));
    await lastValueFrom(
      runResponseTools(
        client.responses.create,
        { ...params, input: [...input, { role: 'user', content: 'More?' }] },
        { tools: [getWeather] },
      ),
    );
    expect((mock!.requests.at(-1)!.body as { input: unknown[] }).input).toEqual([
      ...input,
      { role: 'user', content: 'More?' },
    ]);
  });
});
