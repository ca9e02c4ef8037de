// One relay instance as its own process, for spec/server/two-instances.spec.ts (not a spec itself): a relay
// on Redis in front of UPSTREAM_URL, on an ephemeral loopback port that it prints on stdout.
// Env: UPSTREAM_URL, REDIS_URL, REDIS_CLIENT ('redis' | 'ioredis'), HEARTBEAT_MS.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient as createNodeRedis } from 'redis';
import { Redis } from 'ioredis';
import { createClient } from '../../lib/client.js';
import { createRedisStreamStore, createRelay, type RedisClientLike } from '../../lib/server/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`relay-process: ${name} is required`);
  return value;
};
const redisURL = env('REDIS_URL');
const redis: RedisClientLike =
  process.env['REDIS_CLIENT'] === 'ioredis'
    ? new Redis(redisURL)
    : await createNodeRedis({ url: redisURL }).connect();
const heartbeatMs = Number(process.env['HEARTBEAT_MS'] ?? 100);
const relay = createRelay({
  client: createClient({ apiKey: 'sk-relay-process-key', baseURL: env('UPSTREAM_URL'), maxRetries: 0 }),
  store: createRedisStreamStore(redis, {
    heartbeatMs,
    ownerTimeout: 3 * heartbeatMs,
    prefix: 'two-instances:',
  }),
  detachTimeout: 2_000,
});
const server = createServer((req, res) => void relay.node(req, res));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api\n`);
});
process.once('SIGTERM', () => process.exit(0));
