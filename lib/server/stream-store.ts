import type { Observable } from 'rxjs';
import type { APIErrorBody } from '../errors/api-error.js';

/**
 * One thing a relayed generation produced, as a {@link StreamStore} keeps it: a payload (`data`, the JSON
 * text of a chunk or event), or the terminal `done` or `error` entry that ends the stream.
 *
 * @example
 * ```ts
 * import type { StreamEntry } from 'rxjs-openai-stream/server';
 *
 * const entries: StreamEntry[] = [{ type: 'data', data: '{"choices":[]}' }, { type: 'done' }];
 * ```
 */
export type StreamEntry =
  { type: 'data'; data: string } | { type: 'done' } | { type: 'error'; error: APIErrorBody };

/**
 * A {@link StreamEntry} read back from a store, with its `sequence`: 1 for the first entry of a stream,
 * then 2, 3, … (the SSE `id:` of a `data` entry, what a reconnect sends as `Last-Event-ID`).
 *
 * @example
 * ```ts
 * import type { StoredStreamEntry } from 'rxjs-openai-stream/server';
 *
 * const entry: StoredStreamEntry = { sequence: 1, type: 'data', data: '{"choices":[]}' };
 * ```
 */
export type StoredStreamEntry = StreamEntry & { sequence: number };

/**
 * What an owner learns from a heartbeat: whether the stream was cancelled (from another instance), and
 * whether a reader elsewhere is watching it.
 *
 * @example
 * ```ts
 * import type { StreamStatus } from 'rxjs-openai-stream/server';
 *
 * const status: StreamStatus = { cancelled: false, watched: true };
 * ```
 */
export interface StreamStatus {
  cancelled: boolean;
  watched: boolean;
}

/**
 * Where a relay keeps the entries of its generations, so that a dropped connection can resume and several
 * connections can watch one generation. One instance (the owner) creates and appends; any instance reads.
 * Implementations: {@link createMemoryStreamStore} (one process), {@link createRedisStreamStore} (several).
 *
 * @example
 * ```ts
 * import { createMemoryStreamStore, type StreamStore } from 'rxjs-openai-stream/server';
 *
 * const store: StreamStore = createMemoryStreamStore({ ttl: 60_000 });
 * await store.create('gen-1');
 * await store.append('gen-1', { type: 'data', data: '"hello"' });
 * await store.append('gen-1', { type: 'done' });
 * store.read('gen-1').subscribe((entry) => console.log(entry.sequence, entry.type)); // 1 data, 2 done
 * ```
 */
export interface StreamStore {
  /** How often (ms) an owner calls {@link StreamStore.heartbeat} while its generation runs. */
  readonly heartbeatMs: number;
  /** Registers a new stream owned by the caller; readers find it from now on (before its first entry). */
  create(id: string): Promise<void>;
  /** Whether the stream exists (created, and neither expired nor evicted). */
  has(id: string): Promise<boolean>;
  /**
   * Appends the next entry. Appends to one id apply in call order. Resolves `false` when the stream has
   * already ended (cancelled, or expired) so the entry was not stored: the owner should stop.
   */
  append(id: string, entry: StreamEntry): Promise<boolean>;
  /**
   * The entries after sequence `after` (all when omitted), then each new one as it is appended; completes
   * after the terminal entry. Fails with `StreamNotFoundError` for an unknown or expired stream and with
   * `StreamOwnerLostError` when the owner stopped heartbeating before the end. Cold; unsubscribing stops
   * the follow.
   */
  read(id: string, after?: number): Observable<StoredStreamEntry>;
  /** Keeps an owned stream alive; reports whether it was cancelled or is watched elsewhere. */
  heartbeat(id: string): Promise<StreamStatus>;
  /** Ends the stream with a `stream_cancelled` error entry and tells its owner. `false` if unknown or ended. */
  cancel(id: string): Promise<boolean>;
  /** Releases what the store holds (connections, timers). */
  close(): Promise<void>;
}

/** The error entry a cancelled stream ends with (what watchers receive as their error frame). */
export const CANCELLED_ENTRY: StreamEntry = Object.freeze({
  type: 'error',
  error: Object.freeze({
    message: 'The generation was cancelled.',
    type: 'invalid_request_error',
    code: 'stream_cancelled',
    param: null,
  }),
});

/** Whether an entry ends its stream. */
export const isTerminal = (entry: StreamEntry): boolean => entry.type !== 'data';
