import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatCompletionChunk } from '../../lib/chat/schemas/index.js';
import { StreamTruncatedError } from '../../lib/errors/index.js';
import { collect, MESSAGES, setup } from '../http/helpers.js';
import {
  AZURE,
  DONE_WITHOUT_BLANK_LINE,
  FINISHED_WITHOUT_DONE,
  KEEP_ALIVES,
  REASONING,
  rechunk,
  TOOL_INDEX_1,
  USAGE_NULL,
} from './fixtures.js';

const content = (chunks: ChatCompletionChunk[]) =>
  chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

describe('stream shapes real servers send', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });

  const stream = async (body: string, size = body.length) => {
    env.mock.enqueue({ type: 'raw', chunks: rechunk(body, size) });
    return collect(env.client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, stream: true }));
  };

  describe.each([
    ['whole', 0],
    ['in 7-character pieces', 7],
  ])('%s', (_name, size) => {
    it('Azure: empty first chunk with prompt_filter_results, extra fields kept', async () => {
      const { values, completed } = await stream(AZURE, size || undefined);
      expect(completed).toBe(true);
      expect(values[0]).toMatchObject({ id: '', choices: [], prompt_filter_results: [{ prompt_index: 0 }] });
      expect(values[2]?.choices[0]).toMatchObject({ content_filter_results: { hate: { filtered: false } } });
      expect(content(values)).toBe('Hello');
    });

    it('usage: null on every chunk, role only on the first', async () => {
      const { values, completed } = await stream(USAGE_NULL, size || undefined);
      expect(completed).toBe(true);
      expect(values[1]?.choices[0]?.delta.role).toBeUndefined();
      expect(values[0]?.usage).toBeNull();
      expect(values[3]?.usage).toMatchObject({ total_tokens: 7 });
      expect(content(values)).toBe('Hi there');
    });

    it('reasoning_content', async () => {
      const { values } = await stream(REASONING, size || undefined);
      expect(values.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('')).toBe(
        'Thinking.',
      );
      expect(content(values)).toBe('Answer');
    });

    it('a tool call index starting at 1', async () => {
      const { values, completed } = await stream(TOOL_INDEX_1, size || undefined);
      expect(completed).toBe(true);
      const calls = values.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
      expect(calls.every((call) => call.index === 1)).toBe(true);
      expect(calls.map((call) => call.function?.arguments ?? '').join('')).toBe('{"city":"Paris"}');
    });

    it('data: [DONE] without the final blank line', async () => {
      const { values, completed, error } = await stream(DONE_WITHOUT_BLANK_LINE, size || undefined);
      expect(error).toBeUndefined();
      expect(completed).toBe(true);
      expect(content(values)).toBe('Done');
    });

    it('comments, keep-alives, events without data, empty and whitespace data are skipped', async () => {
      const { values, completed, error } = await stream(KEEP_ALIVES, size || undefined);
      expect(error).toBeUndefined();
      expect(completed).toBe(true);
      expect(content(values)).toBe('Kept alive');
    });

    it('no [DONE] but every choice finished: completes', async () => {
      const { completed, values } = await stream(FINISHED_WITHOUT_DONE, size || undefined);
      expect(completed).toBe(true);
      expect(values).toHaveLength(3);
    });
  });

  it('the mock fault done-without-blank-line completes', async () => {
    env.mock.enqueue({ type: 'chat', text: 'Fine.', fault: { kind: 'done-without-blank-line' } });
    const { values, completed } = await collect(
      env.client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }),
    );
    expect(completed).toBe(true);
    expect(content(values)).toBe('Fine.');
  });

  it('the mock fault no-done after a finished choice completes; cut before the finish fails', async () => {
    env.mock.enqueue({ type: 'chat', text: 'Fine.', fault: { kind: 'no-done' } });
    const finished = await collect(
      env.client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }),
    );
    expect(finished.completed).toBe(true);
    const cut = await stream(DONE_WITHOUT_BLANK_LINE.replace('data: [DONE]\n', ''));
    expect(cut.error).toBeInstanceOf(StreamTruncatedError);
  });

  it('[DONE] stops reading: frames after it are never delivered', async () => {
    env.mock.enqueue({
      type: 'raw',
      chunks: [USAGE_NULL, 'data: {"choices":"not even valid"}\n\n'],
    });
    const { completed, values } = await collect(
      env.client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true }),
    );
    expect(completed).toBe(true);
    expect(values).toHaveLength(4);
  });
});
