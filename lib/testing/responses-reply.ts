import type { MockFault } from './fault.js';
import type { MockToolCall } from './types.js';

/**
 * Where a Responses stream breaks off, and the error it reports.
 *
 * @example
 * ```ts
 * import type { MockResponsesFailure } from 'rxjs-openai-stream/testing';
 *
 * const failure: MockResponsesFailure = { code: 'server_error', message: 'Boom', afterEvents: 4 };
 * ```
 */
export interface MockResponsesFailure {
  /** @defaultValue `'Mock response failed.'` */
  message?: string;
  /** @defaultValue `'server_error'` */
  code?: string;
  /** How many of the normal events are sent before the failure. @defaultValue half of them */
  afterEvents?: number;
}

/**
 * A Responses API answer (`POST /v1/responses`): streamed as `response.*` events when the request has
 * `stream: true`, otherwise the final `response` object. Every response is stored by id, so
 * `GET /v1/responses/{id}?stream=true&starting_after=N` resumes its stream and `GET /v1/responses/{id}`
 * returns its final object.
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer();
 * mock.enqueue({
 *   type: 'responses',
 *   text: 'It is sunny.',
 *   reasoning: 'The user wants the weather.',
 *   eventLines: true,
 *   fault: { kind: 'drop-after-chunks', chunks: 5 },
 * });
 * ```
 */
export interface MockResponsesReply {
  type: 'responses';
  /** The output text. @defaultValue a short story, unless `functionCalls` are given */
  text?: string;
  /** `function_call` output items, streamed with `function_call_arguments.delta` events. */
  functionCalls?: MockToolCall[];
  /** A reasoning item whose summary is streamed with `reasoning_summary_text.delta` events. */
  reasoning?: string;
  /** A `refusal` content part in the message, streamed with `response.refusal.delta` events. */
  refusal?: string;
  /** An `error` event, then `response.failed`, in place of the rest of the stream. */
  errorEvent?: MockResponsesFailure;
  /** `response.failed` (with `error`) in place of the rest of the stream. */
  failed?: MockResponsesFailure;
  /** End with `response.incomplete` (reason `max_output_tokens` unless given). */
  incomplete?: boolean | { reason?: string };
  /** A background response: created as `queued`; a non-streamed POST answers the queued object. */
  background?: boolean;
  /** Frame events as `event: <type>\ndata: {json}\n\n` instead of data-only frames. @defaultValue false */
  eventLines?: boolean;
  /** @defaultValue the request's `model`, else `'gpt-mock'` */
  model?: string;
  /** @defaultValue `resp_mock<N>` */
  id?: string;
  /** Characters per text delta. @defaultValue word-sized deltas */
  tokenSize?: number;
  /** Characters per function-call argument delta. @defaultValue 8 */
  argsChunkSize?: number;
  /** Pause between frames in ms. @defaultValue the server's `chunkDelayMs` */
  delayMs?: number;
  /** Token counts to report. @defaultValue estimated from the input and the output */
  usage?: Record<string, unknown>;
  /** Applied to the first connection only (the POST), unless `faultOnResume`. */
  fault?: MockFault;
  /** Also apply `fault` to every `GET ...?stream=true` resume. @defaultValue false */
  faultOnResume?: boolean;
}
