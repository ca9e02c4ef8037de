import type { Observable } from 'rxjs';
import type * as z from 'zod';
import type { ChatCompletionMessageParam, JSONSchema } from '../chat/schemas/index.js';
import type { ResponseInputItem } from '../responses/response-params.js';
import { jsonSchemaOf } from './json-schema.js';

/**
 * What a tool's `execute` gets besides its arguments.
 *
 * @example
 * ```ts
 * import type { ToolContext } from 'rxjs-openai-stream';
 *
 * const fetchWeather = (city: string, { signal }: ToolContext) =>
 *   fetch(`https://example.com/weather?city=${encodeURIComponent(city)}`, { signal }).then((r) => r.json());
 * ```
 */
export interface ToolContext {
  /** Aborts when the run is unsubscribed while the tool runs: pass it on to `fetch` and the like. */
  readonly signal: AbortSignal;
  /** The id of the call being answered (`tool_call_id` / `call_id`). */
  readonly toolCallId: string;
  /**
   * The conversation so far, up to the model's message that made this call: chat messages in
   * `chat.completions` runs, input items in `responses` runs.
   */
  readonly messages: ReadonlyArray<ChatCompletionMessageParam | ResponseInputItem>;
}

/**
 * What {@link tool} takes: the function the model may call, with zod-typed arguments.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { ToolDefinition } from 'rxjs-openai-stream';
 *
 * const Args = z.object({ a: z.number(), b: z.number() });
 * const add: ToolDefinition<'add', typeof Args, number> = { name: 'add', parameters: Args, execute: ({ a, b }) => a + b };
 * ```
 */
export interface ToolDefinition<N extends string, S extends z.core.$ZodType, O> {
  /** The function name the model sees: 1 to 64 letters, digits, `_` or `-`. */
  name: N;
  /** Tells the model what the tool does and when to call it. */
  description?: string;
  /** A zod object schema (classic or `zod/mini`): sent as JSON Schema, and validates the arguments. */
  parameters: S;
  /**
   * Runs the tool with the validated arguments. Returns the result, a Promise of it, or an Observable
   * whose last value is the result. The model reads a string result as it is and anything else as
   * `JSON.stringify(result)` (`undefined` as `''`). A throw, a rejection or an error notification is
   * reported to the model as the tool's answer (a `tool_error` event), not thrown.
   */
  execute(args: z.output<S>, context: ToolContext): O;
  /**
   * Structured Outputs' strict mode for the arguments. Every field must then be required (`.nullable()`
   * for one that may be absent). Left out of the request when not set.
   */
  strict?: boolean;
}

/**
 * A tool made by {@link tool}: the definition, frozen, with its JSON Schema computed once.
 *
 * @example
 * ```ts
 * import type { Tool } from 'rxjs-openai-stream';
 *
 * const names = (tools: readonly Tool[]) => tools.map((t) => t.name);
 * ```
 */
export interface Tool<
  N extends string = string,
  S extends z.core.$ZodType = z.core.$ZodType,
  O = unknown,
> extends Readonly<ToolDefinition<N, S, O>> {
  /** The JSON Schema of `parameters`, as sent to the model. */
  readonly jsonSchema: JSONSchema;
}

/**
 * The result type of a tool whose `execute` returns `O`: the resolved value of a Promise, the value type of
 * an Observable, else `O`.
 *
 * @example
 * ```ts
 * import type { Observable } from 'rxjs';
 * import type { ToolResult } from 'rxjs-openai-stream';
 *
 * type Weather = ToolResult<Observable<{ temp: number }>>; // { temp: number }
 * ```
 */
export type ToolResult<O> = O extends Observable<infer V> ? V : Awaited<O>;

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Defines a tool for `runChatTools` / `runResponseTools` (and `client.chat.completions.runTools`,
 * `client.responses.runTools`). The same tool works on both APIs. Checks the definition at once and
 * throws a `TypeError` naming a bad field (a name the API would refuse, a schema that is not a zod object,
 * a strict schema with an optional field).
 *
 * @param definition - {@link ToolDefinition}
 * @returns the frozen {@link Tool}.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { tool } from 'rxjs-openai-stream';
 *
 * const getWeather = tool({
 *   name: 'get_weather',
 *   description: 'The current weather in a city',
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }, { signal }) => {
 *     const response = await fetch(`https://example.com/weather?city=${encodeURIComponent(city)}`, { signal });
 *     return (await response.json()) as { temperature: number };
 *   },
 * });
 * ```
 */
export function tool<const N extends string, S extends z.core.$ZodType, O>(
  definition: ToolDefinition<N, S, O>,
): Tool<N, S, O> {
  if (typeof definition !== 'object' || definition === null)
    throw new TypeError('tool: the definition must be an object');
  const { name, description, parameters, execute, strict } = definition;
  if (typeof name !== 'string' || !NAME.test(name))
    throw new TypeError('tool: "name" must be 1 to 64 letters, digits, "_" or "-"');
  const where = `tool "${name}"`;
  if (description !== undefined && typeof description !== 'string')
    throw new TypeError(`${where}: "description" must be a string`);
  if (typeof execute !== 'function') throw new TypeError(`${where}: "execute" must be a function`);
  if (strict !== undefined && typeof strict !== 'boolean')
    throw new TypeError(`${where}: "strict" must be a boolean`);
  const jsonSchema = jsonSchemaOf(`${where}: "parameters"`, parameters, strict === true);
  return Object.freeze({ ...definition, jsonSchema });
}
