import { describe, expect, it } from '@jest/globals';
import * as z from 'zod/mini';
import {
  ChatCompletionChunkChoiceSchema,
  ChatCompletionChunkSchema,
  CompletionUsageSchema,
  type ChatCompletionChunk,
} from '../../../lib/index.js';

const chunk = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o',
  obfuscation: 'aBcD',
  choices: [
    {
      index: 0,
      delta: { content: 'Hi', audio: { id: 'a' } },
      finish_reason: null,
      content_filter_results: {},
    },
  ],
  usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, cost: 0.1 },
};

describe('ChatCompletionChunkSchema', () => {
  it('keeps unknown fields at every level, by reference', () => {
    const input = structuredClone(chunk);
    const parsed = ChatCompletionChunkSchema.parse(input);
    expect(parsed).toStrictEqual(chunk);
    expect(parsed).not.toBe(input);
    expect(parsed.choices[0]!.delta['audio']).toBe(input.choices[0]!.delta.audio);
  });

  it('fills in what servers leave out (Azure first chunk, content-filter chunks without delta)', () => {
    expect(ChatCompletionChunkSchema.parse({ choices: [{ finish_reason: 'content_filter' }] })).toStrictEqual(
      {
        id: '',
        object: 'chat.completion.chunk',
        created: 0,
        model: '',
        choices: [{ index: 0, delta: {}, finish_reason: 'content_filter' }],
      },
    );
    expect(ChatCompletionChunkSchema.parse({})).toStrictEqual({
      id: '',
      object: 'chat.completion.chunk',
      created: 0,
      model: '',
      choices: [],
    });
  });

  it.each([
    [{ ...chunk, id: 7 }, ['id'], 'invalid_type'],
    [{ ...chunk, choices: {} }, ['choices'], 'invalid_type'],
    [{ ...chunk, choices: [{ delta: { content: 1 } }] }, ['choices', 0, 'delta', 'content'], 'invalid_type'],
    [
      { ...chunk, choices: [{ delta: { tool_calls: [{ index: '0' }] } }] },
      ['choices', 0, 'delta', 'tool_calls', 0, 'index'],
      'invalid_type',
    ],
    [{ ...chunk, usage: { prompt_tokens: 1 } }, ['usage', 'completion_tokens'], 'invalid_type'],
    [{ ...chunk, created: Infinity }, ['created'], 'invalid_type'],
  ])('rejects a wrong type with a zod issue at its path (%#)', (input, path, code) => {
    const result = ChatCompletionChunkSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path, code });
  });

  it('is a zod/mini schema that composes with zod/mini', () => {
    const Extended = z.extend(ChatCompletionChunkSchema, { obfuscation: z.string() });
    expect(Extended.parse(chunk).obfuscation).toBe('aBcD');
    expect(Extended.safeParse({ ...chunk, obfuscation: 1 }).success).toBe(false);
    expect(z.safeParse(ChatCompletionChunkChoiceSchema, chunk.choices[0]).success).toBe(true);
    expect(CompletionUsageSchema.parse(chunk.usage)).toStrictEqual(chunk.usage);
  });

  it('types what it checks and lets unknown fields through as unknown', () => {
    const typed: ChatCompletionChunk = ChatCompletionChunkSchema.parse(chunk);
    const content: string | null | undefined = typed.choices[0]?.delta.content;
    const extra: unknown = typed['obfuscation'];
    expect([content, extra]).toEqual(['Hi', 'aBcD']);
  });
});
