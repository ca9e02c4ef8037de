import { named, OpenAIStreamError } from '../errors/base.js';

/**
 * A stream store could not serve a stream. `code` says why, in the words the relay sends to the browser
 * (`stream_not_found`, `stream_owner_lost`, `stream_store_full`); `streamId` names the stream.
 *
 * @example
 * ```ts
 * import { createMemoryStreamStore, StreamStoreError } from 'rxjs-openai-stream/server';
 *
 * createMemoryStreamStore().read('unknown').subscribe({
 *   error: (error) => error instanceof StreamStoreError && console.log(error.code), // 'stream_not_found'
 * });
 * ```
 */
export class StreamStoreError extends OpenAIStreamError {
  static {
    named(this, 'StreamStoreError');
  }
  readonly code: string;
  readonly streamId: string;

  constructor(message: string, init: { code: string; streamId: string; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.streamId = init.streamId;
  }
}

/**
 * The stream is unknown to the store, or it expired (its `ttl` passed, or it was evicted to stay within
 * `maxBytes`). The relay answers 404 `stream_not_found`.
 *
 * @example
 * ```ts
 * import { StreamNotFoundError } from 'rxjs-openai-stream/server';
 *
 * const error = new StreamNotFoundError('gen-1');
 * console.log(error.code, error.message); // 'stream_not_found' 'No stream gen-1 (unknown or expired)'
 * ```
 */
export class StreamNotFoundError extends StreamStoreError {
  static {
    named(this, 'StreamNotFoundError');
  }
  constructor(streamId: string) {
    super(`No stream ${streamId} (unknown or expired)`, { code: 'stream_not_found', streamId });
  }
}

/**
 * The instance that owned the generation stopped heartbeating before the stream ended (it crashed or was
 * stopped): its readers fail with this error instead of waiting forever.
 *
 * @example
 * ```ts
 * import { StreamOwnerLostError } from 'rxjs-openai-stream/server';
 *
 * const error = new StreamOwnerLostError('gen-1', 3000);
 * console.log(error.code); // 'stream_owner_lost'
 * ```
 */
export class StreamOwnerLostError extends StreamStoreError {
  static {
    named(this, 'StreamOwnerLostError');
  }
  constructor(streamId: string, silentMs: number) {
    const message = `The instance generating stream ${streamId} stopped heartbeating for over ${silentMs} ms`;
    super(message, { code: 'stream_owner_lost', streamId });
  }
}

/**
 * An append would take the memory store past `maxBytes` even after evicting every ended stream: the
 * live generations alone fill it. The relay ends that generation with a `stream_store_full` error frame.
 *
 * @example
 * ```ts
 * import { StreamStoreFullError } from 'rxjs-openai-stream/server';
 *
 * const error = new StreamStoreFullError('gen-1', 1 << 20);
 * console.log(error.code, error.maxBytes); // 'stream_store_full' 1048576
 * ```
 */
export class StreamStoreFullError extends StreamStoreError {
  static {
    named(this, 'StreamStoreFullError');
  }
  readonly maxBytes: number;
  constructor(streamId: string, maxBytes: number) {
    const message = `Stream ${streamId}: the live streams fill the store's ${maxBytes} bytes`;
    super(message, { code: 'stream_store_full', streamId });
    this.maxBytes = maxBytes;
  }
}
