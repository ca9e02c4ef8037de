import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { contentOf, postChat, readEvents, sequenceText } from './helpers.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { bundleForNode, type NodeBundle } from '../helpers/node-bundle.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Instance {
  url: string;
  child: ChildProcess;
}

async function startInstance(script: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.stderr!.on('data', (data: Buffer) => (err += data.toString()));
    child.once('exit', (code) => reject(new Error(`relay process exited (${code}): ${err}`)));
  });
  return { url, child };
}

const stop = (instance: Instance, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) return resolve();
    instance.child.once('exit', () => resolve());
    instance.child.kill(signal);
  });

let redis: RedisServer;
let mock: MockServer;
let a: Instance;
let b: Instance;
let relayProcess: NodeBundle;

beforeAll(async () => {
  // relay-process.ts as one plain module: each process starts in ~0.25 s instead of ~1 s through tsx.
  [redis, mock, relayProcess] = await Promise.all([
    startRedisServer(),
    startMockServer({ chunkDelayMs: 15 }),
    bundleForNode(join(here, 'relay-process.ts')),
  ]);
  const common = { UPSTREAM_URL: mock.url, REDIS_URL: redis.url, HEARTBEAT_MS: '100' };
  // One instance on each Redis client: both read and write the same streams.
  [a, b] = await Promise.all([
    startInstance(relayProcess.file, { ...common, REDIS_CLIENT: 'redis' }),
    startInstance(relayProcess.file, { ...common, REDIS_CLIENT: 'ioredis' }),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([stop(a), stop(b)]);
  await mock.close();
  await redis.stop();
  relayProcess.remove();
});

describe('two relay processes on one redis-server', () => {
  it('moves a dropped connection to the other instance: every chunk once, no new upstream request', async () => {
    const n = 30;
    mock.enqueue({ type: 'chat', text: sequenceText(n) });
    const before = mock.requests.length;
    const abort = new AbortController();
    const first = await postChat(a.url, {}, { signal: abort.signal });
    const id = first.headers.get('x-stream-id')!;
    const start = await readEvents(first, { dropAfter: 5, abort });
    const rest = await readEvents(
      await fetch(`${b.url}/streams/${id}`, { headers: { 'last-event-id': start.lastEventId } }),
    );
    expect([...contentOf(start.events), ...contentOf(rest.events)].join('')).toBe(sequenceText(n));
    expect(rest.events.at(-1)?.data).toBe('[DONE]');
    expect(rest.events[0]?.id).toBe(String(Number(start.lastEventId) + 1));
    expect(mock.requests.length).toBe(before + 1);
  });

  it('a cancel on the other instance stops the owner’s upstream request', async () => {
    mock.enqueue({ type: 'chat', text: sequenceText(1000) });
    const first = await postChat(a.url);
    const id = first.headers.get('x-stream-id')!;
    const watching = readEvents(first);
    const upstream = mock.requests.at(-1)!;
    expect((await fetch(`${b.url}/streams/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await upstream.closed).toEqual({ abortedByClient: true });
    expect(JSON.parse((await watching).events.at(-1)!.data)).toMatchObject({
      error: { code: 'stream_cancelled' },
    });
  });

  it('when the owning process dies, watchers on the other get stream_owner_lost, not a hang', async () => {
    mock.enqueue({ type: 'chat', text: sequenceText(1000) });
    const first = await postChat(a.url);
    const id = first.headers.get('x-stream-id')!;
    await readEvents(first, { dropAfter: 2 });
    const watcher = await fetch(`${b.url}/streams/${id}`);
    const watching = readEvents(watcher);
    await stop(a, 'SIGKILL');
    const { events } = await watching;
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({
      type: 'error',
      error: { code: 'stream_owner_lost' },
    });
    expect(contentOf(events).length).toBeGreaterThan(0);
  });
});
