/**
 * The mock server for the load and leak measurements, in its own process so that its memory and CPU do
 * not count against the client. Every chat request streams `t0 t1 … t(n-1)` as one delta per word.
 *
 * Usage: `tsx spec/bench/load-server.ts [--words N] [--delay MS]`. Prints the base URL on stdout. When
 * started with an IPC channel (`fork`), it answers `{ type: 'stats' }` with `{ openConnections, requests, cpuMs }`
 * (`cpuMs`: the server process's CPU time so far, user + system)
 * and `{ type: 'forget' }` by dropping its request log (so a 10,000-request run does not grow it).
 * Stops on SIGTERM / SIGINT, or when its parent goes away.
 */
import { startMockServer } from '../../lib/testing/index.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};

const words = flag('words', 198);
const text = Array.from({ length: words }, (_, i) => `t${i}`).join(' ');
const mock = await startMockServer({ chunkDelayMs: flag('delay', 0), reply: { type: 'chat', text } });
let requests = 0;

process.stdout.write(`${mock.url}\n`);
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stats') {
    requests += mock.requests.length;
    mock.requests.length = 0;
    const cpu = process.cpuUsage();
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    process.send?.({ type: 'stats', openConnections: mock.openConnections(), requests, cpuMs });
  } else if (message.type === 'forget') {
    requests += mock.requests.length;
    mock.requests.length = 0;
  }
});

const stop = (): void => void mock.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.once('disconnect', stop);
// A bound: never outlive a stuck parent by more than 10 minutes.
setTimeout(stop, 600_000).unref();
