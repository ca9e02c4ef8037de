export { OPENAI_STREAM_CLIENT } from './tokens.js';
export { provideOpenAIStream, injectOpenAIStream, type OpenAIStreamConfig } from './provide-openai-stream.js';
export { streamUntilDestroyed } from './stream-until-destroyed.js';
export {
  streamSignals,
  type StreamSignals,
  type StreamSignalsOptions,
  type StreamStatus,
} from './stream-signals.js';
