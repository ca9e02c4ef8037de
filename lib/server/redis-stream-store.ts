import { Observable } from 'rxjs';
import {
  redisConnection,
  streamEntriesOf,
  type RedisClientLike,
  type RedisConnection,
} from './redis-connection.js';
import {
  CANCELLED_ENTRY,
  isTerminal,
  type StoredStreamEntry,
  type StreamEntry,
  type StreamStore,
} from './stream-store.js';
import { StreamNotFoundError, StreamOwnerLostError } from './stream-store-errors.js';

/**
 * Options of {@link createRedisStreamStore}.
 *
 * @example
 * ```ts
 * import type { RedisStreamStoreOptions } from 'rxjs-openai-stream/server';
 *
 * const options: RedisStreamStoreOptions = { prefix: 'chat:', ttl: 10 * 60_000, heartbeatMs: 1000 };
 * ```
 */
export interface RedisStreamStoreOptions {
  /** Prepended to every key. @defaultValue 'rxjs-openai-stream:' */
  prefix?: string;
  /** How long (ms) a stream is kept after its last entry (`PEXPIRE`). @defaultValue 300000 */
  ttl?: number;
  /** How often (ms) an owner heartbeats and a reader checks on the owner. @defaultValue 1000 */
  heartbeatMs?: number;
  /** Readers fail with `StreamOwnerLostError` once the owner was silent this long (ms). @defaultValue 3 × heartbeatMs */
  ownerTimeout?: number;
}

const READ_BATCH = '256';

/**
 * Creates a {@link StreamStore} on Redis Streams, shared by every relay instance behind a load balancer: a
 * reconnect that lands on another instance resumes from Redis while the first one keeps generating.
 * Entries go to a stream per generation (`XADD` with the sequence as id, `PEXPIRE ttl`); readers follow
 * with `XREAD BLOCK` on a connection of their own (a `duplicate()` of the client, closed when they stop).
 * The owner refreshes a heartbeat key every `heartbeatMs`; when it stops before the end (the instance
 * died), readers fail with `StreamOwnerLostError` within `ownerTimeout + heartbeatMs`. A cancel on any
 * instance ends the stream at once and reaches the owner at its next heartbeat.
 *
 * @param redis - a connected `redis` (v6) or `ioredis` (v6) client (optional peer dependencies: install
 *   the one you use).
 * @param options - key prefix, ttl, heartbeat period and owner timeout.
 * @returns the store; `close()` stops its readers (the client you passed stays open).
 *
 * @example
 * ```ts
 * import { createClient as createRedisClient } from 'redis';
 * import { createClient } from 'rxjs-openai-stream';
 * import { createRedisStreamStore, createRelay } from 'rxjs-openai-stream/server';
 *
 * const redis = await createRedisClient({ url: process.env['REDIS_URL'] }).connect();
 * const relay = createRelay({ client: createClient(), store: createRedisStreamStore(redis) });
 * ```
 */
export function createRedisStreamStore(
  redis: RedisClientLike,
  options: RedisStreamStoreOptions = {},
): StreamStore {
  const main = redisConnection(redis);
  const prefix = options.prefix ?? 'rxjs-openai-stream:';
  const ttl = String(options.ttl ?? 300_000);
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const ownerTimeout = options.ownerTimeout ?? 3 * heartbeatMs;
  const instance = crypto.randomUUID();
  /** The next sequence of each stream this instance owns. */
  const next = new Map<string, number>();
  const readers = new Set<() => void>();
  // A hash tag keeps a stream's keys on one Redis Cluster slot.
  const key = (id: string, part: 'events' | 'owner' | 'cancel' | 'watched') => `${prefix}{${id}}:${part}`;
  const exists = async (...keys: string[]) => Number(await main.send(['EXISTS', ...keys])) > 0;

  const encode = (entry: StreamEntry): string[] =>
    entry.type === 'data'
      ? ['t', 'data', 'd', entry.data]
      : entry.type === 'error'
        ? ['t', 'error', 'd', JSON.stringify(entry.error)]
        : ['t', 'done'];
  const decode = (fields: Record<string, string>, sequence: number): StoredStreamEntry => {
    if (fields['t'] === 'data') return { type: 'data', data: fields['d'] ?? '', sequence };
    if (fields['t'] === 'done') return { type: 'done', sequence };
    return { type: 'error', error: JSON.parse(fields['d'] ?? '{}'), sequence };
  };

  async function follow(
    id: string,
    after: number,
    emit: (entry: StoredStreamEntry) => boolean,
    isStopped: () => boolean,
    setConnection: (connection: RedisConnection) => void,
  ): Promise<void> {
    if (!(await exists(key(id, 'events'), key(id, 'owner')))) throw new StreamNotFoundError(id);
    const connection = await main.duplicate();
    setConnection(connection);
    let cursor = `0-${after}`;
    let sequence = after;
    let watchedAt = 0;
    const deliver = (reply: unknown): boolean => {
      const entries = streamEntriesOf(reply);
      for (const { id: entryId, fields } of entries) {
        cursor = entryId;
        // Entries are stored with the id `0-<sequence>`; a cancel from elsewhere gets a time-based id.
        sequence = entryId.startsWith('0-') ? Number(entryId.slice(2)) : sequence + 1;
        if (emit(decode(fields, sequence))) return true;
      }
      return false;
    };
    while (!isStopped()) {
      if (Date.now() - watchedAt >= heartbeatMs) {
        watchedAt = Date.now();
        await main.send(['SET', key(id, 'watched'), '1', 'PX', String(ownerTimeout)]);
      }
      const block = String(heartbeatMs);
      const reply = await connection.send([
        'XREAD',
        'COUNT',
        READ_BATCH,
        'BLOCK',
        block,
        'STREAMS',
        key(id, 'events'),
        cursor,
      ]);
      if (isStopped() || deliver(reply)) return;
      if (streamEntriesOf(reply).length === 0 && !(await exists(key(id, 'owner')))) {
        // No owner: whatever it wrote before leaving (maybe its terminal entry) is all there is.
        const rest = await main.send(['XREAD', 'COUNT', READ_BATCH, 'STREAMS', key(id, 'events'), cursor]);
        if (deliver(rest)) return;
        if (streamEntriesOf(rest).length === 0) throw new StreamOwnerLostError(id, ownerTimeout);
      }
    }
  }

  return {
    heartbeatMs,
    async create(id) {
      next.set(id, 1);
      await main.send(['SET', key(id, 'owner'), instance, 'PX', String(ownerTimeout)]);
    },
    has: (id) => exists(key(id, 'events'), key(id, 'owner')),
    async append(id, entry) {
      const sequence = next.get(id) ?? 1;
      next.set(id, sequence + 1);
      const events = key(id, 'events');
      const added = main.send(['XADD', events, `0-${sequence}`, ...encode(entry)]);
      const expired = main.send(['PEXPIRE', events, ttl]);
      if (isTerminal(entry)) {
        next.delete(id);
        void main.send(['DEL', key(id, 'owner')]).catch(() => {});
      }
      try {
        await added;
      } catch (error) {
        // A cancel from another instance wrote a later (time-based) id: the stream has ended.
        if (/equal or smaller/i.test(String((error as Error)?.message))) return false;
        throw error;
      } finally {
        await expired.catch(() => {});
      }
      return true;
    },
    read(id, after = 0) {
      return new Observable<StoredStreamEntry>((subscriber) => {
        let stopped = false;
        let connection: RedisConnection | undefined;
        const stop = (): void => {
          stopped = true;
          connection?.destroy();
          readers.delete(stop);
        };
        readers.add(stop);
        const emit = (entry: StoredStreamEntry): boolean => {
          if (entry.type === 'data' && entry.sequence <= after) return false;
          subscriber.next(entry);
          if (isTerminal(entry)) subscriber.complete();
          return isTerminal(entry);
        };
        follow(
          id,
          after,
          emit,
          () => stopped || subscriber.closed,
          (c) => (connection = c),
        )
          .then(
            () => subscriber.complete(),
            (error: unknown) => {
              if (!stopped) subscriber.error(error);
            },
          )
          .finally(stop);
        return stop;
      });
    },
    async heartbeat(id) {
      const [, cancelled, watched] = await Promise.all([
        main.send(['SET', key(id, 'owner'), instance, 'PX', String(ownerTimeout)]),
        exists(key(id, 'cancel')),
        exists(key(id, 'watched')),
      ]);
      return { cancelled, watched };
    },
    async cancel(id) {
      const events = key(id, 'events');
      const last = streamEntriesOf(await main.send(['XREVRANGE', events, '+', '-', 'COUNT', '1']))[0];
      if (last ? last.fields['t'] !== 'data' : !(await exists(key(id, 'owner')))) return false;
      await Promise.all([
        main.send(['XADD', events, '*', ...encode(CANCELLED_ENTRY)]),
        main.send(['PEXPIRE', events, ttl]),
        main.send(['SET', key(id, 'cancel'), '1', 'PX', ttl]),
      ]);
      return true;
    },
    async close() {
      for (const stop of [...readers]) stop();
    },
  };
}
