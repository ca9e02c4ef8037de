/**
 * Summarizes a V8 CPU profile (`.cpuprofile`, as written by `node --cpu-prof` or by `per-chunk.ts
 * --profile DIR`) by where the time went: each sample is charged to the nearest frame on its stack that
 * belongs to a package or to one of our folders, skipping builtins and Node's own JavaScript (so
 * "lib/json" includes the `JSON.parse` it calls, "lib/http" the `AbortController.abort` it calls); only
 * what no such frame called stays "node internals" (socket reads, timers, the microtask loop). Also
 * prints the inclusive time of the functions that match a pattern. An allocation profile (`.heapprofile`,
 * from `per-chunk.ts --heap-profile DIR`) is summed the same way, in kB allocated instead of ms.
 *
 * Run: `npx tsx spec/bench/profile-summary.ts FILE.cpuprofile|FILE.heapprofile ['lib/|ky|zod']`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** An allocation profile as a CPU profile whose samples weigh their bytes, so that one summary fits both. */
export function fromHeapProfile(heap: { head: HeapNode }): Profile {
  const profile: Profile = { nodes: [], samples: [], timeDeltas: [] };
  const visit = (node: HeapNode): number => {
    const id = profile.nodes.length + 1;
    const entry: ProfileNode = { id, callFrame: node.callFrame, children: [] };
    profile.nodes.push(entry);
    if (node.selfSize > 0) {
      profile.samples.push(id);
      profile.timeDeltas.push(node.selfSize);
    }
    for (const child of node.children) entry.children!.push(visit(child));
    return id;
  };
  visit(heap.head);
  return profile;
}

/** Categories by URL, first match wins: packages before our folders, node internals last. */
const CATEGORIES: Array<[RegExp, string]> = [
  [/^node:inspector$/, 'profiler'],
  [/node_modules\/zod\//, 'zod'],
  [/node_modules\/rxjs\//, 'rxjs'],
  [/node_modules\/ky\//, 'ky'],
  [/node_modules\/openai\//, 'openai'],
  [/node_modules\/(ai|@ai-sdk\/[^/]+)\//, 'AI SDK'],
  [/node_modules\/eventsource-parser\//, 'eventsource-parser'],
  [/node_modules\/(tsx|esbuild)\//, 'loader'],
  [/\/lib\/(sse|json|chat|http|errors|responses)\//, 'lib/$1'],
  [/\/lib\//, 'lib/other'],
  [/\/spec\/bench\//, 'bench harness'],
  [/undici/, 'undici (fetch)'],
  [/webstreams/, 'web streams'],
  [/^node:|internal\//, 'node internals'],
];
const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(idle)': 'idle',
  '(program)': 'V8/native',
};

/** Not counted as busy: waiting, and the profiler stopping and serializing itself. */
const IDLE = new Set(['idle', 'profiler']);

function categoryOf(url: string): string | undefined {
  for (const [pattern, name] of CATEGORIES) {
    const match = pattern.exec(url);
    if (match) return name.replace('$1', match[1] ?? '');
  }
  return undefined;
}

/** `node_modules/pkg/…` from the last `node_modules/`, else from our `lib/` or `spec/`. */
function shortUrl(url: string): string {
  const at = url.lastIndexOf('node_modules/');
  if (at >= 0) return url.slice(at + 'node_modules/'.length);
  return url.replace(/^.*?\/(lib|spec)\//, '$1/');
}

/**
 * Busy time (ms, without idle) per category, and inclusive ms of functions matching `pattern`. With
 * `capGaps`, a sample that arrived much later than the sampling interval (the process waited for a CPU on
 * a loaded machine) counts as one interval's worth, not as all the time it waited.
 */
export function summarize(profile: Profile, pattern?: RegExp, capGaps = false) {
  const sorted = [...profile.timeDeltas].sort((a, b) => a - b);
  const cap = capGaps ? 4 * (sorted[sorted.length >> 1] ?? 0) : Infinity;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categories = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const cache = new Map<number, string>();
  const categorize = (id: number): string => {
    const cached = cache.get(id);
    if (cached) return cached;
    const leaf = byId.get(id)!;
    let found = SPECIAL[leaf.callFrame.functionName];
    let internal = false;
    for (let at: number | undefined = id; !found && at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)!.callFrame.url;
      const category = url ? categoryOf(url) : undefined;
      if (category === 'node internals') internal = true;
      else if (category) found = category;
    }
    found ??= internal ? 'node internals' : 'other';
    cache.set(id, found);
    return found;
  };
  profile.samples.forEach((id, i) => {
    const ms = Math.min(profile.timeDeltas[i] ?? 0, cap) / 1000;
    const category = categorize(id);
    categories.set(category, (categories.get(category) ?? 0) + ms);
    if (!pattern || category === 'idle' || category === 'profiler') return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      const name = `${functionName || '(anonymous)'} ${shortUrl(url)}`;
      if (seen.has(name) || !pattern.test(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  const busyMs = [...categories].reduce((sum, [name, ms]) => (IDLE.has(name) ? sum : sum + ms), 0);
  return { busyMs, categories, inclusive };
}

/** Prints a summary as markdown lines. */
export function printSummary(title: string, profile: Profile, pattern?: RegExp, top = 25, unit = 'ms'): void {
  const { busyMs, categories, inclusive } = summarize(profile, pattern, unit === 'ms');
  const what = unit === 'ms' ? 'busy' : 'allocated';
  console.log(`\n${title}: ${busyMs.toFixed(0)} ${unit} ${what}\n`);
  console.log(`| where | ${unit} | share of ${what} |`);
  console.log('|---|---|---|');
  for (const [name, ms] of [...categories].sort((a, b) => b[1] - a[1])) {
    if (IDLE.has(name)) continue;
    console.log(`| ${name} | ${ms.toFixed(0)} | ${((ms / busyMs) * 100).toFixed(1)} % |`);
  }
  if (!pattern) return;
  console.log(`\n| function (inclusive) | ${unit} | share of ${what} |`);
  console.log('|---|---|---|');
  for (const [name, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| \`${name}\` | ${ms.toFixed(0)} | ${((ms / busyMs) * 100).toFixed(1)} % |`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, pattern] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile|FILE.heapprofile [pattern]');
  const data = JSON.parse(readFileSync(file, 'utf8')) as Profile | { head: HeapNode };
  const heap = 'head' in data;
  const profile = heap ? fromHeapProfile(data) : data;
  printSummary(file, profile, pattern ? new RegExp(pattern) : undefined, 40, heap ? 'kB' : 'ms');
}
