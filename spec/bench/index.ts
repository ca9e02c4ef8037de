/**
 * `npm run bench`: runs every benchmark module in sequence, each printing ready-to-paste markdown tables.
 * To add one, append its file (a module that exports `run()`) to `benches`. Pass names to run only some:
 * `npm run bench -- sse per-chunk`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches: Array<{ name: string; file: string; title: string }> = [
  { name: 'sse', file: './sse.ts', title: 'SSE path: bytes to events' },
  { name: 'per-chunk', file: './per-chunk.ts', title: 'Client CPU per streamed chunk over HTTP' },
  {
    name: 'request-cost',
    file: './request-cost.ts',
    title: 'Client CPU per request, by how it reaches fetch',
  },
  { name: 'schemas', file: './schemas.ts', title: 'Chunk validation: zod safeParse per chunk' },
  { name: 'bundle', file: './bundle.ts', title: 'Browser bundle size' },
  { name: 'tool-calls', file: './tool-calls.ts', title: 'Tool-call argument previews (toolCallDeltas)' },
  {
    name: 'partial-object',
    file: './partial-object.ts',
    title: 'Streamed structured output (partialObject)',
  },
  {
    name: 'parse-frame',
    file: './parse-frame.ts',
    title: 'The position of a JSON error in a malformed frame',
  },
  { name: 'linearity', file: './linearity.ts', title: 'Hostile input at size: growth ratios' },
];

const only = process.argv.slice(2);
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  console.log(`\n## ${bench.title}\n`);
  const url = new URL(bench.file, import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    console.log(`(${bench.file} is not in this checkout yet: skipped)`);
    continue;
  }
  const module = (await import(url.href)) as { run(): Promise<void> };
  await module.run();
}
