/**
 * `npm run bench`: runs every benchmark module in sequence, in one process. To add one, import its `run`
 * and append it to `benches`.
 */
import { run as runParser } from './parser.js';
import { run as runBundle } from './bundle.js';
import { run as runToolCalls } from './tool-calls.js';
import { run as runPartialObject } from './partial-object.js';

const benches: Array<{ name: string; run: () => Promise<void> }> = [
  { name: 'SSE parser', run: runParser },
  { name: 'Browser bundle size', run: runBundle },
  { name: 'Tool-call argument previews (toolCallDeltas)', run: runToolCalls },
  { name: 'Streamed structured output (partialObject)', run: runPartialObject },
];

for (const bench of benches) {
  console.log(`\n## ${bench.name}\n`);
  await bench.run();
}
