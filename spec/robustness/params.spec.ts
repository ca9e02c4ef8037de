// Params that cannot be sent fail at call time with a TypeError naming the problem (issue 11 item 19), as do
// a missing `model` and `messages` that are not an array (issue 12 item 5). Nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatCompletionCreateParams } from '../../lib/chat/schemas/index.js';
import { delay, MESSAGES, setup } from '../http/helpers.js';

let env: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  env = await setup();
});
afterAll(async () => {
  await env.mock.close();
});

/** Calls `create` and returns what it threw synchronously (it must throw). */
function thrownBy(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a synchronous throw');
}

const cyclic = () => {
  const metadata: Record<string, unknown> = { name: 'loop' };
  metadata['self'] = metadata;
  return metadata;
};

describe('11.19 params that cannot be serialised', () => {
  it.each([
    ['a BigInt', () => ({ seed: 10n }), /BigInt/],
    ['a cycle', () => ({ metadata: cyclic() }), /circular/i],
    [
      'a throwing toJSON',
      () => ({
        metadata: {
          toJSON: () => {
            throw new Error('no JSON for you');
          },
        },
      }),
      /no JSON for you/,
    ],
  ])(
    '11.19 %s: a synchronous TypeError from create() naming the problem, nothing sent',
    async (_what, extra, reason) => {
      env.mock.requests.length = 0;
      const params = {
        model: 'gpt-4o',
        messages: MESSAGES,
        stream: true,
        ...extra(),
      } as ChatCompletionCreateParams;
      const chat = thrownBy(() => env.client.chat.completions.create(params));
      expect(chat).toBeInstanceOf(TypeError);
      expect(chat.message).toMatch(/^chat\.completions\.create: params cannot be sent as JSON: /);
      expect(chat.message).toMatch(reason);
      const responses = thrownBy(() =>
        env.client.responses.create({ model: 'gpt-4o', input: 'Hi', ...extra() } as never),
      );
      expect(responses).toBeInstanceOf(TypeError);
      expect(responses.message).toMatch(/^responses\.create: params cannot be sent as JSON: /);
      await delay(20);
      expect(env.mock.requests).toHaveLength(0);
    },
  );
});

describe('issue 12 item 5: model and messages checked at call time', () => {
  it.each([
    ['model missing', { messages: MESSAGES }, 'params.model'],
    ['model empty', { model: '', messages: MESSAGES }, 'params.model'],
    ['model not a string', { model: 4, messages: MESSAGES }, 'params.model'],
    ['messages missing', { model: 'gpt-4o' }, 'params.messages'],
    ['messages an object', { model: 'gpt-4o', messages: { role: 'user', content: 'Hi' } }, 'params.messages'],
    ['messages a string', { model: 'gpt-4o', messages: 'Hi' }, 'params.messages'],
  ])('12.5 %s: a TypeError naming the field', (_what, params, field) => {
    const error = thrownBy(() => env.client.chat.completions.create(params as never));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(field);
  });

  it('12.5 responses.create without a model: a TypeError naming the field', () => {
    const error = thrownBy(() => env.client.responses.create({ input: 'Hi' } as never));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain('params.model');
  });
});
