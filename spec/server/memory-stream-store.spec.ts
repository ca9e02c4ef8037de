import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import {
  createMemoryStreamStore,
  StreamNotFoundError,
  StreamStoreFullError,
  type StoredStreamEntry,
} from '../../lib/server/index.js';

afterEach(() => {
  jest.useRealTimers();
});

const data = (text: string) => ({ type: 'data' as const, data: text });

describe('createMemoryStreamStore', () => {
  it('replays from any sequence, follows live appends, completes after the terminal entry', async () => {
    const store = createMemoryStreamStore();
    await store.create('a');
    await store.append('a', data('1'));
    const seen: StoredStreamEntry[] = [];
    let completed = false;
    store.read('a').subscribe({ next: (entry) => seen.push(entry), complete: () => (completed = true) });
    await store.append('a', data('2'));
    expect(completed).toBe(false);
    await store.append('a', { type: 'done' });
    expect(completed).toBe(true);
    expect(seen.map((entry) => entry.sequence)).toEqual([1, 2, 3]);
    const rest = await lastValueFrom(store.read('a', 1).pipe(toArray()));
    expect(rest.map((entry) => entry.sequence)).toEqual([2, 3]);
    expect(await store.append('a', data('late'))).toBe(false);
  });

  it('fails reads of unknown streams with StreamNotFoundError', async () => {
    const store = createMemoryStreamStore();
    await expect(lastValueFrom(store.read('nope'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('expires a stream ttl after its last entry, not while it is active', async () => {
    jest.useFakeTimers();
    const store = createMemoryStreamStore({ ttl: 1000 });
    await store.create('a');
    for (let i = 0; i < 5; i++) {
      jest.advanceTimersByTime(600);
      await store.append('a', data(String(i)));
    }
    expect(await store.has('a')).toBe(true);
    await store.append('a', { type: 'done' });
    jest.advanceTimersByTime(999);
    expect(await store.has('a')).toBe(true);
    jest.advanceTimersByTime(1000);
    expect(await store.has('a')).toBe(false);
    expect(store.bytes).toBe(0);
  });

  it('cancel ends the stream for its readers and tells the owner through heartbeat', async () => {
    const store = createMemoryStreamStore();
    await store.create('a');
    const read = lastValueFrom(store.read('a').pipe(toArray()));
    expect(await store.heartbeat('a')).toEqual({ cancelled: false, watched: true });
    expect(await store.cancel('a')).toBe(true);
    expect((await read).at(-1)).toMatchObject({ type: 'error', error: { code: 'stream_cancelled' } });
    expect((await store.heartbeat('a')).cancelled).toBe(true);
    expect(await store.cancel('a')).toBe(false);
  });

  it('stays within maxBytes: evicts ended streams oldest first, refuses live data past it', async () => {
    const store = createMemoryStreamStore({ maxBytes: 4096 });
    const chunk = 'x'.repeat(200); // 464 bytes as counted
    let full: unknown;
    for (let stream = 0; stream < 200; stream++) {
      const id = `s${stream}`;
      await store.create(id);
      for (let i = 0; i < 3; i++) await store.append(id, data(chunk));
      await store.append(id, { type: 'done' });
      expect(store.bytes).toBeLessThanOrEqual(4096);
    }
    expect(await store.has('s0')).toBe(false); // evicted
    expect(await store.has('s199')).toBe(true);
    // Live streams alone: the append that would pass the bound fails with a typed error.
    await store.create('live');
    try {
      for (let i = 0; i < 100; i++) await store.append('live', data(chunk));
    } catch (error) {
      full = error;
    }
    expect(full).toBeInstanceOf(StreamStoreFullError);
    expect(store.bytes).toBeLessThanOrEqual(4096 + 64); // + the one terminal entry a full stream may still take
    expect(await store.append('live', { type: 'error', error: { code: 'stream_store_full' } })).toBe(true);
  });

  it('holds bounded memory under a long run of generations', async () => {
    const store = createMemoryStreamStore({ maxBytes: 64 * 1024 });
    // ~1.3 KB each: 500 generations are ten times what fits, so eviction runs over and over.
    for (let stream = 0; stream < 500; stream++) {
      const id = `g${stream}`;
      await store.create(id);
      for (let i = 0; i < 20; i++)
        await store.append(id, data(`{"choices":[{"delta":{"content":"token ${i}"}}]}`));
      await store.append(id, { type: 'done' });
    }
    expect(store.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(store.size).toBeLessThan(60);
    await store.close();
    expect(store.size).toBe(0);
  });
});
