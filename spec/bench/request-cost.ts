/**
 * Client CPU per request for the ways a client can hand a streamed request to `fetch`, against the mock
 * server in another process: what each step of a per-request path costs, measured apart. Every variant
 * sends the same POST (JSON body, the same headers), reads the whole response (a one-chunk stream) and
 * ends the same way; rounds alternate the order of the variants and the table shows medians.
 *
 * - `fetch(url, init)`: a URL, a string body and one signal (what the official `openai` package does).
 * - `… then abort()`: the same, its controller aborted after the body was read to the end, as a teardown
 *   that aborts unconditionally does (a `DOMException` is created for the reason).
 * - `fetch(new Request(url, init))`: a Request object with a body. Undici (WHATWG fetch) builds a new
 *   Request inside `fetch`, and a Request built from a Request with a body pipes that body through an
 *   identity `TransformStream`.
 * - `fetch(request, { signal })`: the same plus an init.
 * - `ky, Request with the body, fetch(request, { signal })`: ky as `lib/http/attempt.ts` used it before
 *   (one `ky()` call per request with every option, fetch handed ky's Request and the attempt's signal).
 * - `ky instance, bodiless Request, fetch(url, init)`: ky as `attempt.ts` uses it now for a client without
 *   hooks (one instance per client; nothing can see ky's Request, so it carries neither headers nor body,
 *   and fetch gets the URL and an init with the body as a string).
 * - `… with ky's retries (limit 2)`: the first ky variant with ky's own retries on: ky then clones the
 *   Request before each attempt, which tees its body.
 *
 * Run: `npx tsx spec/bench/request-cost.ts [--requests 400] [--rounds 7]`, or via `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import ky from 'ky';
import { benchModel } from './bench-model.js';
import { load, machine, median, spread } from './report.js';
import { spawnServer } from './spawn-server.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const REQUESTS = option('requests', 400);
const ROUNDS = option('rounds', Number(process.env['BENCH_ROUNDS'] ?? 7));
const CONCURRENCY = 16;
const LIMIT_MS = 120_000;

type Variant = (url: string, body: string) => Promise<void>;

const headers = (): Headers =>
  new Headers({ accept: 'text/event-stream', 'content-type': 'application/json', authorization: 'Bearer x' });

async function drain(response: Response): Promise<void> {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  await response.arrayBuffer();
}

/** One ky instance, made once, as `attempt.ts` makes one per client. */
const instance = ky.create({ retry: 0, redirect: 'manual', hooks: {} });

const variants: Record<string, Variant> = {
  'fetch(url, init)': async (url, body) => {
    const controller = new AbortController();
    await drain(await fetch(url, { method: 'POST', headers: headers(), body, signal: controller.signal }));
  },
  'fetch(url, init), then abort()': async (url, body) => {
    const controller = new AbortController();
    await drain(await fetch(url, { method: 'POST', headers: headers(), body, signal: controller.signal }));
    controller.abort();
  },
  'fetch(new Request(url, init))': async (url, body) => {
    const controller = new AbortController();
    await drain(
      await fetch(new Request(url, { method: 'POST', headers: headers(), body, signal: controller.signal })),
    );
  },
  'fetch(request, { signal })': async (url, body) => {
    const controller = new AbortController();
    const request = new Request(url, { method: 'POST', headers: headers(), body });
    await drain(await fetch(request, { signal: controller.signal }));
  },
  'ky, Request with the body, fetch(request, { signal })': (url, body) => viaKy(url, body, 0),
  'ky instance, bodiless Request, fetch(url, init)': async (url, body) => {
    const controller = new AbortController();
    const init: RequestInit = {
      method: 'POST',
      headers: headers(),
      body,
      redirect: 'manual',
      signal: controller.signal,
    };
    await drain(
      await instance(url, {
        method: 'POST',
        timeout: 600_000,
        fetch: (input) => fetch((input as Request).url, init),
      }),
    );
  },
  "… with ky's retries (limit 2)": (url, body) => viaKy(url, body, 2),
};

/** ky called per request with every option, its fetch handed ky's Request and the attempt's own signal. */
async function viaKy(url: string, body: string, retries: number): Promise<void> {
  const controller = new AbortController();
  const response = await ky(url, {
    method: 'POST',
    headers: headers(),
    body,
    fetch: (input, init) => fetch(input, { ...init, signal: controller.signal }),
    hooks: {},
    timeout: 600_000,
    retry: retries,
    redirect: 'manual',
  });
  await drain(response);
}

async function runVariant(variant: Variant, url: string, body: string): Promise<number> {
  const cpu = process.cpuUsage();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < REQUESTS) {
      next++;
      await variant(url, body);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / REQUESTS;
}

/** Runs the comparison and prints its table. */
export async function run(): Promise<void> {
  const server = await spawnServer();
  const timer = setTimeout(() => {
    console.error(`request-cost: still running after ${LIMIT_MS} ms, giving up`);
    process.exit(1);
  }, LIMIT_MS);
  timer.unref();
  try {
    const url = `${server.url}/chat/completions`;
    const body = JSON.stringify({
      model: benchModel({ chunks: 1, chars: 4, delayMs: 0 }),
      messages: [],
      stream: true,
    });
    const names = Object.keys(variants);
    const times = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let round = -1; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const us = await runVariant(variants[name]!, url, body);
        if (round >= 0) times.get(name)!.push(us);
      }
    }
    const base = median(times.get('fetch(url, init)')!);
    console.log(
      `${machine()}. ${REQUESTS} requests per variant and round, ${CONCURRENCY} at a time, ${ROUNDS} rounds after one ` +
        `warmup, order alternating; load average ${load()}.\n`,
    );
    console.log('| how the request reaches fetch | client CPU µs per request | over `fetch(url, init)` |');
    console.log('|---|---|---|');
    for (const name of names) {
      const own = times.get(name)!;
      console.log(`| \`${name}\` | ${spread(own, 0)} | +${(median(own) - base).toFixed(0)} µs |`);
    }
  } finally {
    clearTimeout(timer);
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
