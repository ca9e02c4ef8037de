export { textDeltas, accumulateText, type TextOptions } from './text-deltas.js';
export { accumulateChatCompletion, finalChatCompletion } from './accumulate-chat-completion.js';
export type {
  ChatCompletionSnapshot,
  ChatCompletionSnapshotChoice,
  ChatCompletionSnapshotMessage,
  ChoiceLogprobsSnapshot,
  ToolCallSnapshot,
} from './chat-completion-snapshot.js';
export { toolCalls, type CompleteToolCall, type ToolCallInfo } from './tool-calls.js';
export type { ToolSchemas } from '../../json/tool-arguments.js';
export { toolCallDeltas, type ToolCallDelta } from './tool-call-deltas.js';
export {
  createPartialJSONParser,
  parsePartialJSON,
  type PartialJSONParser,
} from '../../json/partial-json.js';
