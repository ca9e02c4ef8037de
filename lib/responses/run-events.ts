import type { Tool } from '../tools/tool.js';
import type { RunFinishReason, ToolEvent } from '../tools/tool-events.js';
import type { ResponseSnapshot } from './operators/response-snapshot.js';
import type { ResponseCreateParams, ResponseInputItem } from './response-params.js';
import type { ResponseUsage } from './response-schema.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

/**
 * Parameters of a Responses tool run: those of `responses.create()` without `stream` (a run always
 * streams) and without `conversation` (a run resends the whole input at every step, see
 * `runResponseTools`). A string `input` is read as one user message.
 *
 * @example
 * ```ts
 * import type { ResponseRunParams } from 'rxjs-openai-stream';
 *
 * const params: ResponseRunParams = { model: 'gpt-4o', input: 'Weather in Paris?', instructions: 'Be brief.' };
 * ```
 */
export type ResponseRunParams = ResponseCreateParams & { stream?: true; conversation?: undefined };

/**
 * A stream event of a step, as `responses.create()` emitted it. Steps count from 1.
 *
 * @example
 * ```ts
 * import type { ResponseRunStreamEvent } from 'rxjs-openai-stream';
 *
 * const isText = (event: ResponseRunStreamEvent) => event.event.type === 'response.output_text.delta';
 * ```
 */
export interface ResponseRunStreamEvent {
  type: 'event';
  step: number;
  event: ResponseStreamEvent;
}

/**
 * The end of a step's stream: the accumulated `response`, and the `output` items appended to the input.
 * Emitted before the step's tools run.
 *
 * @example
 * ```ts
 * import type { ResponseStepEvent } from 'rxjs-openai-stream';
 *
 * const text = (event: ResponseStepEvent) => event.response.output_text;
 * ```
 */
export interface ResponseStepEvent {
  type: 'step';
  step: number;
  response: ResponseSnapshot;
  output: ResponseInputItem[];
}

/**
 * The last event of a Responses run: the whole conversation as `input` items (send it again with a new
 * user message to continue), the response of every step, `usage` summed over the steps (`null` if no
 * step reported usage) and how the run ended.
 *
 * @example
 * ```ts
 * import type { ResponseFinishEvent } from 'rxjs-openai-stream';
 *
 * const tokens = (event: ResponseFinishEvent) => event.usage?.total_tokens ?? 0;
 * ```
 */
export interface ResponseFinishEvent {
  type: 'finish';
  input: ResponseInputItem[];
  steps: ResponseSnapshot[];
  usage: ResponseUsage | null;
  finishReason: RunFinishReason;
}

/**
 * What a Responses tool run emits, discriminated on `type`: `event`, `step`, `tool_call`,
 * `tool_result`, `tool_error`, and last `finish`.
 *
 * @example
 * ```ts
 * import type { ResponseRunEvent } from 'rxjs-openai-stream';
 *
 * const log = (event: ResponseRunEvent) => event.type !== 'event' && console.log(event.type);
 * ```
 */
export type ResponseRunEvent<T extends Tool = Tool> =
  ResponseRunStreamEvent | ResponseStepEvent | ToolEvent<T> | ResponseFinishEvent;
