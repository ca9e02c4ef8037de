import type { RequestOptions } from '../http/request-options.js';
import { toolSetOf, type ToolSet } from './convert.js';
import type { Tool } from './tool.js';

/**
 * Options of a tool run, on either API: the tools, the step budget, how many tools may run at once, and
 * the request options used for every step's request (timeouts, retries, headers, `signal`).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { tool, type RunToolsOptions } from 'rxjs-openai-stream';
 *
 * const now = tool({ name: 'now', parameters: z.object({}), execute: () => new Date().toISOString() });
 * const options: RunToolsOptions<typeof now> = { tools: [now], maxSteps: 5, toolConcurrency: 2, idleTimeout: 30_000 };
 * ```
 */
export interface RunToolsOptions<T extends Tool = Tool> extends Omit<RequestOptions, 'observe'> {
  /** The tools the model may call, made by `tool()`, with distinct names. */
  tools: readonly T[];
  /**
   * How many requests the run may make. When the last allowed step still asks for tools, they are
   * executed and the run finishes with `finishReason: 'max_steps'` (the conversation can be continued).
   *
   * @defaultValue 10
   */
  maxSteps?: number;
  /**
   * How many tool calls of one step may run at once; the others wait their turn.
   *
   * @defaultValue `Infinity`
   */
  toolConcurrency?: number;
}

/** The checked options of a run. @internal */
export interface RunSettings {
  tools: ToolSet;
  maxSteps: number;
  concurrency: number;
  request: Omit<RequestOptions, 'observe'>;
}

/**
 * Checks the options of a run at call time; throws a `TypeError` naming the bad option. `taken` are the
 * names of tools already declared in the params, which the run's tools must not reuse.
 *
 * @internal
 */
export function runSettingsOf(where: string, options: unknown, taken: readonly string[]): RunSettings {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${where}: options must be an object with "tools"`);
  const { tools, maxSteps = 10, toolConcurrency = Infinity, ...request } = options as RunToolsOptions;
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1)
    throw new TypeError(`${where}: option "maxSteps" must be a whole number >= 1`);
  if (toolConcurrency !== Infinity && (!Number.isSafeInteger(toolConcurrency) || toolConcurrency < 1))
    throw new TypeError(`${where}: option "toolConcurrency" must be a whole number >= 1 or Infinity`);
  if ('observe' in request) throw new TypeError(`${where}: option "observe" is not supported by runs`);
  return { tools: toolSetOf(where, tools, taken), maxSteps, concurrency: toolConcurrency, request };
}

/**
 * Checks what every run needs in its params (an object with a non-empty `model`, not `stream: false`).
 *
 * @internal
 */
export function checkRunParams(where: string, params: unknown): asserts params is Record<string, unknown> {
  if (typeof params !== 'object' || params === null)
    throw new TypeError(`${where}: params must be an object`);
  const { model, stream } = params as Record<string, unknown>;
  if (typeof model !== 'string' || model === '')
    throw new TypeError(`${where}: "model" must be a non-empty string`);
  if (stream !== undefined && stream !== true)
    throw new TypeError(`${where}: "stream" must be left out (a run always streams)`);
}
