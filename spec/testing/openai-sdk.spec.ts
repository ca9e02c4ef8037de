import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { DEFAULT_STORY, startMockServer, type MockServer } from '../../lib/testing/index.js';

describe('the official openai SDK against the mock server', () => {
  let mock: MockServer;
  let sdk: OpenAI;
  beforeEach(async () => {
    mock = await startMockServer();
    sdk = new OpenAI({ baseURL: mock.url, apiKey: 'test', maxRetries: 0 });
  });
  afterEach(async () => {
    await mock.close();
  });

  it('accumulates a streamed chat completion with tool calls and usage', async () => {
    mock.enqueue({
      type: 'chat',
      text: 'Let me check.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
    });
    const runner = sdk.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather?' }],
      stream_options: { include_usage: true },
    });
    const final = await runner.finalChatCompletion();
    const choice = final.choices[0]!;
    expect(choice.message.content).toBe('Let me check.');
    expect(choice.message.tool_calls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
    });
    expect(choice.finish_reason).toBe('tool_calls');
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams the Responses API and surfaces status errors', async () => {
    const stream = sdk.responses.stream({ model: 'gpt-4.1', input: 'Story?' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(DEFAULT_STORY);
    mock.enqueue({ type: 'status', status: 429 });
    await expect(sdk.chat.completions.create({ model: 'gpt-4o', messages: [] })).rejects.toMatchObject({
      status: 429,
    });
  });
});
