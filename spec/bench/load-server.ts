/**
 * The mock server for the HTTP benchmarks (load, per-chunk CPU, leaks), in its own process so that its
 * memory and CPU do not count against the client. A chat request for a benchmark model (`b-<chunks>-<chars>-
 * <delay>`, see `bench-model.ts`) streams that shape; any other model streams `t0 t1 … t(n-1)` as one
 * delta per word.
 *
 * Usage: `tsx spec/bench/load-server.ts [--words N] [--delay MS]`. Prints the base URL on stdout. When
 * started with an IPC channel (`fork`), it answers `{ type: 'stats' }` with `{ openConnections, requests, cpuMs }`
 * (`cpuMs`: the server process's CPU time so far, user + system)
 * and `{ type: 'forget' }` by dropping its request log (so a 10,000-request run does not grow it).
 * Stops on SIGTERM / SIGINT, or when its parent goes away.
 */
import { startMockServer, type MockChatReply } from '../../lib/testing/index.js';
import { benchText, parseBenchModel } from './bench-model.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};

const words = flag('words', 198);
const text = Array.from({ length: words }, (_, i) => `t${i}`).join(' ');
const byModel = new Map<string, MockChatReply>();
/** The reply for a request: its benchmark shape (built once per model name), else the word stream. */
function replyFor(model: unknown): MockChatReply {
  const shape = parseBenchModel(model);
  if (!shape) return { type: 'chat', text };
  const name = model as string;
  let reply = byModel.get(name);
  if (!reply) {
    reply = { type: 'chat', text: benchText(shape), tokenSize: shape.chars, delayMs: shape.delayMs };
    byModel.set(name, reply);
  }
  return reply;
}
const mock = await startMockServer({
  chunkDelayMs: flag('delay', 0),
  reply: (request) => replyFor((request.body as { model?: unknown } | undefined)?.model),
});
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
