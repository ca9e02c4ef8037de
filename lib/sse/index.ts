export { createSSEParser, DEFAULT_MAX_EVENT_BYTES } from './parser.js';
export type { SSEParser, SSEParserCallbacks, SSEParserOptions } from './parser.js';
export { createSSEDecoder } from './decoder.js';
export type { SSEDecoder } from './decoder.js';
export { parseSSE } from './parse-sse.js';
export type { ParseSSEOptions, ServerSentEvent } from './types.js';
