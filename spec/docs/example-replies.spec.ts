import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import type { RecordedRequest } from '../../lib/testing/index.js';
import { zodResponseFormat, zodTextFormat } from '../../lib/index.js';
import { exampleReply, sampleOf } from './example-replies.js';

const request = (path: string, body: unknown): RecordedRequest => ({
  method: 'POST',
  path,
  query: {},
  headers: {},
  body,
  aborted: false,
  closed: Promise.resolve({ abortedByClient: false }),
  framesSent: 0,
  bytesSent: 0,
});

describe('sampleOf', () => {
  it('fills every property of a JSON Schema with a value of its type', () => {
    const Args = z.object({
      city: z.string(),
      unit: z.enum(['c', 'f']).optional(),
      days: z.number().int(),
      tags: z.array(z.string()),
      exact: z.boolean(),
      where: z.object({ lat: z.number() }).nullable(),
    });
    const value = sampleOf(z.toJSONSchema(Args));
    expect(Args.parse(value)).toEqual(value);
    expect(value).toMatchObject({ city: 'Paris', unit: 'c', days: 12, tags: ['Paris'], exact: true });
  });

  it('follows the $refs of a recursive schema, with a bounded depth', () => {
    interface Tree {
      name: string;
      children: Tree[];
    }
    const Tree: z.ZodType<Tree> = z.object({ name: z.string(), children: z.array(z.lazy(() => Tree)) });
    const value = sampleOf(z.toJSONSchema(Tree));
    expect(Tree.parse(value)).toEqual(value);
    expect(value).toMatchObject({ name: 'Paris', children: [{ name: 'Paris' }] });
    interface List {
      value: number;
      next: List | null;
    }
    const List: z.ZodType<List> = z.object({ value: z.number(), next: z.lazy(() => List).nullable() });
    expect(List.parse(sampleOf(z.toJSONSchema(List)))).toBeDefined();
  });

  it('gives an empty object for a schema it cannot read', () => {
    expect(sampleOf(undefined)).toEqual({});
    expect(sampleOf({ type: 'object' })).toEqual({});
  });
});

describe('exampleReply', () => {
  const weather = { type: 'object', properties: { city: { type: 'string' } } };

  it('streams a story to a chat request without tools', () => {
    expect(exampleReply(request('/v1/chat/completions', { messages: [] }))).toEqual({ type: 'chat' });
  });

  it('calls each chat tool, or the legacy function', () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: weather } }];
    expect(exampleReply(request('/v1/chat/completions', { tools }))).toEqual({
      type: 'chat',
      text: 'Let me check.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    const functions = [{ name: 'repl', parameters: weather }];
    expect(exampleReply(request('/v1/chat/completions', { functions }))).toEqual({
      type: 'chat',
      functionCall: { name: 'repl', arguments: { city: 'Paris' } },
    });
  });

  it('calls Responses function tools and keeps a background request in the background', () => {
    const tools = [{ type: 'function', name: 'get_weather', parameters: weather }];
    expect(exampleReply(request('/v1/responses', { tools, background: true }))).toEqual({
      type: 'responses',
      functionCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
      background: true,
    });
    expect(exampleReply(request('/v1/responses', {}))).toEqual({ type: 'responses', background: false });
  });

  it("answers a conversation that ends with the tools' answers instead of calling them again", () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: weather } }];
    const messages = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: null, tool_calls: [] },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ];
    expect(exampleReply(request('/v1/chat/completions', { tools, messages }))).toEqual({ type: 'chat' });
    const input = [{ type: 'function_call_output', call_id: 'call_1', output: 'sunny' }];
    const responsesTools = [{ type: 'function', name: 'get_weather', parameters: weather }];
    expect(exampleReply(request('/v1/responses', { tools: responsesTools, input }))).toEqual({
      type: 'responses',
      background: false,
    });
  });

  it('answers a json_schema format with JSON that fits it, in small pieces, on both APIs', () => {
    const Recipe = z.object({
      title: z.string(),
      difficulty: z.enum(['easy', 'hard']),
      steps: z.array(z.object({ text: z.string(), minutes: z.number() })),
    });
    const chat = exampleReply(
      request('/v1/chat/completions', { messages: [], response_format: zodResponseFormat(Recipe, 'recipe') }),
    );
    expect(chat).toMatchObject({ type: 'chat', tokenSize: 8 });
    const text = (chat as { text: string }).text;
    expect(Recipe.parse(JSON.parse(text))).toEqual({
      title: 'Paris',
      difficulty: 'easy',
      steps: [{ text: 'Paris', minutes: 12 }],
    });
    const responses = exampleReply(
      request('/v1/responses', { input: 'A recipe', text: { format: zodTextFormat(Recipe, 'recipe') } }),
    );
    expect(responses).toEqual({ type: 'responses', text, tokenSize: 8, background: false });
  });

  it('calls the tools of a structured run first, without text, then answers in JSON', () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: weather } }];
    const response_format = zodResponseFormat(z.object({ umbrella: z.boolean() }), 'outfit');
    expect(exampleReply(request('/v1/chat/completions', { tools, response_format, messages: [] }))).toEqual({
      type: 'chat',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    const messages = [{ role: 'tool', tool_call_id: 'call_1', content: 'rain' }];
    expect(exampleReply(request('/v1/chat/completions', { tools, response_format, messages }))).toEqual({
      type: 'chat',
      text: '{"umbrella":true}',
      tokenSize: 8,
    });
  });
});
