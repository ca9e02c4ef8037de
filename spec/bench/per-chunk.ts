/**
 * Client CPU per streamed chunk over real loopback HTTP: this library vs the official `openai` package vs
 * the Vercel AI SDK vs plain `fetch` + `JSON.parse` (the floor), each client in its own process, against
 * the mock server in another process.
 *
 * Frames are ~230 B (a 4-character token, the size of an OpenAI chat chunk) or ~1 KiB (800 characters);
 * a third row streams one chunk per request, so its cost is per request (set-up, headers, teardown).
 * Paced: the server pauses 1 ms between frames, so every client reads about one frame per read, as when a
 * model streams tokens. Bulk: no pause, so reads carry many frames and the parsing path dominates. Both
 * run by default (`--paced` or `--bulk` for one). A round streams `4 * STREAMS` streams of `CHUNKS` chunks,
 * `STREAMS` at a time, in every client, one client after the other in an order that rotates every round;
 * after `WARMUP` rounds, `ROUNDS` rounds are measured. CPU is the client process's user + system time over
 * the round (all its threads), divided by the content chunks delivered; "busy" is the main thread's part
 * (event loop utilization). The ratio is the median of per-round ratios to `openai`.
 *
 * `--profile DIR` adds one profiled round per client and frame size after the measured ones: it writes
 * `DIR/<client>-<frames>.cpuprofile` (only that round, bulk unless `--paced`) and prints where the time went
 * (`profile-summary.ts`); `--heap-profile DIR` does the same with V8's sampling allocation profiler
 * (`.heapprofile`, collected objects included): where the allocated bytes come from.
 *
 * Our client loads `lib/` compiled by tsc as it ships (`build-lib.ts`; `--source` loads it through tsx).
 *
 * Run alone: `npx tsx spec/bench/per-chunk.ts [--paced | --bulk] [--rounds N] [--streams N] [--profile DIR]
 * [--heap-profile DIR]`, or via
 * `npm run bench`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchModel, expectedResult, type BenchShape } from './bench-model.js';
import { CLIENT_LABELS, CLIENTS, type ClientName } from './clients/types.js';
import type { RunReport } from './client-worker.js';
import { fromHeapProfile, printSummary } from './profile-summary.js';
import { load, machine, median, ratio, spread } from './report.js';
import { spawnClient, type ClientChild } from './spawn-client.js';
import { useBuiltLib } from './build-lib.js';
import { spawnServer } from './spawn-server.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const ROUNDS = option('rounds', Number(process.env['BENCH_ROUNDS'] ?? 7));
const WARMUP = 2;
const STREAMS = option('streams', 16);
const CHUNKS = 200;
const ROUND_LIMIT_MS = 60_000;
const dirOption = (name: string): string | undefined =>
  argv.includes(name) ? resolve(argv[argv.indexOf(name) + 1] ?? 'profiles') : undefined;
const PROFILE_DIR = dirOption('--profile');
const HEAP_PROFILE_DIR = dirOption('--heap-profile');
/** What the profile summaries list by inclusive time. */
const HOT = /lib\/|ky\/|zod\/|rxjs\/|openai\/|JSON|parse|decode|abort|DOMException/;
/** Frame sizes, and one row of 1-chunk streams whose cost is per request (set-up, headers, teardown). */
const FRAMES = [
  { label: '~230 B', chars: 4, chunks: CHUNKS, streams: STREAMS * 4 },
  { label: '~1 KiB', chars: 800, chunks: CHUNKS, streams: STREAMS * 4 },
  { label: '1 chunk, per request', chars: 4, chunks: 1, streams: STREAMS * 32 },
];

interface Sample {
  cpuUs: number;
  busyUs: number;
}

/** Checks a round's report against the expected stream and returns its per-chunk figures. */
function perChunk(report: RunReport, shape: BenchShape, name: ClientName): Sample {
  const expected = expectedResult(shape);
  const wrong = report.results.filter(
    (r) => r.chunks !== expected.chunks || r.chars !== expected.chars || r.hash !== expected.hash,
  );
  if (report.failed || wrong.length) {
    const first = wrong[0] ? JSON.stringify(wrong[0]) : report.firstError;
    throw new Error(
      `${name}: ${report.failed} failed, ${wrong.length} wrong (expected ${JSON.stringify(expected)}; ${first})`,
    );
  }
  const chunks = report.completed * shape.chunks;
  return { cpuUs: (report.cpuMs * 1000) / chunks, busyUs: (report.busyMs * 1000) / chunks };
}

async function measure(
  clients: ClientChild[],
  shape: BenchShape,
  streams: number,
): Promise<Map<ClientName, Sample[]>> {
  const samples = new Map<ClientName, Sample[]>(clients.map((c) => [c.name, []]));
  const model = benchModel(shape);
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const order = clients.map((_, i) => clients[(i + round) % clients.length]!);
    for (const client of order) {
      const report = await client.run({ model, streams, concurrency: STREAMS, limitMs: ROUND_LIMIT_MS });
      const sample = perChunk(report, shape, client.name);
      if (round >= WARMUP) samples.get(client.name)!.push(sample);
    }
  }
  return samples;
}

/** One more round per client with a profiler on; prints where each client's time (or memory) went. */
async function profile(
  clients: ClientChild[],
  shape: BenchShape,
  label: string,
  dir: string,
  kind: 'cpu' | 'heap',
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const client of clients) {
    const file = join(dir, `${client.name}-${label.replace(/[^\w]+/g, '')}.${kind}profile`);
    const model = benchModel(shape);
    for (let round = 0; round < WARMUP; round++) {
      await client.run({ model, streams: STREAMS, concurrency: STREAMS, limitMs: ROUND_LIMIT_MS });
    }
    const report = await client.run({
      model,
      streams: STREAMS,
      concurrency: STREAMS,
      limitMs: ROUND_LIMIT_MS,
      ...(kind === 'cpu' ? { profile: file } : { heapProfile: file }),
    });
    perChunk(report, shape, client.name);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const title = `${CLIENT_LABELS[client.name]}, ${label} frames (${file})`;
    if (kind === 'cpu') printSummary(title, data, HOT);
    else printSummary(title, fromHeapProfile(data), HOT, 25, 'kB');
  }
}

/** Prints one table: every frame size, every client, one pacing. */
async function table(clients: ClientChild[], delayMs: number): Promise<void> {
  console.log(
    `\n${delayMs ? `Paced (${delayMs} ms between frames: about one frame per read)` : 'Bulk (no pause: many frames per read)'}:\n`,
  );
  console.log('| frames | client | CPU µs per chunk | main thread busy µs per chunk | CPU vs openai |');
  console.log('|---|---|---|---|---|');
  for (const frame of FRAMES) {
    const shape = { chunks: frame.chunks, chars: frame.chars, delayMs };
    const samples = await measure(clients, shape, frame.streams);
    const theirs = samples.get('openai')!;
    for (const name of CLIENTS) {
      const own = samples.get(name)!;
      const vs = name === 'openai' ? '1' : ratio(own.map((s, i) => s.cpuUs / theirs[i]!.cpuUs));
      console.log(
        `| ${frame.label} | ${CLIENT_LABELS[name]} | ${spread(
          own.map((s) => s.cpuUs),
          1,
        )} | ${median(own.map((s) => s.busyUs)).toFixed(1)} | ${vs} |`,
      );
    }
  }
}

/** Runs the benchmark (paced and bulk, or the one named by `--paced` / `--bulk`) and prints its tables. */
export async function run(): Promise<void> {
  const delays = argv.includes('--bulk') ? [0] : argv.includes('--paced') ? [1] : [1, 0];
  const library = useBuiltLib(argv);
  const server = await spawnServer();
  const clients: ClientChild[] = [];
  try {
    for (const name of CLIENTS) clients.push(await spawnClient(name, server.url));
    console.log(
      `${machine()}. ${STREAMS * 4} streams x ${CHUNKS} chunks per round, ${STREAMS} at a time, ${ROUNDS} rounds after ` +
        `${WARMUP} warmups, client order rotating; ${library}; load average ${load()} before.`,
    );
    // `--rounds 0` skips the tables (to profile only).
    if (ROUNDS > 0) for (const delayMs of delays) await table(clients, delayMs);
    console.log(
      `\nCPU: user + system time of the client process (all threads) per content chunk (in the last rows, per ` +
        `request: ${STREAMS * 32} streams of one chunk); the ratio is the median of ` +
        `per-round ratios (range in brackets; lower is better). Load average after: ${load()}.`,
    );
    for (const [dir, kind] of [
      [PROFILE_DIR, 'cpu'],
      [HEAP_PROFILE_DIR, 'heap'],
    ] as const) {
      if (!dir) continue;
      for (const frame of FRAMES.filter((f) => f.chunks === CHUNKS)) {
        const shape = { chunks: CHUNKS, chars: frame.chars, delayMs: delays.at(-1)! };
        await profile(clients, shape, frame.label, dir, kind);
      }
    }
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
