/**
 * What one open stream holds on the heap, per client: each client (in its own process) opens `--streams`
 * streams against the mock server, which pauses `--delay` ms between frames so that they stay open; after
 * `--after` ms, with every stream open and some chunks read, the client takes a heap snapshot (after a
 * GC). The snapshot is summed by constructor (objects, closures, strings, arrays, native parts): the
 * table shows, per open stream, the count and self size of each kind of object that differs most between
 * this library and the official `openai` package, and the totals per stream for every client.
 *
 * Run: `npx tsx spec/bench/heap-per-stream.ts [--streams 200] [--delay 20] [--after 1500] [--dir DIR]
 * [--source]` (our client loads `lib/` built by tsc as it ships, or with `--source` through tsx).
 * Snapshots are written to `DIR` (a temporary folder by default) and can be opened in Chrome DevTools.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchModel } from './bench-model.js';
import { CLIENT_LABELS, type ClientName } from './clients/types.js';
import { machine } from './report.js';
import { spawnClient } from './spawn-client.js';
import { useBuiltLib } from './build-lib.js';
import { spawnServer } from './spawn-server.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const STREAMS = option('streams', 200);
const DELAY_MS = option('delay', 20);
const AFTER_MS = option('after', 1500);
const DIR = argv.includes('--dir') ? argv[argv.indexOf('--dir') + 1]! : mkdtempSync(join(tmpdir(), 'heap-'));
const CLIENTS: ClientName[] = ['ours', 'openai', 'fetch'];
mkdirSync(DIR, { recursive: true });

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Sums a heap snapshot by node type and name: `type:name` to `{ count, bytes }`. */
function summarize(file: string): Map<string, { count: number; bytes: number }> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const sums = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < heap.nodes.length; i += width) {
    const type = types[heap.nodes[i + typeAt]!] ?? '?';
    // Strings and numbers are summed by type only: their names are their contents.
    const name = ['string', 'concatenated string', 'sliced string', 'number', 'bigint'].includes(type)
      ? ''
      : (heap.strings[heap.nodes[i + nameAt]!] ?? '?');
    const key = `${type}:${name.slice(0, 60)}`;
    const sum = sums.get(key) ?? { count: 0, bytes: 0 };
    sum.count++;
    sum.bytes += heap.nodes[i + sizeAt]!;
    sums.set(key, sum);
  }
  return sums;
}

async function main(): Promise<void> {
  const library = useBuiltLib(argv);
  const server = await spawnServer();
  const model = benchModel({ chunks: 200, chars: 4, delayMs: DELAY_MS });
  const baselines = new Map<ClientName, Map<string, { count: number; bytes: number }>>();
  const open = new Map<ClientName, Map<string, { count: number; bytes: number }>>();
  try {
    for (const name of CLIENTS) {
      const child = await spawnClient(name, server.url, ['--expose-gc']);
      try {
        // A baseline: the same client after one finished stream (modules loaded, nothing open).
        const idle = join(DIR, `${name}-idle.heapsnapshot`);
        await child.run({
          model: benchModel({ chunks: 2, chars: 4, delayMs: 0 }),
          streams: 1,
          concurrency: 1,
          limitMs: 60_000,
          snapshot: { path: idle, afterMs: 300 },
        });
        const busy = join(DIR, `${name}-open.heapsnapshot`);
        const report = await child.run({
          model,
          streams: STREAMS,
          concurrency: STREAMS,
          limitMs: 120_000,
          snapshot: { path: busy, afterMs: AFTER_MS },
        });
        if (report.failed) throw new Error(`${name}: ${report.failed} streams failed: ${report.firstError}`);
        baselines.set(name, summarize(idle));
        open.set(name, summarize(busy));
      } finally {
        await child.stop();
      }
    }
  } finally {
    await server.stop();
  }
  /** Per open stream: (open - idle) / STREAMS, by key. */
  const perStream = (name: ClientName) => {
    const out = new Map<string, { count: number; bytes: number }>();
    const idle = baselines.get(name)!;
    for (const [key, sum] of open.get(name)!) {
      const base = idle.get(key) ?? { count: 0, bytes: 0 };
      out.set(key, { count: (sum.count - base.count) / STREAMS, bytes: (sum.bytes - base.bytes) / STREAMS });
    }
    return out;
  };
  console.log(
    `${machine()}. ${STREAMS} open streams, snapshot after ${AFTER_MS} ms, server pause ${DELAY_MS} ms; ${library}; snapshots in ${DIR}.\n`,
  );
  console.log('| client | heap per open stream (self sizes, after GC) | objects per open stream |');
  console.log('|---|---|---|');
  for (const name of CLIENTS) {
    const rows = [...perStream(name).values()];
    const bytes = rows.reduce((sum, row) => sum + row.bytes, 0);
    const count = rows.reduce((sum, row) => sum + row.count, 0);
    console.log(`| ${CLIENT_LABELS[name]} | ${(bytes / 1024).toFixed(1)} KB | ${count.toFixed(0)} |`);
  }
  const ours = perStream('ours');
  const theirs = perStream('openai');
  const keys = new Set([...ours.keys(), ...theirs.keys()]);
  const diffs = [...keys]
    .map((key) => ({ key, ours: ours.get(key), theirs: theirs.get(key) }))
    .map((row) => ({ ...row, delta: (row.ours?.bytes ?? 0) - (row.theirs?.bytes ?? 0) }))
    .sort((a, b) => b.delta - a.delta);
  console.log('\nWhat this library holds per open stream beyond openai (the 25 largest differences):\n');
  console.log('| kind:name | ours count | ours bytes | openai count | openai bytes |');
  console.log('|---|---|---|---|---|');
  for (const row of diffs.slice(0, 25)) {
    const f = (sum?: { count: number; bytes: number }) =>
      sum ? `${sum.count.toFixed(1)} | ${sum.bytes.toFixed(0)}` : '0 | 0';
    console.log(`| \`${row.key}\` | ${f(row.ours)} | ${f(row.theirs)} |`);
  }
}

await main();
