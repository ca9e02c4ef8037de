/**
 * Browser bundle sizes (esbuild, minified, ESM, platform browser; gzip level 9 via zlib).
 *
 * - The budget (10 KB gzipped) holds the core: `createClient` (chat and Responses), the SSE parser
 *   (`parseSSE`, `createSSEDecoder`) and the text operators, with `rxjs`, `zod` and `ky` external. It is
 *   the initial bundle: code the library loads with `import()` on first use (the Responses API request
 *   code, non-streamed completions, the code that reads error responses) is measured apart, as the chunks
 *   a code-splitting bundler emits for a streamed chat app.
 * - Next to it: that chat app itself, the core with every chat operator, all of `lib/index.ts`.
 * - The same chat app with everything bundled, next to the official `openai` package doing the same. A
 *   bundler without code splitting inlines the lazy modules, which esbuild then wraps so that they
 *   initialise on first use: that costs a few KB, shown in its own row.
 *
 * `BUNDLE_BUDGET_STRICT=1` sets a failing exit code when the core is over budget (`.ci/run` uses it).
 */
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The gzipped budget of the core (rxjs, zod and ky external). */
export const CORE_BUDGET_BYTES = 10 * 1024;
const EXTERNAL = ['rxjs', 'rxjs/*', 'zod', 'zod/*', 'ky'];

const CORE = `
export { createClient } from './lib/client.js';
export { parseSSE, createSSEDecoder } from './lib/sse/index.js';
export { textDeltas, accumulateText } from './lib/chat/operators/index.js';
`;
const CHAT_APP = `
import { createClient } from './lib/client.js';
import { textDeltas } from './lib/chat/operators/index.js';
createClient({ baseURL: '/v1' })
  .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true })
  .pipe(textDeltas())
  .subscribe((delta) => console.log(delta));
`;
const CORE_WITH_OPERATORS = `${CORE}
export { accumulateChatCompletion, toolCalls, toolCallDeltas } from './lib/chat/operators/index.js';
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

/** Leaves every `import()` out: what remains is the initial bundle. */
const initialOnly: Plugin = {
  name: 'initial-only',
  setup(plugin) {
    plugin.onResolve({ filter: /.*/ }, ({ kind, path }) =>
      kind === 'dynamic-import' ? { path, external: true } : undefined,
    );
  },
};

const COMMON = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'error',
} as const;

/**
 * Bundles `contents` (resolved from the project root) into one file and measures it. With `initial`,
 * modules loaded with `import()` are left out.
 */
export async function measure(
  name: string,
  contents: string,
  external: string[] = [],
  initial = false,
): Promise<BundleSize> {
  const result = await build({
    ...COMMON,
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}.ts` },
    external,
    plugins: initial ? [initialOnly] : [],
  });
  const code = result.outputFiles[0]!.contents;
  return { name, minified: code.length, gzipped: gzip(code), parts: partsOf(result.metafile) };
}

/**
 * The chunks a code-splitting build of `contents` loads on demand (not reachable from the entry through
 * static imports), each named after the library files in it.
 */
export async function lazyChunks(contents: string, external: string[]): Promise<BundleSize[]> {
  const result = await build({
    ...COMMON,
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'entry.ts' },
    external,
    splitting: true,
    outdir: resolve(ROOT, 'dist-bundle-measure'),
  });
  const outputs = result.metafile.outputs;
  const initial = new Set<string>();
  const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined);
  for (const stack = entry ? [entry] : []; stack.length > 0;) {
    const path = stack.pop()!;
    if (initial.has(path)) continue;
    initial.add(path);
    for (const imported of outputs[path]!.imports) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) stack.push(imported.path);
    }
  }
  const chunks: BundleSize[] = [];
  for (const file of result.outputFiles) {
    const path = Object.keys(outputs).find((key) => file.path.endsWith(key));
    if (!path || initial.has(path)) continue;
    const inputs = Object.entries(outputs[path]!.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .map(([input]) => input.replace(/^lib\//, ''));
    const shown = inputs.slice(0, 3).join(', ') + (inputs.length > 3 ? `, +${inputs.length - 3} more` : '');
    chunks.push({
      name: `loaded on first use: ${shown}`,
      minified: file.contents.length,
      gzipped: gzip(file.contents),
      parts: partsOf({ inputs: {}, outputs: { [path]: outputs[path]! } }),
    });
  }
  return chunks.sort((a, b) => b.gzipped - a.gzipped);
}

const gzip = (code: Uint8Array): number => gzipSync(code, { level: 9 }).length;

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
  const core = await measure(
    'core: createClient, parseSSE, createSSEDecoder, textDeltas, accumulateText; initial',
    CORE,
    EXTERNAL,
    true,
  );
  const rows: BundleSize[] = [
    core,
    await measure('a streamed chat app (createClient + textDeltas), initial', CHAT_APP, EXTERNAL, true),
    ...(await lazyChunks(CHAT_APP, EXTERNAL)),
    await measure('core + every chat operator, initial', CORE_WITH_OPERATORS, EXTERNAL, true),
    await measure('all of lib/index.ts, initial', `export * from './lib/index.js';`, EXTERNAL, true),
  ];
  const ours = await measure(
    'streamed chat app: rxjs-openai-stream, all bundled, initial',
    CHAT_APP,
    [],
    true,
  );
  const oneFile = await measure(
    'streamed chat app: rxjs-openai-stream, all bundled into one file (no code splitting)',
    CHAT_APP,
  );
  const openai = await measure('streamed chat app: openai package, all bundled', OPENAI_APP);
  rows.push(ours, oneFile, openai);
  // Why zod dominates: its `z` named export is a namespace object that defeats tree-shaking.
  const schema = `z.looseObject({ a: z.string(), b: z.number().nullish() }).parse({ a: '' });`;
  rows.push(await measure("zod alone, `import { z } from 'zod'`", `import { z } from 'zod'; ${schema}`));
  rows.push(await measure("zod alone, `import * as z from 'zod'`", `import * as z from 'zod'; ${schema}`));
  console.log('rxjs, zod and ky external unless the row says "all bundled".\n');
  console.log('| bundle | minified | gzipped |\n|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.name} | ${kb(row.minified)} | ${kb(row.gzipped)} |`);
  const breakdown = Object.entries(ours.parts)
    .sort((a, b) => b[1] - a[1])
    .map(([part, bytes]) => `${part} ${kb(bytes)}`)
    .join(', ');
  console.log(`\nrxjs-openai-stream app, minified bytes by part: ${breakdown}`);
  const verdict = core.gzipped <= CORE_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `core: ${core.gzipped} bytes gzipped (${kb(core.gzipped)}), ${verdict} the ${kb(CORE_BUDGET_BYTES)} ` +
      `budget by ${Math.abs(CORE_BUDGET_BYTES - core.gzipped)} bytes`,
  );
  if (core.gzipped > CORE_BUDGET_BYTES && process.env['BUNDLE_BUDGET_STRICT'] === '1') process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
