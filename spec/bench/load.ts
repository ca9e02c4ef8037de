/**
 * `npm run load`: 1,000 concurrent streams of 200 chunks each, from one process, against the mock server
 * running in another process; once with this library and once with the official `openai` package, each
 * in its own child process so that their peak RSS compares. Checks that every stream completes with
 * every chunk once and in order, and prints wall time and peak RSS side by side. A measurement, not a
 * test: it stops by itself (every child has a time limit).
 *
 * The server is warmed up first (a few hundred plain streams, not measured), so that neither client meets
 * a cold server (JIT, socket setup); `--openai-first` swaps the order of the two runs to check that the
 * order does not matter.
 *
 * Reading the table: the mock server writes every frame with its own syscall and is usually the bottleneck
 * (its CPU is saturated), so wall time follows `server CPU` more than `client CPU`. `client idle` is how
 * long the client's event loop waited for data: a client that keeps up with the server idles and is woken
 * for smaller reads, which costs the server more per write. On a shared machine, compare medians of
 * `--repeat` rounds, never one run.
 *
 * Flags: `--streams N` (1000), `--chunks N` (200), `--delay MS` pause between chunks on the server (0),
 * `--openai-first`, `--repeat N` runs N rounds, swapping the order every round, and prints medians (1),
 * `--leaks` also runs `leaks.ts` (same as `npm run leaks`). Internal: `--worker ours|openai --url U`
 * runs one side.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { createClient } from '../../lib/client.js';
import { spawnServer } from './spawn-server.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};
const STREAMS = Number(option('streams') ?? 1000);
const CHUNKS = Number(option('chunks') ?? 200);
/** Content deltas per stream: the role chunk and the finish chunk make up the rest of CHUNKS. */
const WORDS = CHUNKS - 2;
const CHILD_LIMIT_MS = 180_000;
/** Streams read (plain fetch, not measured) to warm the server up before the measured runs. */
const WARMUP_STREAMS = 400;

interface WorkerResult {
  impl: 'ours' | 'openai';
  streams: number;
  completed: number;
  failed: number;
  /** Streams whose deltas were not exactly t0 … t(n-1), once each, in order. */
  wrong: number;
  chunks: number;
  wallMs: number;
  /** CPU time of the client process during the run (user + system). */
  cpuMs: number;
  /** Time the client's event loop sat idle (waiting for I/O) during the run. */
  idleMs: number;
  rssBeforeMB: number;
  peakRssMB: number;
  /** CPU time the server process spent during this run (filled in by the parent). */
  serverCpuMs?: number;
  firstError?: string;
}

/** Checks the deltas of one stream as they come: each must be the next word of the sequence. */
function createChecker() {
  let next = 0;
  let chunks = 0;
  let wrong = false;
  return {
    chunk(content: string | null | undefined) {
      chunks++;
      if (!content) return;
      if (content !== (next === 0 ? 't0' : ` t${next}`)) wrong = true;
      next++;
    },
    ok: () => !wrong && next === WORDS && chunks === CHUNKS,
  };
}

const params = {
  model: 'gpt-mock',
  messages: [{ role: 'user' as const, content: 'Count.' }],
  stream: true as const,
};

function oursStream(client: ReturnType<typeof createClient>): Promise<boolean> {
  const check = createChecker();
  return new Promise((resolve, reject) => {
    client.chat.completions.create(params).subscribe({
      next: (chunk) => check.chunk(chunk.choices[0]?.delta.content),
      error: reject,
      complete: () => resolve(check.ok()),
    });
  });
}

async function openaiStream(client: OpenAI): Promise<boolean> {
  const check = createChecker();
  const stream = await client.chat.completions.create(params);
  for await (const chunk of stream) check.chunk(chunk.choices[0]?.delta.content);
  return check.ok();
}

async function worker(impl: 'ours' | 'openai', url: string): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const ours = createClient({ apiKey: 'x', baseURL: url, maxRetries: 0 });
  const theirs = new OpenAI({ apiKey: 'x', baseURL: url, maxRetries: 0 });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const outcomes = await Promise.allSettled(
    Array.from({ length: STREAMS }, () => (impl === 'ours' ? oursStream(ours) : openaiStream(theirs))),
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const elu = performance.eventLoopUtilization(eluBefore);
  const failed = outcomes.filter((o) => o.status === 'rejected');
  const result: WorkerResult = {
    impl,
    streams: STREAMS,
    completed: outcomes.filter((o) => o.status === 'fulfilled').length,
    failed: failed.length,
    wrong: outcomes.filter((o) => o.status === 'fulfilled' && !o.value).length,
    chunks: CHUNKS,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    idleMs: Math.round(elu.idle),
    rssBeforeMB: mb(rssBefore),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  const first = failed[0];
  if (first && first.status === 'rejected') result.firstError = String(first.reason).slice(0, 200);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

let loadBefore = '?';
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/** Runs one side in a fresh process and parses its result line. */
function runWorker(impl: 'ours' | 'openai', url: string): Promise<WorkerResult> {
  const self = fileURLToPath(import.meta.url);
  const args = [
    '--import',
    'tsx',
    self,
    '--worker',
    impl,
    '--url',
    url,
    '--streams',
    String(STREAMS),
    '--chunks',
    String(CHUNKS),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (data: Buffer) => (out += data.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as WorkerResult);
      } catch {
        reject(new Error(`${impl} worker failed (exit ${code ?? signal}): ${out.slice(-300)}`));
      }
    });
  });
}

const NAMES = { ours: 'rxjs-openai-stream', openai: 'openai (official)' } as const;

function report(results: WorkerResult[], delay: string, rounds: number): void {
  console.log(
    `\n${STREAMS} concurrent streams x ${CHUNKS} chunks, server chunk delay ${delay} ms (server in another process, ` +
      `warmed up with ${WARMUP_STREAMS} streams; ${rounds} round(s), run order: ${results.map((r) => r.impl).join(', ')}; ` +
      `load average before: ${loadBefore})\n`,
  );
  console.log(
    '| client | completed | failed | lost/reordered | wall time | client CPU | client idle | server CPU | peak RSS | RSS before |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${NAMES[r.impl]} | ${r.completed}/${r.streams} | ${r.failed} | ${r.wrong} | ${r.wallMs} ms | ${r.cpuMs} ms | ${r.idleMs} ms | ${r.serverCpuMs ?? '?'} ms | ${r.peakRssMB} MB | ${r.rssBeforeMB} MB |`,
    );
    if (r.firstError) console.log(`  first error (${r.impl}): ${r.firstError}`);
  }
  if (rounds < 2) return;
  console.log(`\nMedians over ${rounds} rounds (the order alternates every round):\n`);
  console.log('| client | wall time | client CPU | client idle | server CPU | peak RSS |');
  console.log('|---|---|---|---|---|---|');
  for (const impl of ['ours', 'openai'] as const) {
    const own = results.filter((r) => r.impl === impl);
    const med = (pick: (r: WorkerResult) => number) => median(own.map(pick));
    console.log(
      `| ${NAMES[impl]} | ${med((r) => r.wallMs)} ms | ${med((r) => r.cpuMs)} ms | ${med((r) => r.idleMs)} ms | ${med((r) => r.serverCpuMs ?? 0)} ms | ${med((r) => r.peakRssMB)} MB |`,
    );
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Reads `WARMUP_STREAMS` whole streams with plain fetch, 100 at a time, so the server is warm. */
async function warmUp(url: string): Promise<void> {
  const body = JSON.stringify(params);
  const one = async () => {
    const response = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body,
    });
    await response.arrayBuffer();
  };
  for (let done = 0; done < WARMUP_STREAMS; done += 100) {
    await Promise.all(Array.from({ length: Math.min(100, WARMUP_STREAMS - done) }, one));
  }
}

async function main(): Promise<void> {
  loadBefore = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  const delay = option('delay') ?? '0';
  const rounds = Math.max(1, Number(option('repeat') ?? 1));
  const server = await spawnServer(['--words', String(WORDS), '--delay', delay]);
  const results: WorkerResult[] = [];
  const first: Array<'ours' | 'openai'> = argv.includes('--openai-first')
    ? ['openai', 'ours']
    : ['ours', 'openai'];
  try {
    await warmUp(server.url);
    for (let round = 0; round < rounds; round++) {
      // Every other round swaps the order, so that neither client always runs first.
      const order = round % 2 === 0 ? first : [...first].reverse();
      for (const impl of order) {
        const before = (await server.stats()).cpuMs;
        const result = await runWorker(impl, server.url);
        result.serverCpuMs = (await server.stats()).cpuMs - before;
        results.push(result);
      }
    }
  } finally {
    await server.stop();
  }
  report(results, delay, rounds);
  const ok = results.every((r) => r.completed === r.streams && r.wrong === 0);
  if (argv.includes('--leaks')) {
    const leaks = fileURLToPath(new URL('./leaks.ts', import.meta.url));
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', leaks], { stdio: 'inherit' });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    if (code !== 0) process.exitCode = 1;
  }
  if (!ok) process.exitCode = 1;
}

const workerImpl = option('worker');
if (workerImpl === 'ours' || workerImpl === 'openai') await worker(workerImpl, option('url') ?? '');
else await main();
