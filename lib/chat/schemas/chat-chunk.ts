import * as z from 'zod/mini';
import { withCompiledParser } from '../../json/compile-parser.js';
import { withChunkParser } from './chat-chunk-parser.js';

// Schemas are loose on purpose: OpenAI adds fields often and OpenAI-compatible servers differ. Unknown
// keys are kept, nullable and optional are accepted wherever a real server has been seen to omit a field.
// They are zod/mini schemas (tree-shakable) with a fast path for valid input (json/compile-parser.ts); the
// chunk, parsed once per streamed chunk, has a hand-written one (chat-chunk-parser.ts).

/**
 * Token usage, from the include_usage chunk or a non-streaming completion.
 *
 * @example
 * ```ts
 * import { CompletionUsageSchema } from 'rxjs-openai-stream';
 *
 * CompletionUsageSchema.parse({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
 * ```
 */
export const CompletionUsageSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    prompt_tokens: z.number(),
    completion_tokens: z.number(),
    total_tokens: z.number(),
    prompt_tokens_details: z.nullish(z.looseObject({})),
    completion_tokens_details: z.nullish(z.looseObject({})),
  }),
);
/** Token usage of a completion. @example `import type { CompletionUsage } from 'rxjs-openai-stream';` */
export type CompletionUsage = z.infer<typeof CompletionUsageSchema>;

const TopLogprobSchema = z.looseObject({
  token: z.string(),
  logprob: z.number(),
  bytes: z.nullish(z.array(z.number())),
});

/**
 * One token's log probability, as in `choices[].logprobs.content[]`.
 *
 * @example
 * ```ts
 * import { TokenLogprobSchema } from 'rxjs-openai-stream';
 *
 * TokenLogprobSchema.parse({ token: 'Hi', logprob: -0.1, bytes: [72, 105], top_logprobs: [] });
 * ```
 */
export const TokenLogprobSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    token: z.string(),
    logprob: z.number(),
    bytes: z.nullish(z.array(z.number())),
    top_logprobs: z.nullish(z.array(TopLogprobSchema)),
  }),
);
/** One token's log probability. @example `import type { TokenLogprob } from 'rxjs-openai-stream';` */
export type TokenLogprob = z.infer<typeof TokenLogprobSchema>;

/**
 * Log probabilities of a choice: `content` and `refusal` token lists.
 *
 * @example
 * ```ts
 * import { ChoiceLogprobsSchema } from 'rxjs-openai-stream';
 *
 * ChoiceLogprobsSchema.parse({ content: [], refusal: null });
 * ```
 */
export const ChoiceLogprobsSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    content: z.nullish(z.array(TokenLogprobSchema)),
    refusal: z.nullish(z.array(TokenLogprobSchema)),
  }),
);
/** Log probabilities of a choice. @example `import type { ChoiceLogprobs } from 'rxjs-openai-stream';` */
export type ChoiceLogprobs = z.infer<typeof ChoiceLogprobsSchema>;

/**
 * A fragment of a streamed tool call. `index` keys the call (it may start at 1, or be missing on some
 * servers); `id`, `type` and `function.name` usually come only on the first fragment.
 *
 * @example
 * ```ts
 * import { ChatCompletionChunkToolCallSchema } from 'rxjs-openai-stream';
 *
 * ChatCompletionChunkToolCallSchema.parse({ index: 0, function: { arguments: '{"ci' } });
 * ```
 */
export const ChatCompletionChunkToolCallSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    index: z.nullish(z.number()),
    id: z.nullish(z.string()),
    type: z.nullish(z.string()),
    function: z.nullish(
      z.looseObject({
        name: z.nullish(z.string()),
        arguments: z.nullish(z.string()),
      }),
    ),
  }),
);
/** A fragment of a streamed tool call. @example `import type { ChatCompletionChunkToolCall } from 'rxjs-openai-stream';` */
export type ChatCompletionChunkToolCall = z.infer<typeof ChatCompletionChunkToolCallSchema>;

/**
 * What a chunk adds to a choice: `role` (first chunk only, usually), `content`, `refusal`, `tool_calls`
 * fragments, the legacy `function_call`, and `reasoning_content` from reasoning models of some providers.
 *
 * @example
 * ```ts
 * import { ChatCompletionChunkDeltaSchema } from 'rxjs-openai-stream';
 *
 * ChatCompletionChunkDeltaSchema.parse({ content: 'Hel' });
 * ```
 */
export const ChatCompletionChunkDeltaSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    role: z.nullish(z.string()),
    content: z.nullish(z.string()),
    refusal: z.nullish(z.string()),
    reasoning_content: z.nullish(z.string()),
    tool_calls: z.nullish(z.array(ChatCompletionChunkToolCallSchema)),
    function_call: z.nullish(
      z.looseObject({
        name: z.nullish(z.string()),
        arguments: z.nullish(z.string()),
      }),
    ),
  }),
);
/** What a chunk adds to a choice. @example `import type { ChatCompletionChunkDelta } from 'rxjs-openai-stream';` */
export type ChatCompletionChunkDelta = z.infer<typeof ChatCompletionChunkDeltaSchema>;

/**
 * One choice of a chunk. A missing `delta` (seen on content-filter chunks) reads as `{}`.
 *
 * @example
 * ```ts
 * import { ChatCompletionChunkChoiceSchema } from 'rxjs-openai-stream';
 *
 * ChatCompletionChunkChoiceSchema.parse({ index: 0, delta: { content: 'Hi' }, finish_reason: null });
 * ```
 */
export const ChatCompletionChunkChoiceSchema = /*#__PURE__*/ withCompiledParser(
  z.looseObject({
    index: z._default(z.number(), 0),
    delta: z._default(ChatCompletionChunkDeltaSchema, {}),
    finish_reason: z.nullish(z.string()),
    logprobs: z.nullish(ChoiceLogprobsSchema),
  }),
);
/** One choice of a chunk. @example `import type { ChatCompletionChunkChoice } from 'rxjs-openai-stream';` */
export type ChatCompletionChunkChoice = z.infer<typeof ChatCompletionChunkChoiceSchema>;

/**
 * One `chat.completion.chunk` of a streamed chat completion. Accepts what real OpenAI-compatible servers
 * send: Azure's first chunk (empty `id`, `choices: []`, `prompt_filter_results`), `usage: null` on every
 * chunk, a usage-only final chunk with `choices: []`, and unknown fields, which are kept.
 *
 * @example
 * ```ts
 * import { ChatCompletionChunkSchema } from 'rxjs-openai-stream';
 *
 * const chunk = ChatCompletionChunkSchema.parse({
 *   id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o',
 *   choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
 * });
 * console.log(chunk.choices[0]?.delta.content); // 'Hi'
 * ```
 */
export const ChatCompletionChunkSchema = /*#__PURE__*/ withChunkParser(
  z.looseObject({
    id: z._default(z.string(), ''),
    object: z._default(z.string(), 'chat.completion.chunk'),
    created: z._default(z.number(), 0),
    model: z._default(z.string(), ''),
    system_fingerprint: z.nullish(z.string()),
    service_tier: z.nullish(z.string()),
    choices: z._default(z.array(ChatCompletionChunkChoiceSchema), []),
    usage: z.nullish(CompletionUsageSchema),
  }),
);
/**
 * One chunk of a streamed chat completion, as typed by {@link ChatCompletionChunkSchema}.
 *
 * @example
 * ```ts
 * import type { ChatCompletionChunk } from 'rxjs-openai-stream';
 *
 * const text = (chunk: ChatCompletionChunk) => chunk.choices[0]?.delta.content ?? '';
 * ```
 */
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunkSchema>;
