import { Observable, type Subscriber } from 'rxjs';
import {
  CANCELLED_ENTRY,
  isTerminal,
  type StoredStreamEntry,
  type StreamEntry,
  type StreamStore,
} from './stream-store.js';
import { StreamNotFoundError, StreamStoreFullError } from './stream-store-errors.js';

/**
 * Options of {@link createMemoryStreamStore}.
 *
 * @example
 * ```ts
 * import { createMemoryStreamStore, type MemoryStreamStoreOptions } from 'rxjs-openai-stream/server';
 *
 * const options: MemoryStreamStoreOptions = { ttl: 5 * 60_000, maxBytes: 32 * 1024 * 1024 };
 * const store = createMemoryStreamStore(options);
 * ```
 */
export interface MemoryStreamStoreOptions {
  /** How long (ms) a stream is kept after its last entry; then reconnects get 404. @defaultValue 300000 */
  ttl?: number;
  /**
   * The most the store holds, counted as 2 bytes per character of data plus 64 per entry. Past it, ended
   * streams are evicted oldest first; when live streams alone fill it, the append fails with
   * `StreamStoreFullError` (the relay ends that generation with a `stream_store_full` error frame).
   * @defaultValue 67108864 (64 MiB)
   */
  maxBytes?: number;
}

/**
 * The in-memory {@link StreamStore}, with its usage.
 *
 * @example
 * ```ts
 * import { createMemoryStreamStore, type MemoryStreamStore } from 'rxjs-openai-stream/server';
 *
 * const store: MemoryStreamStore = createMemoryStreamStore();
 * console.log(store.bytes, store.size); // 0 0
 * ```
 */
export interface MemoryStreamStore extends StreamStore {
  /** Bytes held now, as `maxBytes` counts them. */
  readonly bytes: number;
  /** Streams held now. */
  readonly size: number;
}

interface Stream {
  entries: StoredStreamEntry[];
  bytes: number;
  ended: boolean;
  cancelled: boolean;
  lastActivity: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  readers: Set<Subscriber<StoredStreamEntry>>;
}

const ENTRY_OVERHEAD = 64;
const costOf = (entry: StreamEntry): number =>
  ENTRY_OVERHEAD + (entry.type === 'data' ? 2 * entry.data.length : 0);

/**
 * Creates the embedded stream store of one relay process: entries live in memory for `ttl` after their
 * last one, within `maxBytes`. It is the default of `createRelay`. Several processes need a shared store
 * such as {@link createRedisStreamStore}.
 *
 * @param options - `ttl` and `maxBytes`.
 * @returns the store, with its `bytes` and `size`.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { createMemoryStreamStore, createRelay } from 'rxjs-openai-stream/server';
 *
 * const relay = createRelay({
 *   client: createClient({ apiKey: 'sk-test' }),
 *   store: createMemoryStreamStore({ ttl: 60_000, maxBytes: 16 * 1024 * 1024 }),
 * });
 * ```
 */
export function createMemoryStreamStore(options: MemoryStreamStoreOptions = {}): MemoryStreamStore {
  const ttl = options.ttl ?? 300_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const streams = new Map<string, Stream>();
  /** Ended streams, oldest end first: the eviction order. */
  const ended = new Set<string>();
  let bytes = 0;

  const drop = (id: string): void => {
    const stream = streams.get(id);
    if (!stream) return;
    clearTimeout(stream.timer);
    streams.delete(id);
    ended.delete(id);
    bytes -= stream.bytes;
    const error = new StreamNotFoundError(id);
    for (const reader of [...stream.readers]) reader.error(error);
  };

  // One timer per stream, rearmed only when it fires early (activity since): not one per append.
  const arm = (id: string, stream: Stream, delay: number): void => {
    stream.timer = setTimeout(() => {
      const idle = Date.now() - stream.lastActivity;
      if (idle >= ttl) drop(id);
      else arm(id, stream, ttl - idle);
    }, delay);
    (stream.timer as { unref?: () => void }).unref?.();
  };

  const makeRoom = (id: string, cost: number): void => {
    for (const old of ended) {
      if (bytes + cost <= maxBytes) return;
      drop(old);
    }
    if (bytes + cost > maxBytes) throw new StreamStoreFullError(id, maxBytes);
  };

  const append = (id: string, entry: StreamEntry): boolean => {
    const stream = streams.get(id);
    if (!stream || stream.ended) return false;
    const cost = costOf(entry);
    // Terminal entries are always kept (one small entry per stream), so a full store still ends cleanly.
    if (!isTerminal(entry)) makeRoom(id, cost);
    const stored = { ...entry, sequence: stream.entries.length + 1 } as StoredStreamEntry;
    stream.entries.push(stored);
    stream.bytes += cost;
    bytes += cost;
    stream.lastActivity = Date.now();
    if (isTerminal(entry)) {
      stream.ended = true;
      ended.add(id);
    }
    for (const reader of [...stream.readers]) {
      reader.next(stored);
      if (stream.ended) reader.complete();
    }
    return true;
  };

  return {
    heartbeatMs: 1000,
    get bytes() {
      return bytes;
    },
    get size() {
      return streams.size;
    },
    async create(id) {
      if (streams.has(id)) throw new TypeError(`createMemoryStreamStore: stream ${id} exists already`);
      const stream: Stream = {
        entries: [],
        bytes: 0,
        ended: false,
        cancelled: false,
        lastActivity: Date.now(),
        timer: undefined,
        readers: new Set(),
      };
      streams.set(id, stream);
      arm(id, stream, ttl);
    },
    async has(id) {
      return streams.has(id);
    },
    async append(id, entry) {
      return append(id, entry);
    },
    read(id, after = 0) {
      return new Observable<StoredStreamEntry>((subscriber) => {
        const stream = streams.get(id);
        if (!stream) return subscriber.error(new StreamNotFoundError(id));
        for (const entry of stream.entries) {
          if (subscriber.closed) return;
          if (entry.sequence > after || isTerminal(entry)) subscriber.next(entry);
        }
        if (stream.ended) return subscriber.complete();
        stream.readers.add(subscriber);
        return () => stream.readers.delete(subscriber);
      });
    },
    async heartbeat(id) {
      const stream = streams.get(id);
      return { cancelled: !stream || stream.cancelled, watched: (stream?.readers.size ?? 0) > 0 };
    },
    async cancel(id) {
      const stream = streams.get(id);
      if (!stream || stream.ended) return false;
      stream.cancelled = true;
      return append(id, CANCELLED_ENTRY);
    },
    async close() {
      for (const id of [...streams.keys()]) drop(id);
    },
  };
}
