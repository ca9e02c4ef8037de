/**
 * Browser bundle sizes (esbuild, minified, ESM, platform browser; gzip level 9 via zlib):
 * - the core with `rxjs`, `zod` and `ky` external (budget: 10 KB gzipped);
 * - a streamed chat completion app with everything bundled, next to the official `openai` package doing
 *   the same. Also prints which packages make up the full bundle.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The gzipped budget of the core (rxjs, zod and ky external). */
export const CORE_BUDGET_BYTES = 10 * 1024;
const EXTERNAL = ['rxjs', 'rxjs/*', 'zod', 'zod/*', 'ky'];

const CORE_ENTRY = `
export { createClient } from './lib/client.js';
export { parseSSE, createSSEDecoder } from './lib/sse/index.js';
export { textDeltas, accumulateText, accumulateChatCompletion, toolCalls, toolCallDeltas } from './lib/operators/index.js';
`;
const OURS_APP = `
import { createClient } from './lib/client.js';
import { textDeltas } from './lib/operators/index.js';
createClient({ baseURL: '/v1' })
  .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true })
  .pipe(textDeltas())
  .subscribe((delta) => console.log(delta));
`;
const OPENAI_APP = `
import OpenAI from 'openai';
const client = new OpenAI({ baseURL: '/v1', apiKey: 'unused', dangerouslyAllowBrowser: true });
const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
for await (const chunk of stream) console.log(chunk.choices[0]?.delta?.content ?? '');
`;

/** Sizes of one bundle. */
export interface BundleSize {
  name: string;
  minified: number;
  gzipped: number;
  /** Minified bytes per package (or `lib/<folder>` for our own code). */
  parts: Record<string, number>;
}

/** Bundles `contents` (resolved from the project root) and measures it. */
export async function measure(name: string, contents: string, external: string[] = []): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    name,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    parts: partsOf(result.metafile),
  };
}

function partsOf(metafile: Metafile): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input) ?? /^(lib\/[^/]+)/.exec(input);
      const key = match?.[1] ?? 'entry';
      parts[key] = (parts[key] ?? 0) + bytesInOutput;
    }
  }
  return parts;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints the sizes; with `BUNDLE_BUDGET_STRICT=1`, sets `process.exitCode = 1` when the core is over budget. */
export async function run(): Promise<void> {
  const rows: BundleSize[] = [await measure('core (rxjs, zod, ky external)', CORE_ENTRY, EXTERNAL)];
  if (existsSync(resolve(ROOT, 'lib', 'index.ts'))) {
    rows.push(
      await measure(
        'all of lib/index.ts (rxjs, zod, ky external)',
        `export * from './lib/index.js';`,
        EXTERNAL,
      ),
    );
  }
  rows.push(
    await measure('streamed chat app: rxjs-openai-stream (rxjs, zod, ky external)', OURS_APP, EXTERNAL),
  );
  const ours = await measure('streamed chat app: rxjs-openai-stream, all bundled', OURS_APP);
  const openai = await measure('streamed chat app: openai package, all bundled', OPENAI_APP);
  rows.push(ours, openai);
  // Why zod dominates: its `z` named export is a namespace object that defeats tree-shaking.
  const schema = `z.looseObject({ a: z.string(), b: z.number().nullish() }).parse({ a: '' });`;
  rows.push(await measure("zod alone, `import { z } from 'zod'`", `import { z } from 'zod'; ${schema}`));
  rows.push(await measure("zod alone, `import * as z from 'zod'`", `import * as z from 'zod'; ${schema}`));
  console.log('| bundle | minified | gzipped |\n|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.name} | ${kb(row.minified)} | ${kb(row.gzipped)} |`);
  const breakdown = Object.entries(ours.parts)
    .sort((a, b) => b[1] - a[1])
    .map(([part, bytes]) => `${part} ${kb(bytes)}`)
    .join(', ');
  console.log(`\nrxjs-openai-stream app, minified bytes by part: ${breakdown}`);
  const core = rows[0]!;
  const verdict = core.gzipped <= CORE_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`core: ${kb(core.gzipped)} gzipped, ${verdict} the ${kb(CORE_BUDGET_BYTES)} budget`);
  if (core.gzipped > CORE_BUDGET_BYTES && process.env['BUNDLE_BUDGET_STRICT'] === '1') process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
