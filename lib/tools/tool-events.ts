import type * as z from 'zod';
import type { Tool, ToolResult } from './tool.js';

/**
 * A tool call as the model made it: its `id`, the function `name` and the raw JSON `arguments`.
 *
 * @example
 * ```ts
 * import type { ToolCallRequest } from 'rxjs-openai-stream';
 *
 * const label = (call: ToolCallRequest) => `${call.name}(${call.arguments})`;
 * ```
 */
export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: string;
}

/**
 * A call of one of the run's tools with validated arguments: `args` is typed by the tool's schema, so
 * `call.name === 'get_weather'` narrows `call.args`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { tool, type RunToolCall } from 'rxjs-openai-stream';
 *
 * const getWeather = tool({ name: 'get_weather', parameters: z.object({ city: z.string() }), execute: () => 'sunny' });
 * const city = (call: RunToolCall<typeof getWeather>) => call.args.city;
 * ```
 */
export type RunToolCall<T extends Tool = Tool> =
  T extends Tool<infer N, infer S, infer _O> ? ToolCallRequest & { name: N; args: z.output<S> } : never;

/**
 * Emitted when a call's arguments passed its schema and its `execute` starts.
 *
 * @example
 * ```ts
 * import type { ToolCallEvent } from 'rxjs-openai-stream';
 *
 * const show = (event: ToolCallEvent) => console.log(`step ${event.step}: ${event.call.name}`, event.call.args);
 * ```
 */
export interface ToolCallEvent<T extends Tool = Tool> {
  type: 'tool_call';
  step: number;
  call: RunToolCall<T>;
}

/**
 * Emitted when a tool finished: its `result` (typed by the tool's `execute`) and the `output` text the
 * model reads.
 *
 * @example
 * ```ts
 * import type { ToolResultEvent } from 'rxjs-openai-stream';
 *
 * const show = (event: ToolResultEvent) => console.log(event.call.name, '->', event.output);
 * ```
 */
export type ToolResultEvent<T extends Tool = Tool> =
  T extends Tool<infer N, infer S, infer O>
    ? {
        type: 'tool_result';
        step: number;
        call: ToolCallRequest & { name: N; args: z.output<S> };
        result: ToolResult<O>;
        output: string;
      }
    : never;

/**
 * Why a call failed: it names no tool of the run, its arguments are not JSON or fail the schema, or its
 * `execute` threw (or rejected, or errored).
 *
 * @example
 * ```ts
 * import type { ToolErrorReason } from 'rxjs-openai-stream';
 *
 * const modelMistake = (reason: ToolErrorReason) => reason !== 'execute';
 * ```
 */
export type ToolErrorReason = 'unknown_tool' | 'invalid_arguments' | 'execute';

/**
 * Emitted when a call failed. The run goes on: `output` (the error's message) is sent to the model as
 * the tool's answer, so it can correct itself. `error` is a `ToolArgumentsError` (with zod's `issues`)
 * for `unknown_tool` and `invalid_arguments`, and what `execute` threw for `execute`; `call.args` is set
 * once the arguments were valid.
 *
 * @example
 * ```ts
 * import type { ToolErrorEvent } from 'rxjs-openai-stream';
 *
 * const show = (event: ToolErrorEvent) => console.warn(`${event.call.name} failed (${event.reason}): ${event.output}`);
 * ```
 */
export interface ToolErrorEvent {
  type: 'tool_error';
  step: number;
  call: ToolCallRequest & { args?: unknown };
  reason: ToolErrorReason;
  error: unknown;
  output: string;
}

/**
 * The tool events of a run, for both APIs.
 *
 * @example
 * ```ts
 * import type { ToolEvent } from 'rxjs-openai-stream';
 *
 * const isFailure = (event: ToolEvent) => event.type === 'tool_error';
 * ```
 */
export type ToolEvent<T extends Tool = Tool> = ToolCallEvent<T> | ToolResultEvent<T> | ToolErrorEvent;

/**
 * How a run ended: the last step's finish reason (`'stop'`, `'length'`, `'content_filter'`, ...; for Responses
 * `'stop'` or the `incomplete_details.reason`), or
 * `'max_steps'` when the step budget ran out while the model still asked for tools.
 *
 * @example
 * ```ts
 * import type { RunFinishReason } from 'rxjs-openai-stream';
 *
 * const complete = (reason: RunFinishReason) => reason === 'stop';
 * ```
 */
export type RunFinishReason = 'stop' | 'length' | 'content_filter' | 'max_steps' | (string & {});
