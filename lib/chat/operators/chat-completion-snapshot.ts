// Plain type aliases (not interfaces) so that snapshots stay assignable to the zod-inferred ChatCompletion.
import type { CompletionUsage, TokenLogprob } from '../schemas/index.js';

/**
 * A tool call as accumulated so far. `index` is the server's index (a call whose server reused an index
 * for a new call gets the next free one); `id` is the server's, or a generated `call_<index>_<hash>` until
 * the server sends one (the same in every operator on the stream, see `ToolCallInfo`). `type` is always
 * `'function'`, so a finished call can be sent back as a `ChatCompletionToolCallParam`.
 *
 * @example
 * ```ts
 * import type { ToolCallSnapshot } from 'rxjs-openai-stream';
 *
 * const label = (call: ToolCallSnapshot) => `${call.function.name}(${call.function.arguments})`;
 * ```
 */
export type ToolCallSnapshot = {
  index: number;
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
};

/**
 * The assistant message of a choice as accumulated so far. `content` and `refusal` stay `null` until a
 * non-empty delta arrives; `tool_calls`, `function_call` and `reasoning_content` are present only once the
 * server sent them. `role` is always `'assistant'`: the final message can be pushed back into `messages`
 * (a `ChatCompletionMessageParam`) as it is.
 *
 * @example
 * ```ts
 * import type { ChatCompletionSnapshotMessage } from 'rxjs-openai-stream';
 *
 * const text = (message: ChatCompletionSnapshotMessage) => message.content ?? message.refusal ?? '';
 * ```
 */
export type ChatCompletionSnapshotMessage = {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  reasoning_content?: string;
  tool_calls?: ToolCallSnapshot[];
  function_call?: { name: string; arguments: string };
};

/**
 * Log probabilities of a choice so far: every chunk's `content` and `refusal` token lists appended.
 *
 * @example
 * ```ts
 * import type { ChoiceLogprobsSnapshot } from 'rxjs-openai-stream';
 *
 * const tokens = (logprobs: ChoiceLogprobsSnapshot | null) => logprobs?.content?.map((t) => t.token) ?? [];
 * ```
 */
export type ChoiceLogprobsSnapshot = {
  content: TokenLogprob[] | null;
  refusal: TokenLogprob[] | null;
};

/**
 * One choice of a {@link ChatCompletionSnapshot}. Unknown fields the server put on the choice (such as
 * Azure's `content_filter_results`) are kept, the latest value winning.
 *
 * @example
 * ```ts
 * import type { ChatCompletionSnapshotChoice } from 'rxjs-openai-stream';
 *
 * const done = (choice: ChatCompletionSnapshotChoice) => choice.finish_reason !== null;
 * ```
 */
export interface ChatCompletionSnapshotChoice {
  index: number;
  message: ChatCompletionSnapshotMessage;
  finish_reason: string | null;
  logprobs: ChoiceLogprobsSnapshot | null;
  [key: string]: unknown;
}

/**
 * A streamed chat completion accumulated so far; the last one has the shape of a non-streaming
 * `chat.completion`. Snapshots are immutable: every emission is a new object, and unchanged parts are
 * shared with the previous one. `system_fingerprint`, `service_tier` and unknown top-level fields
 * (`prompt_filter_results`, ...) are kept when the server sent them.
 *
 * @example
 * ```ts
 * import type { ChatCompletionSnapshot } from 'rxjs-openai-stream';
 *
 * const firstText = (snapshot: ChatCompletionSnapshot) => snapshot.choices[0]?.message.content ?? '';
 * ```
 */
export interface ChatCompletionSnapshot {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  choices: ChatCompletionSnapshotChoice[];
  usage: CompletionUsage | null;
  [key: string]: unknown;
}
