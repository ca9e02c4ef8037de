import type { MockReply, MockStatusReply } from './types.js';

/**
 * Options of {@link statusReply}.
 *
 * @example
 * ```ts
 * import type { StatusReplyOptions } from 'rxjs-openai-stream/testing';
 *
 * const options: StatusReplyOptions = { retryAfterMs: '50', message: 'Slow down' };
 * ```
 */
export interface StatusReplyOptions {
  /** The `retry-after` header (seconds or an HTTP date). */
  retryAfter?: string;
  /** The `retry-after-ms` header. */
  retryAfterMs?: string;
  /** @defaultValue a message that fits the status */
  message?: string;
  type?: string;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}

/**
 * A `status` reply with an OpenAI error body and optional retry headers.
 *
 * @param status - the HTTP status.
 * @param options - retry headers and error fields.
 * @returns the reply, ready for `enqueue` or `failTimes`.
 *
 * @example
 * ```ts
 * import { startMockServer, statusReply } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer();
 * mock.enqueue(statusReply(429, { retryAfter: '1' }));
 * ```
 */
export function statusReply(status: number, options: StatusReplyOptions = {}): MockStatusReply {
  const headers: Record<string, string> = { ...options.headers };
  if (options.retryAfter !== undefined) headers['retry-after'] = options.retryAfter;
  if (options.retryAfterMs !== undefined) headers['retry-after-ms'] = options.retryAfterMs;
  const reply: MockStatusReply = { type: 'status', status, headers };
  if (options.message !== undefined || options.type !== undefined || options.code !== undefined) {
    reply.error = { message: options.message ?? `Mock error ${status}.` };
    if (options.type !== undefined) reply.error.type = options.type;
    if (options.code !== undefined) reply.error.code = options.code;
    if (options.param !== undefined) reply.error.param = options.param;
  }
  return reply;
}

/**
 * A reply source that answers `failure` to the first `times` requests it sees, then `then` forever.
 *
 * @param times - how many requests fail.
 * @param failure - the failing reply (e.g. `statusReply(503)`).
 * @param then - the reply afterwards.
 * @returns a function for the `reply` option of `startMockServer`.
 *
 * @example
 * ```ts
 * import { failTimes, startMockServer, statusReply } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer({ reply: failTimes(2, statusReply(503), { type: 'chat', text: 'OK' }) });
 * ```
 */
export function failTimes(times: number, failure: MockReply, then: MockReply): () => MockReply {
  let seen = 0;
  return () => (seen++ < times ? failure : then);
}
