/**
 * The part of a `redis` (node-redis, v6) client that {@link createRedisStreamStore} uses. Pass the client
 * after `await client.connect()`.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import type { NodeRedisClientLike } from 'rxjs-openai-stream/server';
 *
 * const redis: NodeRedisClientLike = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 * ```
 */
export interface NodeRedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
  duplicate(): NodeRedisClientLike;
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * The part of an `ioredis` (v6) client that {@link createRedisStreamStore} uses.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import type { IORedisClientLike } from 'rxjs-openai-stream/server';
 *
 * const redis: IORedisClientLike = new Redis('redis://127.0.0.1:6379');
 * ```
 */
export interface IORedisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
  duplicate(): IORedisClientLike;
  disconnect(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * A Redis client of either library: the store recognises which by its methods (`call` for ioredis,
 * `sendCommand` for node-redis), so neither is imported by this package.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRedisStreamStore, type RedisClientLike } from 'rxjs-openai-stream/server';
 *
 * const redis: RedisClientLike = new Redis();
 * const store = createRedisStreamStore(redis);
 * ```
 */
export type RedisClientLike = NodeRedisClientLike | IORedisClientLike;

/** One connection's raw commands, whichever library holds it. @internal */
export interface RedisConnection {
  send(args: string[]): Promise<unknown>;
  /** A new connection of the same client (blocking reads need their own). */
  duplicate(): Promise<RedisConnection>;
  destroy(): void;
}

const ignore = (): void => {};

/** Wraps either client as a {@link RedisConnection}. @internal */
export function redisConnection(client: RedisClientLike): RedisConnection {
  if ('call' in client && typeof client.call === 'function') {
    const io = client;
    return {
      send: ([command, ...args]) => io.call(command!, ...args),
      async duplicate() {
        const copy = io.duplicate();
        copy.on('error', ignore); // the copy is ours: a dropped connection must not crash the process
        return redisConnection(copy);
      },
      destroy: () => io.disconnect(),
    };
  }
  if ('sendCommand' in client && typeof client.sendCommand === 'function') {
    const node = client;
    return {
      send: (args) => node.sendCommand(args),
      async duplicate() {
        const copy = node.duplicate();
        copy.on('error', ignore);
        await copy.connect();
        return redisConnection(copy);
      },
      destroy: () => node.destroy(),
    };
  }
  throw new TypeError('createRedisStreamStore: expected a client of `redis` (v6) or `ioredis` (v6)');
}

/** `[id, fields]` pairs of an XREAD or XRANGE reply, whether RESP2 arrays or RESP3 maps. @internal */
export function streamEntriesOf(reply: unknown): Array<{ id: string; fields: Record<string, string> }> {
  if (reply === null || reply === undefined) return [];
  let entries: unknown = reply;
  // XREAD: one stream, as [[key, entries]] (RESP2), a Map or an object keyed by stream name (RESP3).
  if (reply instanceof Map) entries = [...reply.values()][0];
  else if (!Array.isArray(reply) && typeof reply === 'object') entries = Object.values(reply)[0];
  else {
    const first = (reply as unknown[])[0];
    if (Array.isArray(first) && Array.isArray(first[1]) && !isEntry(first)) entries = first[1];
  }
  if (!Array.isArray(entries)) return [];
  return entries.map((entry) => {
    const [id, raw] = entry as [unknown, unknown];
    return { id: String(id), fields: fieldsOf(raw) };
  });
}

/** An entry is `[id, [field, value, …]]`; a stream is `[key, [entry, …]]`: tell them by the id's shape. */
function isEntry(value: unknown[]): boolean {
  return /^\d+-\d+$/.test(String(value[0]));
}

function fieldsOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) out[String(raw[i])] = String(raw[i + 1]);
  } else if (raw instanceof Map) {
    for (const [key, value] of raw) out[String(key)] = String(value);
  } else if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) out[key] = String(value);
  }
  return out;
}
