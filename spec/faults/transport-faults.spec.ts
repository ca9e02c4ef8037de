// Every transport fault of the mock server, through the real client: a typed error (or a correct
// completion), and nothing delivered before the fault is lost.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  FirstChunkTimeoutError,
  IdleTimeoutError,
  RequestTimeoutError,
  isAPIConnectionError,
  isStreamTruncatedError,
} from '../../lib/errors/connection.js';
import { isChunkParseError } from '../../lib/errors/validation.js';
import type { RequestOptions } from '../../lib/http/request-options.js';
import type { MockReply } from '../../lib/testing/index.js';
import { backoff, fire, fireUntil, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';
import {
  bytes,
  chunkFrame,
  contentOf,
  PARAMS,
  record,
  sequenceDeltas,
  sequenceText,
  setup,
} from './helpers.js';

describe('transport faults through the client', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 2 });
  });
  afterAll(async () => {
    await env.mock.close();
  });
  // The timeouts, backoffs and the drip run on a fake clock where a test calls useVirtualTime().
  afterEach(useRealTime);

  /** Runs one request against one enqueued reply; returns the recording and the server's requests. */
  async function run(reply: MockReply, options: RequestOptions = {}) {
    env.mock.requests.length = 0;
    env.mock.enqueue(reply);
    const rec = await record(env.client.chat.completions.create(PARAMS, options));
    await Promise.all(env.mock.requests.map((request) => request.closed));
    expect(rec.terminals).toBe(1);
    expect(rec.afterTerminal).toBe(false);
    return { rec, requests: env.mock.requests.slice() };
  }

  /** Asserts the received deltas are exactly the first ones of the sequence (no loss, repeat, reorder). */
  function expectPrefix(chunks: readonly unknown[], n: number, atLeast = 1): string[] {
    const got = contentOf(chunks);
    expect(got.length).toBeGreaterThanOrEqual(atLeast);
    expect(got).toEqual(sequenceDeltas(n).slice(0, got.length));
    return got;
  }

  it('reset after N bytes: APIConnectionError, the complete frames before it delivered, no retry', async () => {
    const first = await run({
      type: 'chat',
      text: sequenceText(10),
      fault: { kind: 'reset-after-bytes', bytes: 900 },
    });
    expect(isAPIConnectionError(first.rec.error)).toBe(true);
    expect(isStreamTruncatedError(first.rec.error)).toBe(false);
    expect((first.rec.error as Error).message).toMatch(
      /Connection lost while reading the response body after \d+ bytes/,
    );
    expectPrefix(first.rec.values, 10, 2);
    expect(first.requests).toHaveLength(1);
  });

  it('drop after chunks: a connection error after exactly the chunks sent', async () => {
    const { rec, requests } = await run({
      type: 'chat',
      text: sequenceText(10),
      fault: { kind: 'drop-after-chunks', chunks: 4 },
    });
    expect(isAPIConnectionError(rec.error)).toBe(true);
    expect(rec.values).toHaveLength(4); // role chunk + t0..t2
    expectPrefix(rec.values, 10, 3);
    expect(requests).toHaveLength(1);
  });

  it('stall after headers: IdleTimeoutError after idleTimeout, the connection is closed', async () => {
    useVirtualTime();
    // maxRetries: 0, because a stall before any event is retried (spec/http/retries.spec.ts).
    const outcome = run({ type: 'chat', fault: { kind: 'stall' } }, { idleTimeout: 200, maxRetries: 0 });
    await fire(200);
    const { rec, requests } = await outcome;
    expect(rec.error).toBeInstanceOf(IdleTimeoutError);
    expect(rec.error).toMatchObject({ timeout: 'idle', ms: 200, status: 200 });
    expect(rec.elapsedMs).toBe(200); // virtual time
    expect(requests).toHaveLength(1);
    expect(requests[0]?.aborted).toBe(true);
  });

  it('stall after headers: FirstChunkTimeoutError when only firstChunkTimeout is set', async () => {
    useVirtualTime();
    const outcome = run(
      { type: 'chat', fault: { kind: 'stall' } },
      { idleTimeout: 0, firstChunkTimeout: 200, maxRetries: 0 },
    );
    await fire(200);
    const { rec } = await outcome;
    expect(rec.error).toBeInstanceOf(FirstChunkTimeoutError);
    expect(rec.error).toMatchObject({ timeout: 'firstChunk', ms: 200 });
  });

  it('stall after some chunks: IdleTimeoutError, the chunks before it delivered', async () => {
    const { rec } = await run(
      { type: 'chat', text: sequenceText(8), fault: { kind: 'stall-after-chunks', chunks: 3 } },
      { idleTimeout: 200, firstChunkTimeout: 150 },
    );
    expect(rec.error).toBeInstanceOf(IdleTimeoutError);
    expect(rec.values).toHaveLength(3);
    expectPrefix(rec.values, 8, 2);
  });

  it('stall before headers: RequestTimeoutError after each attempt, retried maxRetries times', async () => {
    useVirtualTime();
    const fault = { kind: 'stall-before-headers' } as const;
    env.mock.enqueue({ type: 'chat', fault }, { type: 'chat', fault });
    const outcome = run({ type: 'chat', fault }, { timeout: 200, maxRetries: 2 });
    for (const attempt of [1, 2, 3]) {
      await env.mock.waitForRequests(attempt);
      await fire(200);
      if (attempt < 3) await fire(backoff(attempt));
    }
    const { rec, requests } = await outcome;
    expect(rec.error).toBeInstanceOf(RequestTimeoutError);
    expect(rec.error).toMatchObject({ timeout: 'request', ms: 200, attempt: 3, maxAttempts: 3 });
    expect((rec.error as Error).message).toContain('attempt 3 of 3');
    expect(requests).toHaveLength(3);
    expect(requests.every((request) => request.aborted)).toBe(true);
  });

  it('stall before headers, then a good reply: the retry recovers', async () => {
    useVirtualTime();
    env.mock.requests.length = 0;
    env.mock.enqueue(
      { type: 'chat', fault: { kind: 'stall-before-headers' } },
      { type: 'chat', text: sequenceText(3) },
    );
    const outcome = record(env.client.chat.completions.create(PARAMS, { timeout: 200 }));
    await env.mock.waitForRequests(1);
    await fire(200);
    await fire(backoff(1));
    // The clock stands still now: the second attempt's request timer cannot fire.
    const rec = await outcome;
    expect(rec.completed).toBe(true);
    expect(contentOf(rec.values)).toEqual(sequenceDeltas(3));
    expect(env.mock.requests).toHaveLength(2);
  });

  // Small hand-made frames, dripped on the fake clock; the é and 🌊 get split.
  const drip = (intervalMs: number): MockReply => ({
    type: 'raw',
    chunks: [chunkFrame('é t0'), chunkFrame(' 🌊'), chunkFrame(null, 'stop'), 'data: [DONE]\n\n'],
    fault: { kind: 'drip', intervalMs },
  });

  it('slow drip (1 byte / 10 ms) completes with a generous idleTimeout, multi-byte characters intact', async () => {
    useVirtualTime();
    const { rec } = await fireUntil(10, run(drip(10), { idleTimeout: 1000, firstChunkTimeout: 5000 }));
    expect(rec.completed).toBe(true);
    expect(contentOf(rec.values)).toEqual(['é t0', ' 🌊']);
    expect(rec.elapsedMs).toBeGreaterThan(2000); // virtual: every byte restarted the idle timer
  });

  it('slow drip fails with IdleTimeoutError when idleTimeout < the drip interval', async () => {
    useVirtualTime();
    const outcome = run(drip(150), { idleTimeout: 60, maxRetries: 0 });
    await fire(60);
    const { rec, requests } = await outcome;
    expect(rec.error).toBeInstanceOf(IdleTimeoutError);
    expect(rec.values).toHaveLength(0);
    expect(requests[0]?.aborted).toBe(true);
  });

  it('garbage bytes (never valid UTF-8): a typed error, never a silent completion', async () => {
    const { rec } = await run({ type: 'chat', fault: { kind: 'garbage' } }, { maxRetries: 0 });
    expect(rec.completed).toBe(false);
    expect(isStreamTruncatedError(rec.error)).toBe(true);
    expect((rec.error as Error).message).toContain('before any choice');
  });

  it('invalid UTF-8 inside a chunk becomes U+FFFD; invalid bytes as a payload fail with ChunkParseError', async () => {
    const [before = '', after = ''] = chunkFrame('aXb').split('X');
    const { rec } = await run({
      type: 'raw',
      chunks: [bytes(before, [0xff, 0xfe], after), bytes('data: ', [0xff, 0xc0, 0x80], '\n\n')],
    });
    expect(contentOf(rec.values)).toEqual(['a\uFFFD\uFFFDb']);
    expect(isChunkParseError(rec.error)).toBe(true);
    expect(rec.error).toMatchObject({ eventIndex: 1 });
  });

  it('end without [DONE] and no finish_reason: StreamTruncatedError, chunks delivered', async () => {
    const { rec } = await run({ type: 'raw', chunks: [chunkFrame('t0'), chunkFrame(' t1')] });
    expect(isStreamTruncatedError(rec.error)).toBe(true);
    expect((rec.error as Error).message).toMatch(
      /without data: \[DONE\], after 2 chunks with choice 0 unfinished/,
    );
    expectPrefix(rec.values, 2, 2);
  });

  it('end without [DONE] after every choice finished (no-done fault): completes with everything', async () => {
    const { rec } = await run({ type: 'chat', text: sequenceText(6), fault: { kind: 'no-done' } });
    expect(rec.completed).toBe(true);
    expect(contentOf(rec.values)).toEqual(sequenceDeltas(6));
  });

  it('[DONE] without its blank line: completes', async () => {
    const { rec } = await run({
      type: 'chat',
      text: sequenceText(4),
      fault: { kind: 'done-without-blank-line' },
    });
    expect(rec.completed).toBe(true);
    expect(contentOf(rec.values)).toEqual(sequenceDeltas(4));
  });

  it('headers then nothing (empty body): StreamTruncatedError', async () => {
    const { rec } = await run({ type: 'chat', fault: { kind: 'headers-then-end' } }, { maxRetries: 0 });
    expect(isStreamTruncatedError(rec.error)).toBe(true);
    expect(rec.values).toHaveLength(0);
  });
});
