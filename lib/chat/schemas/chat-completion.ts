import * as z from 'zod';
import { ChoiceLogprobsSchema, CompletionUsageSchema } from './chat-chunk.js';

/**
 * A complete tool call in a message.
 *
 * @example
 * ```ts
 * import { ChatCompletionMessageToolCallSchema } from 'rxjs-openai-stream';
 *
 * ChatCompletionMessageToolCallSchema.parse({ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } });
 * ```
 */
export const ChatCompletionMessageToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().default('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});
/** A complete tool call. @example `import type { ChatCompletionMessageToolCall } from 'rxjs-openai-stream';` */
export type ChatCompletionMessageToolCall = z.infer<typeof ChatCompletionMessageToolCallSchema>;

/**
 * The assistant message of a non-streaming choice.
 *
 * @example
 * ```ts
 * import { ChatCompletionMessageSchema } from 'rxjs-openai-stream';
 *
 * ChatCompletionMessageSchema.parse({ role: 'assistant', content: 'Hello' });
 * ```
 */
export const ChatCompletionMessageSchema = z.looseObject({
  role: z.string().default('assistant'),
  content: z.string().nullable().default(null),
  refusal: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  tool_calls: z.array(ChatCompletionMessageToolCallSchema).nullish(),
  function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
});
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
export const ChatCompletionSchema = z.looseObject({
  id: z.string(),
  object: z.string().default('chat.completion'),
  created: z.number().default(0),
  model: z.string().default(''),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().default(0),
      message: ChatCompletionMessageSchema,
      finish_reason: z.string().nullable().default(null),
      logprobs: ChoiceLogprobsSchema.nullish(),
    }),
  ),
  usage: CompletionUsageSchema.nullish(),
});
/** A non-streaming chat completion. @example `import type { ChatCompletion } from 'rxjs-openai-stream';` */
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;
