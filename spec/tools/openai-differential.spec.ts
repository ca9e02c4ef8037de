// The official SDK's runTools() and ours, on one scripted server: the same conversation must come out.
import { afterEach, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { lastValueFrom } from 'rxjs';
import { z } from 'zod';
import { createClient } from '../../lib/client.js';
import { finalMessages } from '../../lib/chat/final-messages.js';
import { runChatTools } from '../../lib/chat/run-tools.js';
import { tool } from '../../lib/tools/tool.js';
import {
  conversationReply,
  startMockServer,
  type MockServer,
  type MockTurn,
} from '../../lib/testing/index.js';

const Args = z.object({ city: z.string() });
const weather = ({ city }: z.output<typeof Args>) => ({ city, temperature: city.length * 3 });
const forecast = ({ city }: z.output<typeof Args>) => `Rain in ${city} tomorrow.`;
const ours = [
  tool({ name: 'get_weather', parameters: Args, execute: async (args) => weather(args) }),
  tool({ name: 'get_forecast', parameters: Args, execute: (args) => forecast(args) }),
];
const theirs = [
  { name: 'get_weather', run: weather },
  { name: 'get_forecast', run: forecast },
].map(({ name, run }) => ({
  type: 'function' as const,
  function: {
    name,
    parameters: ours[0]!.jsonSchema,
    description: '',
    parse: (input: string) => Args.parse(JSON.parse(input)),
    function: run,
  },
}));

/** A message as the API reads it: role, content, tool calls (id, name, arguments) and tool_call_id. */
function normalize(message: Record<string, unknown>): Record<string, unknown> {
  const calls = (message['tool_calls'] ?? []) as Array<{
    id: string;
    function: { name: string; arguments: string };
  }>;
  return {
    role: message['role'],
    content: message['content'] ?? null,
    ...(calls.length
      ? {
          tool_calls: calls.map((c) => ({
            id: c.id,
            name: c.function.name,
            arguments: c.function.arguments,
          })),
        }
      : {}),
    ...(message['tool_call_id'] ? { tool_call_id: message['tool_call_id'] } : {}),
  };
}

const script: MockTurn[] = [
  {
    type: 'chat',
    text: 'Let me look.',
    parallel: true,
    toolCalls: [
      { id: 'call_w1', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'call_w2', name: 'get_weather', arguments: { city: 'Oslo' } },
    ],
  },
  { type: 'chat', toolCalls: [{ id: 'call_f1', name: 'get_forecast', arguments: { city: 'Oslo' } }] },
  (conversation) => ({ type: 'chat', text: `Summary of ${conversation.items.length} messages.` }),
];

describe('runChatTools and the openai SDK runTools() on the same scripted server', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  async function both(maxSteps: number) {
    mock = await startMockServer({ reply: conversationReply(script) });
    const messages = [{ role: 'user' as const, content: 'Weather in Paris and Oslo, and tomorrow?' }];
    const sdk = new OpenAI({ baseURL: mock.url, apiKey: 'test', maxRetries: 0 });
    const runner = sdk.chat.completions.runTools(
      { model: 'gpt-mock', messages, tools: theirs, stream: true },
      { maxChatCompletions: maxSteps },
    );
    await runner.done();
    const sdkRequests = mock.requests.length;
    const client = createClient({ baseURL: mock.url, apiKey: 'test', maxRetries: 0 });
    const mine = await lastValueFrom(
      runChatTools(
        client.chat.completions.create,
        { model: 'gpt-mock', messages },
        { tools: ours, maxSteps },
      ).pipe(finalMessages()),
    );
    const sent = (index: number) =>
      (mock!.requests[index]!.body as { messages: Record<string, unknown>[] }).messages;
    return {
      theirs: runner.messages.map((m) => normalize(m as unknown as Record<string, unknown>)),
      mine: mine.map((m) => normalize(m as Record<string, unknown>)),
      requests: [sdkRequests, mock.requests.length - sdkRequests],
      lastSent: [sent(sdkRequests - 1).map(normalize), sent(mock.requests.length - 1).map(normalize)],
    };
  }

  it('produce the same final messages and send the same conversation, over three steps', async () => {
    const result = await both(10);
    expect(result.mine).toEqual(result.theirs);
    expect(result.mine).toHaveLength(7);
    expect(result.mine.at(-1)).toEqual({ role: 'assistant', content: 'Summary of 6 messages.' });
    expect(result.requests).toEqual([3, 3]);
    expect(result.lastSent[1]).toEqual(result.lastSent[0]);
  });

  it('agree when the step budget runs out: the last step’s tools run, no further request', async () => {
    const result = await both(2);
    expect(result.mine).toEqual(result.theirs);
    expect(result.requests).toEqual([2, 2]);
    expect(result.mine.at(-1)).toEqual({
      role: 'tool',
      content: 'Rain in Oslo tomorrow.',
      tool_call_id: 'call_f1',
    });
  });
});
