export { createChatResource, type ChatCompletions, type ChatResource } from './completions.js';
export { decodeChatStream, type DecodeChatStreamOptions } from './decode-chat-stream.js';
export { decodeChatCompletion } from './decode-chat-completion.js';
export { parseFrame, type ParsedFrame } from './parse-frame.js';
