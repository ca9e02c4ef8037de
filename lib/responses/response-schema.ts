import * as z from 'zod/mini';
import { withCompiledParser } from '../json/compile-parser.js';

// Loose on purpose, like the chat schemas: unknown keys are kept and fields that OpenAI-compatible servers
// have been seen to omit are optional. zod/mini schemas with a compiled fast path (json/compile-parser.ts).

/**
 * Token usage of a response (`input_tokens`, `output_tokens`, `total_tokens` and their details).
 *
 * @example
 * ```ts
 * import { ResponseUsageSchema } from 'rxjs-openai-stream';
 *
 * ResponseUsageSchema.parse({ input_tokens: 10, output_tokens: 2, total_tokens: 12 });
 * ```
 */
export const ResponseUsageSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    input_tokens: z.number(),
    output_tokens: z.number(),
    total_tokens: z.number(),
    input_tokens_details: z.nullish(z.looseObject({})),
    output_tokens_details: z.nullish(z.looseObject({})),
  }),
);
/** Token usage of a response. @example `import type { ResponseUsage } from 'rxjs-openai-stream';` */
export type ResponseUsage = z.infer<typeof ResponseUsageSchema>;

/**
 * One content part of an output item: `output_text` (with `text` and `annotations`), `refusal` (with
 * `refusal`), `reasoning_text`, or a summary part (`summary_text`).
 *
 * @example
 * ```ts
 * import { ResponseContentPartSchema } from 'rxjs-openai-stream';
 *
 * ResponseContentPartSchema.parse({ type: 'output_text', text: 'Hi', annotations: [] });
 * ```
 */
export const ResponseContentPartSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    type: z.string(),
    text: z.nullish(z.string()),
    refusal: z.nullish(z.string()),
    annotations: z.nullish(z.array(z.unknown())),
  }),
);
/** One content part of an output item. @example `import type { ResponseContentPart } from 'rxjs-openai-stream';` */
export type ResponseContentPart = z.infer<typeof ResponseContentPartSchema>;

/**
 * One item of `response.output`. A single wide, loose shape for every item type (`message`,
 * `function_call`, `reasoning`, `custom_tool_call`, `web_search_call`, `mcp_call`, ... and future ones):
 * `type` is always there, the other documented fields are optional and unknown ones are kept.
 *
 * @example
 * ```ts
 * import { ResponseOutputItemSchema } from 'rxjs-openai-stream';
 *
 * const item = ResponseOutputItemSchema.parse({ type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{}' });
 * console.log(item.name); // 'f'
 * ```
 */
export const ResponseOutputItemSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    type: z.string(),
    id: z.nullish(z.string()),
    status: z.nullish(z.string()),
    /** `message` items. */
    role: z.nullish(z.string()),
    /** `message` and `reasoning` items. */
    content: z.nullish(z.array(ResponseContentPartSchema)),
    /** `reasoning` items. */
    summary: z.nullish(z.array(ResponseContentPartSchema)),
    /** `function_call` and `custom_tool_call` items. */
    call_id: z.nullish(z.string()),
    /** `function_call`, `custom_tool_call` and `mcp_call` items. */
    name: z.nullish(z.string()),
    /** `function_call` and `mcp_call` items: the JSON arguments as a string. */
    arguments: z.nullish(z.string()),
    /** `custom_tool_call` items. */
    input: z.nullish(z.string()),
    /** `code_interpreter_call` items. */
    code: z.nullish(z.string()),
  }),
);
/** One item of `response.output`. @example `import type { ResponseOutputItem } from 'rxjs-openai-stream';` */
export type ResponseOutputItem = z.infer<typeof ResponseOutputItemSchema>;

/**
 * A Responses API `response` object: what `responses.create()` without `stream` emits, and the payload of
 * the lifecycle events. `output_text` is a convenience this library fills in (the concatenated
 * `output_text` parts of every `message` item), as the official SDKs do.
 *
 * @example
 * ```ts
 * import { ResponseSchema } from 'rxjs-openai-stream';
 *
 * const response = ResponseSchema.parse({ id: 'resp_1', status: 'completed', output: [] });
 * console.log(response.status, response.output.length); // 'completed' 0
 * ```
 */
export const ResponseSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    id: z.string(),
    object: z._default(z.string(), 'response'),
    created_at: z._default(z.number(), 0),
    /** `queued`, `in_progress`, `completed`, `incomplete`, `failed` or `cancelled`. */
    status: z._default(z.string(), 'in_progress'),
    model: z._default(z.string(), ''),
    output: z._default(z.array(ResponseOutputItemSchema), []),
    usage: z.nullish(ResponseUsageSchema),
    error: z.nullish(z.looseObject({ code: z.nullish(z.string()), message: z._default(z.string(), '') })),
    incomplete_details: z.nullish(z.looseObject({ reason: z.nullish(z.string()) })),
    output_text: z.optional(z.string()),
  }),
);
/**
 * A Responses API `response` object, as typed by {@link ResponseSchema}.
 *
 * @example
 * ```ts
 * import type { Response } from 'rxjs-openai-stream';
 *
 * const done = (response: Response) => response.status === 'completed';
 * ```
 */
export type Response = z.infer<typeof ResponseSchema>;

/**
 * The concatenated text of every `output_text` part of every `message` item, in output order.
 *
 * @param output - `response.output`.
 * @returns The text, `''` when there is none.
 * @example
 * ```ts
 * import { outputTextOf } from 'rxjs-openai-stream';
 *
 * outputTextOf([{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }]); // 'Hi'
 * ```
 */
export function outputTextOf(output: readonly ResponseOutputItem[]): string {
  let text = '';
  for (const item of output) {
    if (item?.type !== 'message' || !item.content) continue;
    for (const part of item.content) if (part?.type === 'output_text' && part.text) text += part.text;
  }
  return text;
}
