/**
 * Hostile input at size: how the SSE parser and decoder, the partial-JSON parser and `toolCallDeltas()`
 * grow with their input. For three rising sizes each case prints the fastest CPU time of several runs
 * (after a warm-up) and the ratio of each time to the one before: linear work grows with the size ratio
 * (x4 for 4x the input), quadratic work with its square. Per unit, larger inputs may cost up to ~2x more
 * once their live data outgrows V8's young generation: one step between two sizes, not a trend.
 * The suite keeps one cheap guard per case at small sizes (spec/helpers/growth.ts); the cases are defined
 * once, next to their specs. Run alone with `npx tsx spec/bench/linearity.ts`, or `npm run bench -- linearity`.
 */
import { toolCallGrowthCases } from '../chat/operators/tool-call-growth-cases.js';
import { fastestTimes, type GrowthCase } from '../helpers/growth.js';
import { partialJSONGrowthCases } from '../json/partial-json-growth-cases.js';
import { sseGrowthCases } from '../sse/sse-growth-cases.js';
import { load, machine } from './report.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

const AREAS: Array<[string, GrowthCase[]]> = [
  ['createSSEParser / createSSEDecoder', sseGrowthCases],
  ['createPartialJSONParser', partialJSONGrowthCases],
  ['toolCallDeltas, partial read on every event', toolCallGrowthCases],
];

const count = (n: number) => n.toLocaleString('en-US');

/** Prints one table row per case: each size with its fastest time, the growth between them, what to expect. */
export async function run(): Promise<void> {
  console.log(`${machine()}; load average ${load()}. CPU time of this process, fastest of ${ROUNDS} runs.\n`);
  console.log('| code | input, N = | times | growth | expected |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [area, cases] of AREAS) {
    for (const growthCase of cases) {
      const sizes = growthCase.bench;
      const times = fastestTimes(growthCase, sizes, { warmMs: 300, rounds: ROUNDS });
      const cells = sizes.map((size, i) => `${count(size)}: ${times[i]!.toFixed(1)} ms`).join(', ');
      const growth = times
        .slice(1)
        .map((time, i) => `x${(time / times[i]!).toFixed(2)} for x${(sizes[i + 1]! / sizes[i]!).toFixed(0)}`)
        .join(', ');
      console.log(`| ${area} | ${growthCase.name} | ${cells} | ${growth} | ${growthCase.expected} |`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
