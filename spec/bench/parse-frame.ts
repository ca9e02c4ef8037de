/**
 * The error path of frame parsing: how much a malformed ~4 MB frame costs `parseFrame` (the failing
 * `JSON.parse` plus the scan that finds the position) against one `JSON.parse` of the same frame made
 * valid. Several shapes, each broken at the end with `,}` (V8 then names no position, the case that used
 * to search by parsing prefixes). Reports the median of the per-round ratios; a few times 1 is the goal.
 *
 * Run alone with `npx tsx spec/bench/parse-frame.ts` (`BENCH_ROUNDS=15` for more rounds).
 */
import { pathToFileURL } from 'node:url';
import { parseFrame } from '../../lib/json/parse-frame.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
/** Valid JSON texts; each ends with `]` or `}`, so replacing that with `,}` breaks it at the end. */
const SHAPES: Record<string, () => string> = {
  records: () =>
    JSON.stringify({
      items: Array.from({ length: 80_000 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })),
    }),
  numbers: () => JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => i % 10)),
  strings: () => JSON.stringify(Array.from({ length: 400_000 }, () => 'abcdefgh')),
  'one long string': () => JSON.stringify([{ s: 'x'.repeat(4_000_000) }]),
  escapes: () => JSON.stringify([{ s: '"\n'.repeat(1_000_000) }]),
  'nested 100,000 deep': () => '['.repeat(100_000) + ']'.repeat(100_000),
};

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function run(): Promise<void> {
  console.log(
    `${ROUNDS} rounds after a warmup; ratio = parseFrame(malformed) / JSON.parse(valid), median.\n`,
  );
  console.log('| shape | MB | JSON.parse ms | parseFrame ms | ratio |');
  console.log('|---|---|---|---|---|');
  for (const [name, build] of Object.entries(SHAPES)) {
    const valid = build();
    const malformed = valid.slice(0, -1) + ',}';
    const parse = () => JSON.parse(valid) as unknown;
    const fail = () => {
      if (parseFrame(malformed).ok) throw new Error(`${name}: the malformed frame parsed`);
    };
    parse();
    fail();
    const parses: number[] = [];
    const fails: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const a = time(parse);
      const b = time(fail);
      parses.push(a);
      fails.push(b);
      ratios.push(b / a);
    }
    const mb = (valid.length / 1e6).toFixed(1);
    console.log(
      `| ${name} | ${mb} | ${median(parses).toFixed(1)} | ${median(fails).toFixed(1)} | ${median(ratios).toFixed(1)} |`,
    );
  }
  await Promise.resolve();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
