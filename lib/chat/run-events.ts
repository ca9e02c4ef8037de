import type { ChatCompletionSnapshot } from './operators/chat-completion-snapshot.js';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionMessageParam,
  CompletionUsage,
} from './schemas/index.js';
import type { Tool } from '../tools/tool.js';
import type { RunFinishReason, ToolEvent } from '../tools/tool-events.js';

/**
 * The assistant message of a step, in the shape `messages` takes back (`tool_calls` with their ids).
 *
 * @example
 * ```ts
 * import type { ChatAssistantMessage, ChatCompletionMessageParam } from 'rxjs-openai-stream';
 *
 * const append = (messages: ChatCompletionMessageParam[], message: ChatAssistantMessage) => [...messages, message];
 * ```
 */
export type ChatAssistantMessage = Extract<ChatCompletionMessageParam, { role: 'assistant' }>;

/**
 * Parameters of a chat tool run: those of `chat.completions.create()` without `stream` (a run always
 * streams). `tools` here are declared to the model as they are (a call of one is answered with an
 * `unknown_tool` error); the run's own tools are added to them.
 *
 * @example
 * ```ts
 * import type { ChatRunParams } from 'rxjs-openai-stream';
 *
 * const params: ChatRunParams = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather in Paris?' }] };
 * ```
 */
export type ChatRunParams = ChatCompletionCreateParams & { stream?: true };

/**
 * A chunk of a step's stream, as `create()` emitted it. Steps count from 1.
 *
 * @example
 * ```ts
 * import type { ChatChunkEvent } from 'rxjs-openai-stream';
 *
 * const text = (event: ChatChunkEvent) => event.chunk.choices[0]?.delta.content ?? '';
 * ```
 */
export interface ChatChunkEvent {
  type: 'chunk';
  step: number;
  chunk: ChatCompletionChunk;
}

/**
 * The end of a step's stream: the accumulated `completion` and the assistant `message` appended to the
 * conversation. Emitted before the step's tools run.
 *
 * @example
 * ```ts
 * import type { ChatStepEvent } from 'rxjs-openai-stream';
 *
 * const calls = (event: ChatStepEvent) => event.message.tool_calls?.length ?? 0;
 * ```
 */
export interface ChatStepEvent {
  type: 'step';
  step: number;
  completion: ChatCompletionSnapshot;
  message: ChatAssistantMessage;
}

/**
 * The last event of a run: the whole conversation (`messages`, ready to be sent again with a new user
 * message), the completion of every step, `usage` summed over the steps (`null` if no step reported
 * usage) and how the run ended.
 *
 * @example
 * ```ts
 * import type { ChatFinishEvent } from 'rxjs-openai-stream';
 *
 * const summary = (event: ChatFinishEvent) => `${event.steps.length} steps, ${event.usage?.total_tokens ?? '?'} tokens`;
 * ```
 */
export interface ChatFinishEvent {
  type: 'finish';
  messages: ChatCompletionMessageParam[];
  steps: ChatCompletionSnapshot[];
  usage: CompletionUsage | null;
  finishReason: RunFinishReason;
}

/**
 * What a chat tool run emits, discriminated on `type`: `chunk`, `step`, `tool_call`, `tool_result`,
 * `tool_error`, and last `finish`.
 *
 * @example
 * ```ts
 * import type { ChatRunEvent } from 'rxjs-openai-stream';
 *
 * const log = (event: ChatRunEvent) => event.type !== 'chunk' && console.log(event.type);
 * ```
 */
export type ChatRunEvent<T extends Tool = Tool> =
  ChatChunkEvent | ChatStepEvent | ToolEvent<T> | ChatFinishEvent;
