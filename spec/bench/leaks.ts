/**
 * Leak check (a measurement, not a test): 10,000 cycles of subscribe, then unsubscribe at a random point
 * (before the headers, right after them, or after k chunks), against the mock server in another process;
 * then again with every cycle sharing ONE external AbortSignal. Afterwards: the server's open sockets must
 * return to 0, the heap after GC must stay near its baseline, the shared signal must have no listener
 * left, and no `MaxListenersExceededWarning` may have been emitted.
 *
 * Run: `npm run leaks` (= `node --expose-gc --import tsx spec/bench/leaks.ts`; add `-- --cycles N
 * --concurrency N`), or after the load run with `npm run load -- --leaks`. Exits 1 when a check fails.
 * Stops by itself.
 */
import { getEventListeners } from 'node:events';
import type { Subscription } from 'rxjs';
import { createClient } from '../../lib/index.js';
import { spawnServer } from './spawn-server.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const CYCLES = option('cycles', 10_000);
const CONCURRENCY = option('concurrency', 100);
const WORDS = 40;
/** Heap growth after GC that still counts as "no leak", in MB. */
const HEAP_BOUND_MB = 8;
const LIMIT_MS = 400_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('leaks.ts needs --expose-gc: node --expose-gc --import tsx spec/bench/leaks.ts');
  process.exit(2);
}
setTimeout(() => {
  console.error(`leaks.ts: still running after ${LIMIT_MS} ms, giving up`);
  process.exit(1);
}, LIMIT_MS).unref();

const warnings: string[] = [];
process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));

const server = await spawnServer(['--words', String(WORDS), '--delay', '1']);
const client = createClient({ apiKey: 'x', baseURL: server.url, maxRetries: 0 });
const params = {
  model: 'gpt-mock',
  messages: [{ role: 'user' as const, content: 'Count.' }],
  stream: true as const,
};

type Point = 'sync' | 'before-headers' | 'after-headers' | 'after-chunks';
const tally: Record<Point | 'finished-first', number> = {
  sync: 0,
  'before-headers': 0,
  'after-headers': 0,
  'after-chunks': 0,
  'finished-first': 0,
};

/** One cycle: subscribe, unsubscribe at a random point, resolve once unsubscribed (or ended first). */
function cycle(signal: AbortSignal | undefined): Promise<void> {
  const points: Point[] = ['sync', 'before-headers', 'after-headers', 'after-chunks'];
  const point = points[Math.floor(Math.random() * points.length)]!;
  const k = 1 + Math.floor(Math.random() * (WORDS + 4));
  return new Promise((resolve) => {
    const holder: { subscription?: Subscription } = {};
    let chunks = 0;
    let done = false;
    const stop = (why: Point | 'finished-first') => {
      if (done) return;
      done = true;
      tally[why]++;
      holder.subscription?.unsubscribe();
      resolve();
    };
    const options = signal ? { observe: 'events' as const, signal } : { observe: 'events' as const };
    holder.subscription = client.chat.completions.create(params, options).subscribe({
      next: (event) => {
        if (event.type === 'open' && point === 'after-headers') return stop(point);
        if (event.type === 'data' && point === 'after-chunks' && ++chunks >= k) stop(point);
      },
      error: () => stop('finished-first'),
      complete: () => stop('finished-first'),
    });
    if (point === 'sync') stop(point);
    else if (point === 'before-headers') setImmediate(() => stop(point));
  });
}

async function runCycles(count: number, signal?: AbortSignal): Promise<void> {
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      await cycle(signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, lane));
}

async function settledHeapMB(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function socketsDrained(timeoutMs: number): Promise<{ open: number; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const { openConnections } = await server.stats();
    if (openConnections === 0 || Date.now() - started > timeoutMs)
      return { open: openConnections, waitedMs: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const failures: string[] = [];
try {
  await runCycles(500); // warm-up: JIT, connection pool, module caches
  await socketsDrained(10_000);
  const baseline = await settledHeapMB();
  const rows: string[] = [];

  for (const phase of ['own signals', 'one shared external AbortSignal'] as const) {
    const shared = phase === 'own signals' ? undefined : new AbortController();
    for (const key of Object.keys(tally) as Array<keyof typeof tally>) tally[key] = 0;
    const started = Date.now();
    const warningsBefore = warnings.length;
    await runCycles(CYCLES, shared?.signal);
    const elapsed = Date.now() - started;
    const listeners = shared ? getEventListeners(shared.signal, 'abort').length : 0;
    const drained = await socketsDrained(15_000);
    const heap = await settledHeapMB();
    const maxListeners = warnings
      .slice(warningsBefore)
      .filter((w) => w.startsWith('MaxListenersExceededWarning')).length;
    rows.push(
      `| ${phase} | ${CYCLES} | ${elapsed} ms | ${drained.open} (after ${drained.waitedMs} ms) | ` +
        `${(heap - baseline).toFixed(2)} MB | ${shared ? listeners : '-'} | ${maxListeners} | ${JSON.stringify(tally)} |`,
    );
    if (drained.open !== 0) failures.push(`${phase}: ${drained.open} server sockets still open`);
    if (heap - baseline > HEAP_BOUND_MB)
      failures.push(`${phase}: heap grew ${(heap - baseline).toFixed(1)} MB`);
    if (listeners !== 0) failures.push(`${phase}: ${listeners} abort listeners left on the shared signal`);
    if (maxListeners) failures.push(`${phase}: ${maxListeners} MaxListenersExceededWarning(s)`);
  }

  const { requests } = await server.stats();
  console.log(`\nLeak check: ${CYCLES} subscribe/unsubscribe cycles per phase, ${CONCURRENCY} at a time`);
  console.log(
    `(server in another process saw ${requests} requests; heap baseline ${baseline.toFixed(1)} MB after GC)\n`,
  );
  console.log(
    '| phase | cycles | time | server sockets open after | heap after GC vs baseline | listeners left | MaxListeners warnings | unsubscribe points |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(`\nwarnings: ${warnings.length ? warnings.join('; ') : 'none'}`);
  console.log(failures.length ? `\nFAIL:\n- ${failures.join('\n- ')}` : '\nOK: no leak found');
} finally {
  await server.stop();
}
process.exit(failures.length ? 1 : 0);
