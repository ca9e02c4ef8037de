// The server entry, `rxjs-openai-stream/server`: Server-Sent Events out of Observables, and a relay that
// serves OpenAI-compatible streams to browsers with the server's key. Web-standard except node-http.ts
// (typed structurally, no node: import), so it runs on Node 22+, Bun, Deno and workers.

export { toServerSentEvents, type ServerSentEventsOptions } from './to-server-sent-events.js';
export { sseResponse } from './sse-response.js';
export { pipeServerSentEvents } from './pipe-server-sent-events.js';
export type { NodeRequest, NodeResponse } from './node-http.js';
export { toOpenAIError, type OpenAIErrorReply } from './to-openai-error.js';
export { RelayError } from './relay-error.js';
export { createRelay, type Relay } from './create-relay.js';
export type { RelayOptions, RelayCall } from './relay-options.js';
export { STREAM_ID_HEADER } from './relay-replies.js';
export type { StreamStore, StreamEntry, StoredStreamEntry, StreamStatus } from './stream-store.js';
export {
  StreamStoreError,
  StreamNotFoundError,
  StreamOwnerLostError,
  StreamStoreFullError,
} from './stream-store-errors.js';
export {
  createMemoryStreamStore,
  type MemoryStreamStore,
  type MemoryStreamStoreOptions,
} from './memory-stream-store.js';
export { createRedisStreamStore, type RedisStreamStoreOptions } from './redis-stream-store.js';
export type { RedisClientLike, NodeRedisClientLike, IORedisClientLike } from './redis-connection.js';
