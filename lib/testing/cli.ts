#!/usr/bin/env node
/**
 * Starts the default mock server and prints its base URL on stdout, then serves until SIGINT / SIGTERM.
 *
 * Usage: `node dist/testing/cli.js [--port N] [--host H] [--delay MS]` or `tsx lib/testing/cli.ts`.
 */
import { startMockServer } from './mock-server.js';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};

const mock = await startMockServer({
  host: flag('host') ?? '127.0.0.1',
  port: Number(flag('port') ?? 0),
  chunkDelayMs: Number(flag('delay') ?? 0),
});
process.stdout.write(`${mock.url}\n`);
const stop = (): void => void mock.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
