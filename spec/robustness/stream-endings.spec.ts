// How a chat stream may end: a final chunk without its blank line (issue 11 item 16), a usage chunk that was
// asked for and never came (20), and an event over maxEventBytes, named like every other error (21).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SSEParseError, StreamTruncatedError } from '../../lib/errors/index.js';
import type { ChatCompletionChunk } from '../../lib/chat/schemas/index.js';
import type { MockReply } from '../../lib/testing/index.js';
import { record } from '../faults/helpers.js';
import { MESSAGES, setup } from '../http/helpers.js';
import { chunkFrame } from './loopback.js';

const finish = chunkFrame('', 'stop');
const usageFrame = `data: ${JSON.stringify({
  id: 'chatcmpl-loop',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-loop',
  choices: [],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
})}\n\n`;
/** A frame with its blank line taken off, so the body ends inside its block. */
const unterminated = (frame: string, ending: string) => frame.replace(/\n\n$/, ending);

let env: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  env = await setup({}, { maxRetries: 0 });
});
afterAll(async () => {
  await env.mock.close();
});
const run = (reply: MockReply, includeUsage = false) => {
  env.mock.enqueue(reply);
  const params = {
    model: 'gpt-4o',
    messages: MESSAGES,
    stream: true as const,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
  };
  return record<ChatCompletionChunk>(env.client.chat.completions.create(params));
};
const raw = (...chunks: string[]): MockReply => ({ type: 'raw', chunks });

describe('11.16 a final chat chunk without its blank line', () => {
  it.each([
    ['a single line feed', '\n'],
    ['CRLF', '\r\n'],
    ['no line break at all', ''],
  ])(
    '11.16 a body ending in the finish chunk and %s delivers it once and completes',
    async (_what, ending) => {
      const outcome = await run(raw(chunkFrame('Hi'), unterminated(finish, ending)));
      expect(outcome.error).toBeUndefined();
      expect(outcome.completed).toBe(true);
      expect(outcome.values.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).toEqual([null, 'stop']);
    },
  );

  it('11.16 the same when the unterminated last frame is the usage chunk', async () => {
    const outcome = await run(raw(chunkFrame('Hi'), finish, unterminated(usageFrame, '\n')), true);
    expect(outcome.completed).toBe(true);
    expect(outcome.values.at(-1)?.usage).toMatchObject({ total_tokens: 7 });
  });

  it('11.16 an unterminated frame cut mid-JSON is still a truncation, not a silent completion', async () => {
    const outcome = await run(raw(chunkFrame('Hi'), finish.slice(0, 40)));
    expect(outcome.error).toBeInstanceOf(StreamTruncatedError);
    expect(outcome.values).toHaveLength(1);
  });
});

describe('11.20 include_usage requested, the usage chunk missing', () => {
  it('11.20 a stream cut right after the finish chunk fails with StreamTruncatedError', async () => {
    const outcome = await run(raw(chunkFrame('Hi'), finish), true);
    expect(outcome.completed).toBe(false);
    expect(outcome.values).toHaveLength(2);
    expect(outcome.error).toBeInstanceOf(StreamTruncatedError);
    expect((outcome.error as Error).message).toMatch(/usage/);
  });

  it('11.20 the same stream with its usage chunk completes', async () => {
    const outcome = await run(raw(chunkFrame('Hi'), finish, usageFrame), true);
    expect(outcome.completed).toBe(true);
    expect(outcome.values.at(-1)?.usage).toMatchObject({ prompt_tokens: 5, total_tokens: 7 });
  });

  it('11.20 without include_usage, the end after the finish chunk completes', async () => {
    const outcome = await run(raw(chunkFrame('Hi'), finish));
    expect(outcome.completed).toBe(true);
  });
});

describe('11.21 an SSEParseError from maxEventBytes names its request', () => {
  it('11.21 carries the request suffix, the status and the request id (chat)', async () => {
    env.mock.enqueue(raw(chunkFrame('Hi'), `data: ${'x'.repeat(1000)}\n\n`));
    const outcome = await record(
      env.client.chat.completions.create(
        { model: 'gpt-4o', messages: MESSAGES, stream: true },
        { maxEventBytes: 200 },
      ),
    );
    expect(outcome.values).toHaveLength(1);
    expect(outcome.error).toBeInstanceOf(SSEParseError);
    const error = outcome.error as SSEParseError;
    expect(error).toMatchObject({
      kind: 'max-event-bytes',
      limit: 200,
      status: 200,
      method: 'POST',
      path: '/chat/completions',
      requestId: expect.stringMatching(/^req_/),
    });
    expect(error.message).toContain(`(POST /chat/completions, request ${error.requestId})`);
    expect(error.headers?.get('content-type')).toMatch(/text\/event-stream/);
  });

  it('11.21 the same for a Responses stream with a client-wide maxEventBytes', async () => {
    const small = await setup({}, { maxRetries: 0, maxEventBytes: 200 });
    try {
      small.mock.enqueue(raw(`data: ${'y'.repeat(1000)}\n\n`));
      const outcome = await record(
        small.client.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true }),
      );
      expect(outcome.error).toBeInstanceOf(SSEParseError);
      expect(outcome.error).toMatchObject({ status: 200, method: 'POST', path: '/responses', limit: 200 });
      expect((outcome.error as Error).message).toMatch(/\(POST \/responses, request req_\w+\)$/);
    } finally {
      await small.mock.close();
    }
  });
});
