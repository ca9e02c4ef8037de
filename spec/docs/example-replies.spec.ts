import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import type { RecordedRequest } from '../../lib/testing/index.js';
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
});
