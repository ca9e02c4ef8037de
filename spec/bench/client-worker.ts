/**
 * One benchmark client in its own process (so that its CPU time, heap and RSS are its own). Started by
 * `spawnClient()` with `--client <name> --url <base URL>`; it answers each `{ type: 'run', … }` message
 * on its IPC channel with a `RunReport`, and exits when its parent goes away. Every run has a time limit.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { CLIENTS, type ClientName, type StreamOnce, type StreamResult } from './clients/types.js';

/** A request to run `streams` streams of `model`, at most `concurrency` at a time. */
export interface RunRequest {
  type: 'run';
  model: string;
  streams: number;
  concurrency: number;
  /** Sample the JS heap every few ms (costs a little CPU; off for CPU measurements). */
  sampleHeap?: boolean;
  /** Give up after this long. */
  limitMs: number;
  /** Write a CPU profile of this run (V8 `.cpuprofile`, only the run itself) to this path. */
  profile?: string;
  /** Write an allocation profile of this run (V8 `.heapprofile`: sampled allocations, collected ones
   * included) to this path; with `survivors`, only what outlived the young generation (still alive, or
   * collected by a full GC): what makes the old generation, and so the peak heap, grow. */
  heapProfile?: string;
  survivors?: boolean;
  /** Write a heap snapshot (after a GC) to `snapshot.path` once `afterMs` of the run have passed, or at
   * its end when it ends first. */
  snapshot?: { path: string; afterMs: number };
}

/** What one run measured in the client process. */
export interface RunReport {
  type: 'report';
  completed: number;
  failed: number;
  /** What every completed stream delivered (the parent checks them). */
  results: StreamResult[];
  firstError?: string;
  wallMs: number;
  /** CPU time of the whole process (all threads: main, GC helpers, libuv). */
  cpuMs: number;
  /** Time the main thread was busy (event loop utilization, active part; on a loaded machine this includes
   * time the thread waited for a CPU). */
  busyMs: number;
  /** CPU time of the main thread alone (Linux: `/proc/self/task/<pid>/stat`, 10 ms ticks), else `busyMs`. */
  mainCpuMs: number;
  /** Main-thread GC pauses (sum of `gc` performance entries). */
  gcMs: number;
  gcCount: number;
  /** Highest sampled `used_heap_size` (only with `sampleHeap`), in bytes, and when it was seen (ms into the
   * run): a peak in the first moments is the set-up of every request at once, a later one the streams. */
  peakHeap: number;
  peakHeapAtMs: number;
  /** Peak resident set size of the process so far, in bytes. */
  peakRss: number;
  /** `used_heap_size` and RSS right before the run (after a GC when `--expose-gc` is on), in bytes. */
  heapBefore: number;
  rssBefore: number;
}

const argv = process.argv.slice(2);

/** CPU ms of the main thread so far (its task's utime + stime), or `undefined` where /proc is missing. */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime), in clock ticks: 100 per second on Linux.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
const arg = (name: string): string => argv[argv.indexOf(`--${name}`) + 1] ?? '';

/** Runs `count` calls of `one`, `concurrency` at a time; settles every call. */
async function runAll(
  count: number,
  concurrency: number,
  one: () => Promise<StreamResult>,
): Promise<PromiseSettledResult<StreamResult>[]> {
  const outcomes: PromiseSettledResult<StreamResult>[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      next++;
      try {
        outcomes.push({ status: 'fulfilled', value: await one() });
      } catch (reason) {
        outcomes.push({ status: 'rejected', reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return outcomes;
}

async function run(request: RunRequest, streamOnce: StreamOnce): Promise<RunReport> {
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = getHeapStatistics().used_heap_size;
  const rssBefore = process.memoryUsage.rss();
  let gcMs = 0;
  let gcCount = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcCount++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  let peakHeap = 0;
  let peakHeapAt = 0;
  const sample = (): void => {
    const used = getHeapStatistics().used_heap_size;
    if (used <= peakHeap) return;
    peakHeap = used;
    peakHeapAt = performance.now();
  };
  let snapshot = request.snapshot;
  const takeSnapshot = (): void => {
    if (!snapshot) return;
    (globalThis as { gc?: () => void }).gc?.();
    writeHeapSnapshot(snapshot.path);
    snapshot = undefined;
  };
  const snapshotTimer = snapshot ? setTimeout(takeSnapshot, snapshot.afterMs) : undefined;
  const limit = new Promise<'timeout'>((resolve) => setTimeout(resolve, request.limitMs, 'timeout').unref());

  const session = request.profile || request.heapProfile ? new Session() : undefined;
  session?.connect();
  if (session && request.profile) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  if (session && request.heapProfile) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !request.survivors,
    });
  }
  const cpuBefore = process.cpuUsage();
  const mainBefore = mainThreadCpuMs();
  const eluBefore = performance.eventLoopUtilization();
  const started = performance.now();
  const sampler = request.sampleHeap ? setInterval(sample, 5) : undefined;
  const outcome = await Promise.race([
    runAll(request.streams, request.concurrency, () => streamOnce(request.model)),
    limit,
  ]);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const elu = performance.eventLoopUtilization(eluBefore);
  const mainAfter = mainThreadCpuMs();
  clearTimeout(snapshotTimer);
  takeSnapshot();
  if (session && request.profile) {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(request.profile, JSON.stringify(profile));
  }
  if (session && request.heapProfile) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    await writeFile(request.heapProfile, JSON.stringify(profile));
  }
  session?.disconnect();
  if (sampler) {
    sample();
    clearInterval(sampler);
  }
  // Entries are delivered asynchronously: let the last ones arrive.
  await new Promise((resolve) => setImmediate(resolve));
  observer.disconnect();

  const outcomes = outcome === 'timeout' ? [] : outcome;
  const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const report: RunReport = {
    type: 'report',
    completed: results.length,
    failed: request.streams - results.length,
    results,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    busyMs: elu.active,
    mainCpuMs: mainBefore === undefined || mainAfter === undefined ? elu.active : mainAfter - mainBefore,
    gcMs,
    gcCount,
    peakHeap,
    peakHeapAtMs: peakHeapAt ? peakHeapAt - started : 0,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapBefore,
    rssBefore,
  };
  if (outcome === 'timeout') report.firstError = `timed out after ${request.limitMs} ms`;
  else if (failures[0]) report.firstError = String(failures[0].reason).slice(0, 300);
  return report;
}

const client = arg('client') as ClientName;
if (!CLIENTS.includes(client)) throw new Error(`unknown client ${client}`);
// Only this client's module (and its library) is loaded into this process.
const { createStreamOnce } = (await import(`./clients/${client}.js`)) as {
  createStreamOnce(url: string): StreamOnce;
};
const streamOnce = createStreamOnce(arg('url'));
process.on('message', (message: RunRequest) => {
  if (message.type !== 'run') return;
  void run(message, streamOnce).then((report) => process.send?.(report));
});
process.once('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
