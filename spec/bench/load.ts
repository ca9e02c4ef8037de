/**
 * `npm run load`: 1,000 concurrent streams of 200 chunks (~230 B frames, no pause) from one client
 * process, against the mock server in another process: this library, the official `openai` package, the
 * Vercel AI SDK and plain `fetch` + `JSON.parse` (the floor). Every run starts a fresh process that loads
 * only its own client, so its peak RSS and heap are its own. Every stream must deliver every chunk once
 * and in order (counts and an order-sensitive hash are checked).
 *
 * Per run it reports: main-thread throughput (chunks per second of the main thread's own CPU time, read
 * from /proc on Linux; elsewhere event loop utilization, which on a loaded machine also counts time spent
 * waiting for a CPU), chunks per CPU-second of the whole process (GC helper threads included), main-thread
 * GC pauses (`gc` performance entries) as a share of the main thread's CPU time, peak RSS, peak JS heap
 * (`used_heap_size` sampled every 5 ms, garbage included) and that peak's growth per open stream (over the
 * heap before the run, after a GC). The server is warmed up first; the client order rotates every round;
 * the summary takes medians over rounds, and the ratios are medians of per-round ratios to `openai` (same
 * round). A measurement, not a test: every child process has a time limit.
 *
 * The Vercel AI SDK takes about ten times longer than the others, so it runs in the first round only
 * (`--ai-sdk-every-round` for all).
 *
 * `--heap-profile DIR` adds one run per client with V8's sampling allocation profiler, keeping only what
 * outlived the young generation (what grows the old generation and the peak heap), and prints where it
 * was allocated (`DIR/<client>-survivors.heapprofile`).
 *
 * Our client loads `lib/` compiled by tsc as it ships (`build-lib.ts`; `--source` loads it through tsx).
 *
 * Flags: `--streams N` (1000), `--chunks N` (200), `--chars N` (4, characters per chunk), `--delay MS`
 * (0), `--repeat N` rounds (3), `--clients ours,openai,…` (all four), `--leaks` also runs `leaks.ts`
 * afterwards (same as `npm run leaks`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchModel, expectedResult, type BenchShape } from './bench-model.js';
import { CLIENT_LABELS, CLIENTS, type ClientName } from './clients/types.js';
import type { RunReport } from './client-worker.js';
import { fromHeapProfile, printSummary } from './profile-summary.js';
import { load, machine, median, ratio } from './report.js';
import { spawnClient } from './spawn-client.js';
import { useBuiltLib } from './build-lib.js';
import { spawnServer, type ServerChild } from './spawn-server.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};
const STREAMS = Number(option('streams') ?? 1000);
const SHAPE: BenchShape = {
  chunks: Number(option('chunks') ?? 200),
  chars: Number(option('chars') ?? 4),
  delayMs: Number(option('delay') ?? 0),
};
const ROUNDS = Math.max(1, Number(option('repeat') ?? 3));
const SELECTED = (option('clients')?.split(',') ?? [...CLIENTS]) as ClientName[];
const EVERY_ROUND = argv.includes('--ai-sdk-every-round');
/** What the allocation summaries list by inclusive size. */
const HOT = /lib\/|ky\/|zod\/|rxjs\/|openai\/|undici|webstreams|JSON|parse|decode/;
const RUN_LIMIT_MS = 600_000;
/** Streams read (plain fetch, not measured) to warm the server up before the measured runs. */
const WARMUP_STREAMS = 400;

interface Row {
  round: number;
  name: ClientName;
  report: RunReport;
  wrong: number;
  serverCpuMs: number;
}

const MB = 2 ** 20;
const chunksOf = (row: Row): number => row.report.completed * SHAPE.chunks;
/** Chunks per second of main-thread CPU time. */
const throughput = (row: Row): number => chunksOf(row) / (row.report.mainCpuMs / 1000);
/** Chunks per second of process CPU time. */
const cpuThroughput = (row: Row): number => chunksOf(row) / (row.report.cpuMs / 1000);
const peakRssMB = (row: Row): number => row.report.peakRss / MB;
const peakHeapMB = (row: Row): number => row.report.peakHeap / MB;
/** Heap held per open stream, in KB: the peak over the heap before the run. */
const heapPerStreamKB = (row: Row): number => (row.report.peakHeap - row.report.heapBefore) / 1024 / STREAMS;
const gcShare = (row: Row): number => (row.report.gcMs / row.report.mainCpuMs) * 100;

/** Runs one client in a fresh process and checks every stream. */
async function runOnce(
  round: number,
  name: ClientName,
  server: ServerChild,
  heapProfile?: string,
): Promise<Row> {
  const child = await spawnClient(name, server.url, ['--expose-gc']);
  try {
    const before = (await server.stats()).cpuMs;
    const report = await child.run({
      model: benchModel(SHAPE),
      streams: STREAMS,
      concurrency: STREAMS,
      sampleHeap: true,
      limitMs: RUN_LIMIT_MS,
      ...(heapProfile ? { heapProfile, survivors: true } : {}),
    });
    const serverCpuMs = (await server.stats()).cpuMs - before;
    const expected = expectedResult(SHAPE);
    const wrong = report.results.filter(
      (r) => r.chunks !== expected.chunks || r.chars !== expected.chars || r.hash !== expected.hash,
    ).length;
    return { round, name, report, wrong, serverCpuMs };
  } finally {
    await child.stop();
  }
}

/** Reads `WARMUP_STREAMS` whole streams with plain fetch, 100 at a time, so the server is warm. */
async function warmUp(url: string): Promise<void> {
  const body = JSON.stringify({ model: benchModel(SHAPE), messages: [], stream: true });
  const one = async (): Promise<void> => {
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

const f0 = (n: number): string => Math.round(n).toLocaleString('en-US');
const f1 = (n: number): string => n.toFixed(1);

function printRuns(rows: Row[]): void {
  console.log(
    '| round | client | completed | failed | lost or wrong | wall ms | main-thread CPU ms | process CPU ms | GC pauses ms | server CPU ms | peak RSS MB | peak heap MB (at ms) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  rows.forEach((row) => {
    const r = row.report;
    console.log(
      `| ${row.round + 1} | ${CLIENT_LABELS[row.name]} | ${r.completed}/${STREAMS} | ${r.failed} | ${row.wrong} | ${f0(r.wallMs)} | ${f0(r.mainCpuMs)} | ${f0(r.cpuMs)} | ${f0(r.gcMs)} | ${f0(row.serverCpuMs)} | ${f0(peakRssMB(row))} | ${f0(peakHeapMB(row))} (${f0(r.peakHeapAtMs)}) |`,
    );
    if (r.firstError) console.log(`  first error (${row.name}): ${r.firstError}`);
  });
}

function printTotals(rows: Row[]): void {
  const own = (name: ClientName) => rows.filter((row) => row.name === name);
  const openaiIn = (round: number) => rows.find((row) => row.name === 'openai' && row.round === round);
  /** Median of per-round ratios of `pick` to openai's in the same round. */
  const vs = (name: ClientName, pick: (row: Row) => number): string => {
    if (name === 'openai') return '1';
    const ratios = own(name).flatMap((row) => {
      const theirs = openaiIn(row.round);
      return theirs ? [pick(row) / pick(theirs)] : [];
    });
    return ratios.length ? ratio(ratios) : '-';
  };
  console.log(
    '\n| client | main-thread throughput, chunks/s | vs openai | chunks per process CPU-second | vs openai | GC pauses, share of main thread | peak RSS MB | vs openai | peak heap MB | vs openai | peak heap growth per open stream |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const name of SELECTED) {
    const mine = own(name);
    const med = (pick: (row: Row) => number): number => median(mine.map(pick));
    console.log(
      `| ${CLIENT_LABELS[name]} | ${f0(med(throughput))} | ${vs(name, throughput)} | ${f0(med(cpuThroughput))} | ${vs(name, cpuThroughput)} | ${f1(med(gcShare))} % | ${f0(med(peakRssMB))} | ${vs(name, peakRssMB)} | ${f0(med(peakHeapMB))} | ${vs(name, peakHeapMB)} | ${f1(med(heapPerStreamKB))} KB |`,
    );
  }
}

async function runLeaks(): Promise<number | null> {
  const leaks = fileURLToPath(new URL('./leaks.ts', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', leaks], { stdio: 'inherit' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return code;
}

async function main(): Promise<void> {
  const library = useBuiltLib(argv);
  const loadBefore = load();
  const server = await spawnServer();
  const rows: Row[] = [];
  try {
    await warmUp(server.url);
    for (let round = 0; round < ROUNDS; round++) {
      const inRound = SELECTED.filter((name) => name !== 'ai-sdk' || round === 0 || EVERY_ROUND);
      const order = inRound.map((_, i) => inRound[(i + round) % inRound.length]!);
      const results = new Map<ClientName, Row>();
      for (const name of order) results.set(name, await runOnce(round, name, server));
      // Printed in a fixed order per round, whatever order they ran in.
      for (const name of inRound) rows.push(results.get(name)!);
    }
    const dir = option('heap-profile');
    if (dir) {
      mkdirSync(dir, { recursive: true });
      for (const name of SELECTED) {
        const file = join(dir, `${name}-survivors.heapprofile`);
        await runOnce(ROUNDS, name, server, file);
        const profile = fromHeapProfile(JSON.parse(readFileSync(file, 'utf8')));
        printSummary(
          `${CLIENT_LABELS[name]}: allocations that outlived the young generation`,
          profile,
          HOT,
          30,
          'kB',
        );
      }
    }
  } finally {
    await server.stop();
  }
  console.log(
    `${machine()}. ${STREAMS} concurrent streams x ${SHAPE.chunks} chunks of ${SHAPE.chars} characters, ` +
      `server pause ${SHAPE.delayMs} ms (server in another process, warmed up with ${WARMUP_STREAMS} streams); ` +
      `${ROUNDS} round(s), client order rotating; ${library}; load average ${loadBefore} before, ${load()} after.\n`,
  );
  printRuns(rows);
  printTotals(rows);
  console.log(
    '\nThroughput: higher is better; RSS and heap: lower is better. Ratios are medians of per-round ratios ' +
      '(range in brackets).',
  );
  const ok = rows.every((row) => row.report.completed === STREAMS && row.wrong === 0);
  if (!ok) console.log('\nSome streams failed or delivered wrong data: see the table above.');
  if (argv.includes('--leaks') && (await runLeaks()) !== 0) process.exitCode = 1;
  if (!ok) process.exitCode = 1;
}

await main();
