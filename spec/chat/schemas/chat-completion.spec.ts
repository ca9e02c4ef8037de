import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import {
  ChatCompletionMessageSchema,
  ChatCompletionSchema,
  createClient,
  finalChatCompletion,
  type ChatCompletionChunkDelta,
  type ChatCompletionChunkToolCall,
  type ChatCompletionMessage,
  type ChatCompletionMessageParam,
  type ChatCompletionMessageToolCall,
  type ChatCompletionSnapshotMessage,
  type ChatCompletionToolCallParam,
  type ToolCallSnapshot,
} from '../../../lib/index.js';
import { startMockServer, type MockServer } from '../../../lib/testing/index.js';

// Messages round-trip: what a completion (streamed or not) returns as the assistant's message goes back
// into `messages` without a cast. The type checks below run under `tsc` (npm run typecheck).

describe('assistant messages round-trip (types)', () => {
  it('assigns the messages of a completion and of a snapshot to ChatCompletionMessageParam', () => {
    const fromCompletion = (message: ChatCompletionMessage): ChatCompletionMessageParam => message;
    const fromSnapshot = (message: ChatCompletionSnapshotMessage): ChatCompletionMessageParam => message;
    const callFromCompletion = (call: ChatCompletionMessageToolCall): ChatCompletionToolCallParam => call;
    const callFromSnapshot = (call: ToolCallSnapshot): ChatCompletionToolCallParam => call;
    // @ts-expect-error a delta's role is any string the server sent, not the assistant's message
    const fromDelta = (delta: ChatCompletionChunkDelta): ChatCompletionMessageParam => delta;
    // @ts-expect-error a fragment of a streamed call has no complete id, name and arguments
    const callFromFragment = (call: ChatCompletionChunkToolCall): ChatCompletionToolCallParam => call;
    // @ts-expect-error the role of the message of a completion is the literal 'assistant'
    const wrongRole: ChatCompletionMessage['role'] = 'user';
    expect([
      fromCompletion,
      fromSnapshot,
      callFromCompletion,
      callFromSnapshot,
      fromDelta,
      callFromFragment,
    ]).toHaveLength(6);
    expect(wrongRole).toBe('user');
  });
});

describe('ChatCompletionMessageSchema', () => {
  it("reads role as 'assistant' and a tool call's type as 'function', whatever the server wrote", () => {
    const message = ChatCompletionMessageSchema.parse({
      content: null,
      tool_calls: [
        { id: 'call_1', function: { name: 'f', arguments: '{}' } },
        { id: 'call_2', type: 'fn', function: { name: 'g', arguments: '' } },
      ],
      role: 'model',
    });
    expect(message.role).toBe('assistant');
    expect(message.tool_calls?.map((call) => call.type)).toEqual(['function', 'function']);
  });

  it('leaves tool_calls out when the server sent none (null or []), keeps unknown fields', () => {
    for (const tool_calls of [null, []]) {
      const message = ChatCompletionMessageSchema.parse({
        role: 'assistant',
        content: 'Hi',
        tool_calls,
        audio: null,
        annotations: [],
      });
      expect(JSON.parse(JSON.stringify(message))).toStrictEqual({
        role: 'assistant',
        content: 'Hi',
        audio: null,
        annotations: [],
      });
    }
  });

  it('rejects wrong types with zod issues and paths', () => {
    const result = ChatCompletionSchema.safeParse({ id: 'c', choices: [{ message: { content: 42 } }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'invalid_type',
      path: ['choices', 0, 'message', 'content'],
    });
  });
});

describe('assistant messages round-trip (over HTTP)', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());

  it('sends the final message of a streamed tool call back as it came, with a tool result', async () => {
    const client = createClient({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
    mock.enqueue(
      { type: 'chat', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { type: 'chat', text: 'Sunny.' },
    );
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const completion = await lastValueFrom(
      client.chat.completions.create({ model: 'gpt-4o', messages, stream: true }).pipe(finalChatCompletion()),
    );
    const assistant = completion.choices[0]!.message;
    const call = assistant.tool_calls![0]!;
    messages.push(assistant, { role: 'tool', tool_call_id: call.id, content: '{"sky":"clear"}' });
    await firstValueFrom(client.chat.completions.create({ model: 'gpt-4o', messages }));
    const sent = (mock.requests.at(-1)!.body as { messages: ChatCompletionMessageParam[] }).messages;
    expect(sent[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [
        { id: call.id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    });
    expect(sent[2]).toEqual({ role: 'tool', tool_call_id: call.id, content: '{"sky":"clear"}' });
  });
});
