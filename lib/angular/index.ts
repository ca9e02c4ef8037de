export { OPENAI_STREAM_CLIENT } from './tokens.js';
export {
  provideOpenAIStream,
  injectOpenAIStream,
  type OpenAIStreamConfig,
  type OpenAIStreamOptions,
} from './provide-openai-stream.js';
export type { OpenAIStreamHooks } from './hooks-in-context.js';
export { streamUntilDestroyed } from './stream-until-destroyed.js';
export {
  streamSignals,
  type StreamSignals,
  type StreamSignalsOptions,
  type StreamStatus,
} from './stream-signals.js';
export { injectChat } from './inject-chat.js';
export type {
  Chat,
  ChatParams,
  ChatStatus,
  ChatToolCall,
  ChatToolCallStatus,
  InjectChatOptions,
} from './chat-types.js';
