import * as z from 'zod/mini';
import { withCompiledParser } from '../../json/compile-parser.js';
import { ChoiceLogprobsSchema, CompletionUsageSchema } from './chat-chunk.js';

// A call that has a `function` is a function call and a choice's message is the assistant's, whatever
// string a server wrote in `type` or `role`: typed as literals, these objects can be sent back in `messages`.

/**
 * Any string read as `value`. An overwrite check rather than `z.pipe` + `z.transform`, which only these
 * fields used and which cost a browser app 0.3 KB gzipped; the cast gives the literal output type the
 * check cannot express.
 */
const stringAs = <T extends string>(value: T) =>
  z.string().check(z.overwrite(() => value)) as unknown as z.ZodMiniType<T, string>;
const functionType = z._default(stringAs('function'), 'function');
const assistantRole = z._default(stringAs('assistant'), 'assistant');

/**
 * A complete tool call in a message. `type` reads as `'function'` (also when a server left it out).
 *
 * @example
 * ```ts
 * import { ChatCompletionMessageToolCallSchema } from 'rxjs-openai-stream';
 *
 * ChatCompletionMessageToolCallSchema.parse({ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } });
 * ```
 */
export const ChatCompletionMessageToolCallSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    id: z.string(),
    type: functionType,
    function: z.looseObject({ name: z.string(), arguments: z.string() }),
  }),
);
/** A complete tool call. @example `import type { ChatCompletionMessageToolCall } from 'rxjs-openai-stream';` */
export type ChatCompletionMessageToolCall = z.infer<typeof ChatCompletionMessageToolCallSchema>;

/**
 * The assistant message of a non-streaming choice. `role` reads as `'assistant'`, and `tool_calls` is left
 * out when the server sent none (`null` or `[]`), so the message can go back into `messages` as it is.
 *
 * @example
 * ```ts
 * import { ChatCompletionMessageSchema } from 'rxjs-openai-stream';
 *
 * ChatCompletionMessageSchema.parse({ role: 'assistant', content: 'Hello' });
 * ```
 */
export const ChatCompletionMessageSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    role: assistantRole,
    content: z._default(z.nullable(z.string()), null),
    refusal: z.nullish(z.string()),
    reasoning_content: z.nullish(z.string()),
    tool_calls: z.optional(
      // An empty list reads as none (overwrite check, as above; the cast states the output type).
      z
        .nullable(z.array(ChatCompletionMessageToolCallSchema))
        .check(
          z.overwrite((calls) => (calls?.length ? calls : undefined) as never),
        ) as unknown as z.ZodMiniType<
        ChatCompletionMessageToolCall[] | undefined,
        z.input<typeof ChatCompletionMessageToolCallSchema>[] | null
      >,
    ),
    function_call: z.nullish(z.looseObject({ name: z.string(), arguments: z.string() })),
  }),
);
/** The assistant message of a choice. @example `import type { ChatCompletionMessage } from 'rxjs-openai-stream';` */
export type ChatCompletionMessage = z.infer<typeof ChatCompletionMessageSchema>;

/**
 * A non-streaming `chat.completion`, what `create()` without `stream` emits.
 *
 * @example
 * ```ts
 * import { ChatCompletionSchema } from 'rxjs-openai-stream';
 *
 * const completion = ChatCompletionSchema.parse({
 *   id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o',
 *   choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
 * });
 * console.log(completion.choices[0]?.message.content); // 'Hi'
 * ```
 */
export const ChatCompletionSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    id: z.string(),
    object: z._default(z.string(), 'chat.completion'),
    created: z._default(z.number(), 0),
    model: z._default(z.string(), ''),
    system_fingerprint: z.nullish(z.string()),
    service_tier: z.nullish(z.string()),
    choices: z.array(
      z.looseObject({
        index: z._default(z.number(), 0),
        message: ChatCompletionMessageSchema,
        finish_reason: z._default(z.nullable(z.string()), null),
        logprobs: z.nullish(ChoiceLogprobsSchema),
      }),
    ),
    usage: z.nullish(CompletionUsageSchema),
  }),
);
/** A non-streaming chat completion. @example `import type { ChatCompletion } from 'rxjs-openai-stream';` */
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;
