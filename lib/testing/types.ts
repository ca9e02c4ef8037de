import type { MockFault } from './fault.js';
import type { MockResponsesReply } from './responses-reply.js';

/**
 * An OpenAI-shaped error object, as it appears under `error` in an error body or an error frame.
 *
 * @example
 * ```ts
 * import type { MockError } from 'rxjs-openai-stream/testing';
 *
 * const error: MockError = { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' };
 * ```
 */
export interface MockError {
  message: string;
  type?: string;
  code?: string | null;
  param?: string | null;
}

/**
 * Token counts of a chat completion, as OpenAI reports them in `usage`.
 *
 * @example
 * ```ts
 * import type { MockUsage } from 'rxjs-openai-stream/testing';
 *
 * const usage: MockUsage = { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 };
 * ```
 */
export interface MockUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  [key: string]: unknown;
}

/**
 * One tool call the mock model makes; `arguments` objects are serialized with `JSON.stringify`.
 *
 * @example
 * ```ts
 * import type { MockToolCall } from 'rxjs-openai-stream/testing';
 *
 * const call: MockToolCall = { name: 'get_weather', arguments: { city: 'Paris' } };
 * ```
 */
export interface MockToolCall {
  name: string;
  arguments: string | object;
  /** @defaultValue `call_mock<N>` */
  id?: string;
}

/**
 * A Chat Completions answer: streamed as `chat.completion.chunk` frames when the request has
 * `stream: true`, otherwise a `chat.completion` JSON object.
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer();
 * mock.enqueue({ type: 'chat', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
 * ```
 */
export interface MockChatReply {
  type: 'chat';
  /** The assistant text; an array gives each choice its own text (and sets `n`). @defaultValue a short story, unless tool or function calls are given */
  text?: string | string[];
  toolCalls?: MockToolCall[];
  /** Interleave the argument fragments of several tool calls. @defaultValue false */
  parallel?: boolean;
  /** A legacy `delta.function_call`. */
  functionCall?: { name: string; arguments: string | object };
  /** @defaultValue `'tool_calls'`, `'function_call'` or `'stop'` */
  finishReason?: string;
  /** `true` forces the usage chunk, `false` suppresses it, an object forces it with these counts. @defaultValue follows `stream_options.include_usage` */
  usage?: boolean | MockUsage;
  /** @defaultValue the request's `model`, else `'gpt-mock'` */
  model?: string;
  /** @defaultValue `chatcmpl-mock<N>` */
  id?: string;
  /** Characters per content delta. @defaultValue word-sized deltas (a word with its leading space) */
  tokenSize?: number;
  /** Characters per tool-call argument fragment. @defaultValue 8 */
  argsChunkSize?: number;
  /** Pause between frames in ms. @defaultValue the server's `chunkDelayMs` */
  delayMs?: number;
  /** Number of choices, streamed interleaved. @defaultValue 1 (or the length of `text`) */
  n?: number;
  /** Streamed as `delta.reasoning_content` before the content. */
  reasoning?: string;
  /** A refusal, streamed as `delta.refusal` after the content (`message.refusal` when not streamed). */
  refusal?: string;
  /** Replace the rest of the stream, after `chunks` frames, with an error frame on the 200 response. */
  errorAfter?: { chunks: number; error: MockError; eventLine?: boolean };
  fault?: MockFault;
}

/**
 * An HTTP error (or any status) with an OpenAI-shaped error body, or a raw `body`.
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer();
 * mock.enqueue({ type: 'status', status: 429, headers: { 'retry-after-ms': '10' } });
 * ```
 */
export interface MockStatusReply {
  type: 'status';
  status: number;
  /** @defaultValue a message and type that fit the status */
  error?: MockError;
  headers?: Record<string, string>;
  /** A raw body that replaces the JSON error body (e.g. an HTML 502 page). */
  body?: string;
  /** @defaultValue `'application/json'`, or `'text/html; charset=utf-8'` with a raw `body` */
  contentType?: string;
}

/**
 * Exactly these bytes, in these chunks (e.g. a recorded `.sse` body in a chosen chunking).
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer();
 * mock.enqueue({ type: 'raw', chunks: ['data: {"choices":[]}\n', '\ndata: [DONE]\n\n'] });
 * ```
 */
export interface MockRawReply {
  type: 'raw';
  /** @defaultValue 200 */
  status?: number;
  /** @defaultValue `content-type: text/event-stream; charset=utf-8` */
  headers?: Record<string, string>;
  chunks: Array<string | Uint8Array>;
  /** @defaultValue the server's `chunkDelayMs` */
  delayMs?: number;
  fault?: MockFault;
}

/**
 * Everything the mock server can answer, discriminated on `type`.
 *
 * @example
 * ```ts
 * import type { MockReply } from 'rxjs-openai-stream/testing';
 *
 * const replies: MockReply[] = [{ type: 'status', status: 503 }, { type: 'chat', text: 'Recovered.' }];
 * ```
 */
export type MockReply = MockChatReply | MockStatusReply | MockRawReply | MockResponsesReply;

/**
 * One request the mock server received, recorded before it replied.
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer();
 * // ...run the client, then:
 * const [request] = await mock.waitForRequests(1);
 * console.log(request?.body, (await request?.closed)?.abortedByClient);
 * ```
 */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw string when it is not JSON (`''` when empty). */
  body: unknown;
  /** `true` once the client closed the connection before the response ended. */
  aborted: boolean;
  /** Resolves when the response finished or the connection was torn down. */
  closed: Promise<{ abortedByClient: boolean }>;
  /** Frames written before the end or the abort. */
  framesSent: number;
  /** Body bytes written before the end or the abort. */
  bytesSent: number;
}

/**
 * A reply, or a function that computes one from the request and its 0-based index among all requests.
 *
 * @example
 * ```ts
 * import type { MockReplySource } from 'rxjs-openai-stream/testing';
 *
 * const echo: MockReplySource = (request) => ({ type: 'chat', text: JSON.stringify(request.body) });
 * ```
 */
export type MockReplySource =
  MockReply | ((request: RecordedRequest, index: number) => MockReply | Promise<MockReply>);

/**
 * Options of {@link startMockServer}.
 *
 * @example
 * ```ts
 * import { startMockServer, type MockServerOptions } from 'rxjs-openai-stream/testing';
 *
 * const options: MockServerOptions = { chunkDelayMs: 30, reply: { type: 'chat', text: 'Hi!' } };
 * const mock = await startMockServer(options);
 * ```
 */
export interface MockServerOptions {
  /** @defaultValue `'127.0.0.1'` */
  host?: string;
  /** @defaultValue 0 (an ephemeral port) */
  port?: number;
  /** The reply for requests that the queue does not cover. @defaultValue the default story */
  reply?: MockReplySource;
  /** Pause between streamed frames in ms. @defaultValue 0 */
  chunkDelayMs?: number;
}

/**
 * A running mock OpenAI-compatible server.
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer();
 * mock.enqueue({ type: 'status', status: 503 }, { type: 'chat', text: 'OK now.' });
 * // createClient({ baseURL: mock.url, apiKey: 'test' }) ...
 * await mock.close();
 * ```
 */
export interface MockServer {
  /** The base URL for the client, e.g. `http://127.0.0.1:54321/v1`. */
  url: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** One-shot replies, consumed in order by the next model requests (chat and responses POSTs). */
  enqueue(...replies: MockReply[]): void;
  /** Sockets currently open. */
  openConnections(): number;
  /** Resolves with the requests once at least `n` arrived; rejects after `timeoutMs` (default 5000). */
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Stops every reply in progress, destroys open sockets and closes the server. */
  close(): Promise<void>;
}
