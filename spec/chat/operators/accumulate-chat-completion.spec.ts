import { describe, expect, it } from '@jest/globals';
import { from, lastValueFrom, tap, throwError, type Observable, type OperatorFunction } from 'rxjs';
import {
  accumulateChatCompletion,
  finalChatCompletion,
  toolCallDeltas,
  toolCalls,
} from '../../../lib/chat/operators/index.js';
import { isStreamLimitError, StreamLimitError } from '../../../lib/errors/stream-limit-error.js';
import { collect } from '../../http/helpers.js';
import { isEmptyStreamError } from '../../../lib/errors/index.js';
import {
  ChatCompletionSchema,
  type ChatCompletion,
  type ChatCompletionChunk,
} from '../../../lib/chat/schemas/index.js';
import type { ChatCompletionSnapshot } from '../../../lib/chat/operators/index.js';
import { deepFreeze, expectMalformedToError, marbles, replay, sequence } from './helpers.js';
import {
  azureFirstChunk,
  plainWithUsage,
  reasoning,
  refusal,
  twoChoices,
  withLogprobs,
} from './fixtures/text-streams.js';
import {
  fragmentsRepeatingTheText,
  legacyFunctionCall,
  ollamaIndexReuse,
  parallelCalls,
  repeatedTreeArguments,
} from './fixtures/tool-call-streams.js';

const final = (chunks: readonly ChatCompletionChunk[]) =>
  lastValueFrom(from(chunks).pipe(finalChatCompletion()));
const message = (snapshot: ChatCompletionSnapshot, choice = 0) => snapshot.choices[choice]?.message;

describe('accumulateChatCompletion', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(accumulateChatCompletion(), { id: 'x' });
  });

  it('emits a snapshot per chunk (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(plainWithUsage);
      const source = cold('-a-b--c-(fg|)', values);
      const text = (content: string | null, finish: string | null = null) =>
        expect.objectContaining({
          choices: [
            expect.objectContaining({ message: expect.objectContaining({ content }), finish_reason: finish }),
          ],
        });
      expectObservable(source.pipe(accumulateChatCompletion())).toBe('-a-b--c-(fg|)', {
        a: text(null),
        b: text('Hello'),
        c: text('Hello,'),
        f: text('Hello,', 'stop'),
        g: expect.objectContaining({
          usage: {
            prompt_tokens: 9,
            completion_tokens: 4,
            total_tokens: 13,
            completion_tokens_details: { reasoning_tokens: 0 },
          },
        }),
      });
    });
  });

  it('ends with the shape of a non-streaming chat.completion', async () => {
    const last = await final(plainWithUsage);
    expect(last).toEqual({
      id: 'chatcmpl-A1b2C3',
      object: 'chat.completion',
      created: 1727346163,
      model: 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_5050236cbd',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello, world!', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 9,
        completion_tokens: 4,
        total_tokens: 13,
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(ChatCompletionSchema.safeParse(last).success).toBe(true);
    const typed: ChatCompletion = last; // assignable to the non-streaming type
    expect(typed.id).toBe(last.id);
  });

  it('never mutates an earlier emission (every emission deep-frozen)', async () => {
    for (const chunks of [
      plainWithUsage,
      parallelCalls,
      withLogprobs,
      twoChoices,
      legacyFunctionCall,
      azureFirstChunk,
    ]) {
      const all = await replay(chunks, (source) => source.pipe(accumulateChatCompletion(), tap(deepFreeze)));
      expect(new Set(all).size).toBe(chunks.length);
    }
  });

  it('shares unchanged parts between emissions', async () => {
    const all = await replay(twoChoices, accumulateChatCompletion());
    // chunk 5 changes only choice 1: choice 0 keeps its identity
    expect(all[5]?.choices[0]).toBe(all[4]?.choices[0]);
    expect(all[5]?.choices[1]).not.toBe(all[4]?.choices[1]);
  });

  it('keeps Azure metadata and takes the first non-empty id and model', async () => {
    const last = await final(azureFirstChunk);
    expect(last.id).toBe('chatcmpl-AzUrE9');
    expect(last.model).toBe('gpt-4o-2024-11-20');
    expect(last.created).toBe(1727346163);
    expect(last['prompt_filter_results']).toEqual([expect.objectContaining({ prompt_index: 0 })]);
    // choice-level unknown fields: the latest value wins
    expect(last.choices[0]?.['content_filter_results']).toEqual({});
    const all = await replay(azureFirstChunk, accumulateChatCompletion());
    expect(all[2]?.choices[0]?.['content_filter_results']).toEqual(
      expect.objectContaining({ hate: expect.anything() }),
    );
    expect(message(last)?.content).toBe('Capital of Denmark.');
    expect(last.usage?.total_tokens).toBe(18);
  });

  it('accumulates n = 2 choices independently, sorted by index', async () => {
    const last = await final(twoChoices);
    expect(
      last.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason]),
    ).toEqual([
      [0, 'Blue sky', 'length'],
      [1, 'Red wine', 'stop'],
    ]);
  });

  it('appends content and refusal logprobs', async () => {
    const last = await final(withLogprobs);
    expect(last.choices[0]?.logprobs?.content?.map((token) => token.token)).toEqual(['Foo', '!']);
    expect(last.choices[0]?.logprobs?.refusal).toBeNull();
    const refused = await final(refusal);
    expect(message(refused)).toEqual({
      role: 'assistant',
      content: null,
      refusal: "I'm sorry, I can't help.",
    });
    expect(refused.choices[0]?.logprobs?.refusal).toHaveLength(6);
    expect(refused.choices[0]?.logprobs?.content).toBeNull();
  });

  it('keeps earlier logprob lists at their length', async () => {
    const all = await replay(withLogprobs, accumulateChatCompletion());
    expect(all[1]?.choices[0]?.logprobs?.content).toHaveLength(1);
    expect(all[2]?.choices[0]?.logprobs?.content).toHaveLength(2);
    expect(all[3]?.choices[0]?.logprobs).toBe(all[2]?.choices[0]?.logprobs);
  });

  it('accumulates reasoning_content only when present', async () => {
    expect(message(await final(reasoning))).toEqual({
      role: 'assistant',
      content: 'Hi!',
      refusal: null,
      reasoning_content: 'The user greets me.',
    });
    expect(message(await final(plainWithUsage))).not.toHaveProperty('reasoning_content');
  });

  it('accumulates tool calls and the legacy function_call', async () => {
    expect(message(await final(parallelCalls))?.tool_calls).toEqual([
      {
        index: 0,
        id: 'call_JMW1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city": "Edinburgh", "days": 3}' },
      },
      {
        index: 1,
        id: 'call_DNYT',
        type: 'function',
        function: { name: 'get_stock_price', arguments: '{"ticker": "AAPL"}' },
      },
    ]);
    const legacy = await final(legacyFunctionCall);
    expect(message(legacy)?.function_call).toEqual({
      name: 'repl',
      arguments: '{\n  "code": "print(\\"hi\\")",\n  "language": "python"\n}',
    });
    expect(message(legacy)).not.toHaveProperty('tool_calls');
    expect(legacy.choices[0]?.finish_reason).toBe('function_call');
  });

  it('concatenates argument fragments that start with the whole text so far (issue 11, item 3)', async () => {
    const calls = message(await final(fragmentsRepeatingTheText))?.tool_calls;
    expect(calls?.map((call) => call.function.arguments)).toEqual([repeatedTreeArguments]);
  });

  it('gives a reused index with a new id its own call and a free index (Ollama)', async () => {
    const calls = message(await final(ollamaIndexReuse))?.tool_calls;
    expect(calls?.map((call) => [call.index, call.id, call.function.name])).toEqual([
      [0, 'call_a1', 'get_weather'],
      [1, 'call_b2', 'get_time'],
    ]);
  });

  it('keeps the latest system_fingerprint and service_tier, and unknown fields', async () => {
    const chunks = [
      {
        id: 'a',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        service_tier: 'default',
        system_fingerprint: null,
        x_groq: { id: 'req_1' },
        choices: [],
      },
      {
        id: 'a',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        service_tier: null,
        system_fingerprint: 'fp_2',
        choices: [],
      },
    ] as unknown as ChatCompletionChunk[];
    const last = await final(chunks);
    expect(last).toEqual(
      expect.objectContaining({
        service_tier: 'default',
        system_fingerprint: 'fp_2',
        x_groq: { id: 'req_1' },
      }),
    );
  });

  it('propagates errors after the snapshots so far (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(plainWithUsage);
      const error = new Error('boom');
      expectObservable(cold('ab#', values, error).pipe(accumulateChatCompletion())).toBe(
        'ab#',
        { a: expect.anything(), b: expect.anything() },
        error,
      );
    });
  });

  it('starts fresh for every subscription', async () => {
    const source = from(plainWithUsage).pipe(accumulateChatCompletion());
    const first = await lastValueFrom(source);
    const second = await lastValueFrom(source);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});

describe('accumulateChatCompletion limits (issue 11, item 7)', () => {
  const make = (choice: number, call?: number) =>
    ({
      id: 'chatcmpl-many',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [
        {
          index: choice,
          delta:
            call === undefined
              ? { content: 'x' }
              : {
                  tool_calls: [{ index: call, id: `call_${call}`, function: { name: 'f', arguments: '{}' } }],
                },
          logprobs: null,
          finish_reason: null,
        },
      ],
    }) as unknown as ChatCompletionChunk;

  it('fails with StreamLimitError at choice index 128, after the snapshots before it (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('ab|', { a: make(127), b: make(128) });
      expectObservable(source.pipe(accumulateChatCompletion())).toBe(
        'a#',
        { a: expect.objectContaining({ choices: [expect.objectContaining({ index: 127 })] }) },
        expect.objectContaining({
          name: 'StreamLimitError',
          limit: 'choice index',
          value: 128,
          maximum: 127,
        }),
      );
    });
  });

  it('stops 2,000 new choice indexes at the 129th, in every operator', async () => {
    const chunks = Array.from({ length: 2000 }, (_, i) => make(i));
    const outcome = await collect(from(chunks).pipe(accumulateChatCompletion()));
    expect(outcome.values).toHaveLength(128);
    expect(outcome.error).toBeInstanceOf(StreamLimitError);
    expect(isStreamLimitError(outcome.error)).toBe(true);
    expect((outcome.error as Error).message).toBe(
      'The stream went past a limit: choice index 128 (at most 127; a request asks for n of at most 128)',
    );
    for (const operator of [toolCalls(), toolCallDeltas(), finalChatCompletion()] as const) {
      const failed = await collect(
        from(chunks).pipe(operator as OperatorFunction<ChatCompletionChunk, unknown>),
      );
      expect(failed.error).toBeInstanceOf(StreamLimitError);
    }
  });

  it('stops 2,000 tool calls of one choice at the 1,025th, after 1,024 snapshots', async () => {
    const chunks = Array.from({ length: 2000 }, (_, i) => make(0, i));
    const outcome = await collect(from(chunks).pipe(accumulateChatCompletion()));
    expect(outcome.values).toHaveLength(1024);
    expect(outcome.values.at(-1)?.choices[0]?.message.tool_calls).toHaveLength(1024);
    expect(outcome.error).toMatchObject({ limit: 'tool calls in choice 0', value: 1025, maximum: 1024 });
    const reused = Array.from({ length: 2000 }, () => make(0, 0)).map((chunk, i) => {
      const call = chunk.choices[0]!.delta.tool_calls![0]!;
      return {
        ...chunk,
        choices: [{ ...chunk.choices[0]!, delta: { tool_calls: [{ ...call, id: `call_${i}` }] } }],
      };
    }) as ChatCompletionChunk[];
    // Ollama-style: every call on index 0 with a new id counts as a new call too
    expect((await collect(from(reused).pipe(accumulateChatCompletion()))).error).toBeInstanceOf(
      StreamLimitError,
    );
  });
});

describe('finalChatCompletion', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(finalChatCompletion(), { id: 'x' });
  });

  it('emits only the last snapshot on completion (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(plainWithUsage);
      expectObservable(cold('a-b-c-d-e-f-g|', values).pipe(finalChatCompletion())).toBe('-------------(x|)', {
        x: expect.objectContaining({
          id: 'chatcmpl-A1b2C3',
          usage: expect.objectContaining({ total_tokens: 13 }),
        }),
      });
    });
  });

  it('fails with EmptyStreamError when no chunk arrived (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      expectObservable(cold<ChatCompletionChunk>('--|').pipe(finalChatCompletion())).toBe(
        '--#',
        undefined,
        expect.objectContaining({ name: 'EmptyStreamError' }),
      );
    });
  });

  it('passes a source error through', async () => {
    const failing$: Observable<ChatCompletionChunk> = throwError(() => new Error('down'));
    await expect(lastValueFrom(failing$.pipe(finalChatCompletion()))).rejects.toThrow('down');
  });

  it('EmptyStreamError is recognisable', async () => {
    const error = await lastValueFrom(from([] as ChatCompletionChunk[]).pipe(finalChatCompletion())).catch(
      (e: unknown) => e,
    );
    expect(isEmptyStreamError(error)).toBe(true);
  });
});
