import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { createClient as createNodeRedis } from 'redis';
import { Redis } from 'ioredis';
import {
  createRedisStreamStore,
  StreamNotFoundError,
  StreamOwnerLostError,
  type RedisClientLike,
  type StreamStore,
} from '../../lib/server/index.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server.stop();
});

type Client = { client: RedisClientLike; close(): Promise<void> };
const clients: Record<string, () => Promise<Client>> = {
  redis: async () => {
    const client = await createNodeRedis({ url: server.url }).connect();
    return { client, close: () => client.close() };
  },
  ioredis: async () => {
    const client = new Redis(server.url);
    return { client, close: async () => void client.disconnect() };
  },
};

let opened: Client[] = [];
let stores: StreamStore[] = [];
afterEach(async () => {
  for (const store of stores) await store.close();
  for (const client of opened) await client.close();
  opened = [];
  stores = [];
});

let counter = 0;
const newId = () => `s${Date.now().toString(36)}${++counter}`;

describe.each(Object.keys(clients))('createRedisStreamStore with %s', (name) => {
  const store = async (options: Parameters<typeof createRedisStreamStore>[1] = {}) => {
    const client = await clients[name]!();
    opened.push(client);
    const made = createRedisStreamStore(client.client, { prefix: `spec-${name}:`, ...options });
    stores.push(made);
    return made;
  };

  it('stores entries in order and reads them from any sequence, then completes at the end', async () => {
    const owner = await store();
    const id = newId();
    await owner.create(id);
    for (const n of [1, 2, 3])
      expect(await owner.append(id, { type: 'data', data: `{"n":${n}}` })).toBe(true);
    await owner.append(id, { type: 'done' });
    const all = await lastValueFrom(owner.read(id).pipe(toArray()));
    expect(all.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'data'],
      [2, 'data'],
      [3, 'data'],
      [4, 'done'],
    ]);
    const rest = await lastValueFrom(owner.read(id, 2).pipe(toArray()));
    expect(rest.map((e) => e.sequence)).toEqual([3, 4]);
  });

  it('follows live appends from another instance', async () => {
    const [owner, reader] = [await store(), await store()];
    const id = newId();
    await owner.create(id);
    const read = lastValueFrom(reader.read(id).pipe(toArray()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await owner.append(id, { type: 'data', data: '"a"' });
    await owner.append(id, { type: 'data', data: '"b"' });
    await owner.append(id, { type: 'error', error: { message: 'boom', code: 'x' } });
    const entries = await read;
    expect(entries.map((e) => (e.type === 'data' ? e.data : e.type))).toEqual(['"a"', '"b"', 'error']);
  });

  it('fails a read of an unknown stream with StreamNotFoundError', async () => {
    const reader = await store();
    await expect(firstValueFrom(reader.read('nope'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('cancels from another instance: readers end, the owner learns at its heartbeat and its appends stop', async () => {
    const [owner, other] = [await store(), await store()];
    const id = newId();
    await owner.create(id);
    await owner.append(id, { type: 'data', data: '1' });
    expect(await other.cancel(id)).toBe(true);
    expect(await owner.heartbeat(id)).toEqual({ cancelled: true, watched: false });
    expect(await owner.append(id, { type: 'data', data: '2' })).toBe(false);
    const entries = await lastValueFrom(other.read(id).pipe(toArray()));
    expect(entries.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream_cancelled' } });
    expect(await other.cancel(id)).toBe(false);
  });

  it('tells the owner when a reader elsewhere watches', async () => {
    const [owner, reader] = [await store({ heartbeatMs: 50 }), await store({ heartbeatMs: 50 })];
    const id = newId();
    await owner.create(id);
    const subscription = reader.read(id).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await owner.heartbeat(id)).watched).toBe(true);
    subscription.unsubscribe();
  });

  it('fails readers with StreamOwnerLostError when the owner stops heartbeating', async () => {
    const [owner, reader] = [
      await store({ heartbeatMs: 30, ownerTimeout: 90 }),
      await store({ heartbeatMs: 30, ownerTimeout: 90 }),
    ];
    const id = newId();
    await owner.create(id);
    await owner.append(id, { type: 'data', data: '1' });
    const seen: number[] = [];
    const error = await new Promise((resolve) =>
      reader
        .read(id)
        .subscribe({ next: (e) => seen.push(e.sequence), error: resolve, complete: () => resolve(null) }),
    );
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(StreamOwnerLostError);
  });

  it('expires a stream ttl after its last entry', async () => {
    const owner = await store({ ttl: 60, heartbeatMs: 20, ownerTimeout: 40 });
    const id = newId();
    await owner.create(id);
    await owner.append(id, { type: 'done' });
    expect(await owner.has(id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await owner.has(id)).toBe(false);
  });

  it('stops the blocking read when unsubscribed', async () => {
    const [owner, reader] = [await store(), await store()];
    const id = newId();
    await owner.create(id);
    const values = lastValueFrom(reader.read(id).pipe(take(1), toArray()));
    await owner.append(id, { type: 'data', data: '1' });
    expect((await values).length).toBe(1);
  });
});
