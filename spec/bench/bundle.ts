/**
 * The browser bundle of a real app: it streams one chat completion and prints its text
 * (`createClient` + `textDeltas` from `lib/index.ts`). ky and zod are bundled, only `rxjs` is external
 * (an Angular app ships it anyway); esbuild, minified, ESM, platform browser, one file (anything loaded with
 * `import()` is inlined), gzip level 9. Next to it, the same app with the official `openai` package and with
 * the Vercel AI SDK (`ai` + `@ai-sdk/openai-compatible`), everything bundled.
 *
 * Also printed: the app's bytes by part (from esbuild's metafile), and what the Responses API costs inside
 * it: the same app built with every module of `lib/responses` that code outside it imports replaced by a
 * stub with the same exports (so what only that code uses, zod's included, drops out too); and the same
 * for the Responses schemas alone.
 *
 * Budget: the app at most 25 KB gzipped; `BUNDLE_BUDGET_STRICT=1` sets a failing exit code when it is over
 * it, and `BUNDLE_CEILING_KB=n` when it is over n KB (the no-growth line `.ci/run` holds until the budget
 * is met). It bundles from `lib/` sources and assumes no chunk names; only that the Responses
 * API lives in `lib/responses`.
 *
 * Run alone with `npx tsx spec/bench/bundle.ts`, or via `npm run bench`.
 */
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The gzipped budget of the chat app, with ky and zod bundled and rxjs external. */
export const BUDGET_BYTES = 25 * 1024;
const RXJS = ['rxjs', 'rxjs/*'];

const CHAT_APP = `
import { createClient, textDeltas } from './lib/index.js';
createClient({ baseURL: '/v1' })
  .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true })
  .pipe(textDeltas())
  .subscribe((delta) => document.body.append(delta));
`;
const OPENAI_APP = `
import OpenAI from 'openai';
const client = new OpenAI({ baseURL: '/v1', apiKey: 'unused', dangerouslyAllowBrowser: true });
const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
for await (const chunk of stream) document.body.append(chunk.choices[0]?.delta?.content ?? '');
`;
const AI_SDK_APP = `
import { streamText } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
const provider = createOpenAICompatible({ name: 'local', baseURL: '/v1', apiKey: 'unused' });
const result = streamText({ model: provider('gpt-4o-mini'), prompt: 'Hi' });
for await (const delta of result.textStream) document.body.append(delta);
`;

/** Sizes of one bundle. */
export interface BundleSize {
  name: string;
  minified: number;
  gzipped: number;
  /** Minified bytes per input file (paths relative to the project root). */
  inputs: Record<string, number>;
  metafile: Metafile;
}

const gzip = (code: Uint8Array): number => gzipSync(code, { level: 9 }).length;

/** Bundles `contents` (resolved from the project root) into one minified browser file and measures it. */
export async function measure(
  name: string,
  contents: string,
  options: { external?: string[]; plugins?: Plugin[] } = {},
): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'app.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'error',
    external: options.external ?? [],
    plugins: options.plugins ?? [],
  });
  const code = result.outputFiles[0]!.contents;
  const inputs: Record<string, number> = {};
  for (const output of Object.values(result.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      inputs[input] = (inputs[input] ?? 0) + bytesInOutput;
  return { name, minified: code.length, gzipped: gzip(code), inputs, metafile: result.metafile };
}

/** The part an input belongs to: its npm package, or `library` (and its folder) for `lib/`. */
function partOf(input: string): { part: string; folder?: string } {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  if (pkg) return { part: pkg };
  const folder = /^lib\/([^/]+)/.exec(input)?.[1];
  if (folder) return { part: 'library', folder: folder.replace(/\.ts$/, '') };
  return { part: 'app' };
}

const RESPONSES = /^lib\/responses\//;
const RESPONSES_SCHEMAS = /^lib\/responses\/[^/]*schema[^/]*\.ts$/;
const RUN_TOOLS = /^lib\/(chat|responses)\/run-tools\.ts$/;
const RESPONSES_AND_RUN_TOOLS = /^lib\/responses\/|^lib\/chat\/run-tools\.ts$/;

/**
 * Replaces each module matching `drop` that a module not matching it imports by a stub with the same
 * export names, read from `metafile` (the real app's): what remains is the app without that code.
 */
async function without(metafile: Metafile, drop: RegExp): Promise<Plugin> {
  const targets = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (drop.test(input)) continue;
    for (const imported of imports) if (drop.test(imported.path)) targets.add(imported.path);
  }
  const stubs = new Map<string, string>();
  for (const target of targets) {
    const result = await build({
      entryPoints: [resolve(ROOT, target)],
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    const exports = Object.values(result.metafile.outputs)[0]?.exports ?? [];
    stubs.set(resolve(ROOT, target), exports.map((name) => `export const ${name} = () => {};`).join('\n'));
  }
  return {
    name: 'without',
    setup(plugin) {
      plugin.onLoad({ filter: /\.ts$/ }, ({ path }) => {
        const stub = stubs.get(path);
        return stub === undefined ? undefined : { contents: stub, loader: 'ts' };
      });
    },
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints the sizes; with `BUNDLE_BUDGET_STRICT=1`, sets `process.exitCode = 1` when the app is over budget. */
export async function run(): Promise<void> {
  const ours = await measure('rxjs-openai-stream', CHAT_APP, { external: RXJS });
  const chatOnly = await measure('without lib/responses', CHAT_APP, {
    external: RXJS,
    plugins: [await without(ours.metafile, RESPONSES)],
  });
  const schemaless = await measure('without the Responses schemas', CHAT_APP, {
    external: RXJS,
    plugins: [await without(ours.metafile, RESPONSES_SCHEMAS)],
  });
  const toolless = await measure('without the tool loops', CHAT_APP, {
    external: RXJS,
    plugins: [await without(ours.metafile, RUN_TOOLS)],
  });
  const bare = await measure('without lib/responses and the tool loops', CHAT_APP, {
    external: RXJS,
    plugins: [await without(ours.metafile, RESPONSES_AND_RUN_TOOLS)],
  });
  const openai = await measure('openai (official SDK)', OPENAI_APP);
  const aiSdk = await measure('Vercel AI SDK (ai + @ai-sdk/openai-compatible)', AI_SDK_APP);

  console.log(
    'A browser app that streams one chat completion and prints its text; esbuild, minified, gzip -9.\n',
  );
  console.log('| app | minified | gzipped |\n|---|---:|---:|');
  for (const row of [ours, openai, aiSdk])
    console.log(
      `| ${row.name}${row === ours ? ' (rxjs external)' : ''} | ${kb(row.minified)} | ${kb(row.gzipped)} |`,
    );

  const parts = new Map<string, number>();
  const folders = new Map<string, number>();
  for (const [input, bytes] of Object.entries(ours.inputs)) {
    const { part, folder } = partOf(input);
    parts.set(part, (parts.get(part) ?? 0) + bytes);
    if (folder) folders.set(folder, (folders.get(folder) ?? 0) + bytes);
  }
  const share = (bytes: number) => `${kb(bytes)} (≈ ${kb((ours.gzipped * bytes) / ours.minified)} gz)`;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  console.log(`\nrxjs-openai-stream app by part, minified (gzipped share ≈ proportional):`);
  for (const [part, bytes] of sorted(parts)) console.log(`- ${part}: ${share(bytes)}`);
  console.log('- rxjs: external (shared with the app)');
  console.log(
    `  library by folder: ${sorted(folders)
      .map(([folder, bytes]) => `${folder} ${kb(bytes)}`)
      .join(', ')}`,
  );

  const responsesCost = ours.gzipped - chatOnly.gzipped;
  console.log(
    `\nThe Responses API in this chat-only app (lib/responses and what only it uses, zod included): ` +
      `${kb(ours.minified - chatOnly.minified)} minified, ${kb(responsesCost)} gzipped ` +
      `(${((100 * responsesCost) / ours.gzipped).toFixed(0)} % of it; ${kb(chatOnly.gzipped)} without it), ` +
      `of which its schemas (lib/responses/*schema*) ${kb(ours.gzipped - schemaless.gzipped)}.`,
  );
  console.log(
    `What \`createClient\` carries that this app never calls: the tool loops (\`chat.completions.runTools\`, ` +
      `\`responses.runTools\`, and what only they use) ${kb(ours.gzipped - toolless.gzipped)} gzipped; the ` +
      `Responses API and both tool loops ${kb(ours.gzipped - bare.gzipped)} (the app would be ` +
      `${kb(bare.gzipped)} without them).`,
  );
  const over = ours.gzipped > BUDGET_BYTES;
  console.log(
    `Budget: ${ours.gzipped} bytes gzipped (${kb(ours.gzipped)}), ${over ? 'OVER' : 'within'} the ` +
      `${kb(BUDGET_BYTES)} budget by ${Math.abs(BUDGET_BYTES - ours.gzipped)} bytes.`,
  );
  if (over && process.env['BUNDLE_BUDGET_STRICT'] === '1') process.exitCode = 1;
  // Until the budget is met, CI holds the line where the app is: it may shrink, never grow.
  const ceiling = Number(process.env['BUNDLE_CEILING_KB']);
  if (Number.isFinite(ceiling) && ceiling > 0) {
    const overCeiling = ours.gzipped > ceiling * 1024;
    console.log(`Ceiling (no growth): ${kb(ceiling * 1024)}, ${overCeiling ? 'OVER' : 'within'}.`);
    if (overCeiling) process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
