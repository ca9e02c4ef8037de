import { readdir } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PAGE = join(import.meta.dirname, 'core-page');
const SPEC_DIR = 'spec/sse';

/**
 * spec/sse files the browser run leaves out, with the reason. By default none: the linear-time spec (one
 * cheap t(4N)/t(N) < 8 guard per case, spec/sse/sse-growth-cases.ts) runs unchanged, since it checks the
 * decoder's linearity on Blink's TextDecoder too. `BROWSER_SKIP_LINEAR_SPEC=1` leaves it out on a machine
 * too loaded for timing ratios.
 */
export const EXCLUDED_SPECS: Record<string, string> =
  process.env['BROWSER_SKIP_LINEAR_SPEC'] === '1'
    ? { 'parser.linear.spec.ts': 'BROWSER_SKIP_LINEAR_SPEC=1 (timing ratios)' }
    : {};

/** What the bundle holds. */
export interface CoreBundle {
  /** The spec files bundled, as `spec/sse/x.spec.ts`, in run order. */
  specs: string[];
  modules: number;
  bytes: number;
}

/** Every `spec/sse/*.spec.ts` not in {@link EXCLUDED_SPECS}. */
async function specFiles(): Promise<string[]> {
  const names = await readdir(join(ROOT, SPEC_DIR));
  return names
    .filter((name) => name.endsWith('.spec.ts') && !(name in EXCLUDED_SPECS))
    .sort()
    .map((name) => `${SPEC_DIR}/${name}`);
}

/** The entry: before each spec module evaluates, a one-line module tells the runner which file it is. */
function entryPlugin(specs: string[]): Plugin {
  return {
    name: 'core-page-entry',
    setup(build) {
      build.onResolve({ filter: /^core-page-entry$/ }, () => ({ path: 'entry', namespace: 'core-page' }));
      build.onResolve({ filter: /^spec-file:/ }, (args) => ({ path: args.path, namespace: 'core-page' }));
      // package.json says "sideEffects": false; these imports are for their side effects (registering).
      build.onResolve({ filter: /^\.\/spec\//, namespace: 'core-page' }, (args) => ({
        path: resolve(ROOT, args.path),
        sideEffects: true,
      }));
      build.onLoad({ filter: /.*/, namespace: 'core-page' }, (args) => {
        if (args.path.startsWith('spec-file:')) {
          const file = args.path.slice('spec-file:'.length);
          const contents = `import { enterFile } from './spec-runner.ts';\nenterFile(${JSON.stringify(file)});\n`;
          return { contents, resolveDir: PAGE, loader: 'ts' };
        }
        const lines = specs.flatMap((file) => [
          `import ${JSON.stringify(`spec-file:${file}`)};`,
          `import ${JSON.stringify(`./${file}`)};`,
        ]);
        lines.push(`import './spec/browser/core-page/main.ts';`);
        return { contents: lines.join('\n'), resolveDir: ROOT, loader: 'ts' };
      });
    },
  };
}

/** `@jest/globals` → our browser shim (jest's own pulls in Node-only packages). */
const jestGlobalsPlugin: Plugin = {
  name: 'jest-globals-shim',
  setup(build) {
    build.onResolve({ filter: /^@jest\/globals$/ }, () => ({ path: join(PAGE, 'jest-globals.ts') }));
  },
};

/** Fails the build on any import of a Node builtin, `node:` prefixed or bare, wherever it comes from. */
const noNodeBuiltinsPlugin: Plugin = {
  name: 'no-node-builtins',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '');
      if (args.path === bare && !builtins.has(bare) && !builtins.has(bare.split('/')[0] ?? '')) return;
      const from = args.importer ? relative(ROOT, args.importer) : 'the entry';
      return { errors: [{ text: `Node builtin "${args.path}" imported by ${from}` }] };
    });
  },
};

function problems(metafile: Metafile, specs: string[]): string[] {
  const inputs = Object.keys(metafile.inputs);
  const found: string[] = [];
  const external = Object.values(metafile.outputs).flatMap((out) => out.imports.filter((i) => i.external));
  if (external.length > 0) found.push(`external imports left: ${external.map((i) => i.path).join(', ')}`);
  const nodeOnly = inputs.filter(
    (input) =>
      input.startsWith('node:') ||
      input.includes('lib/testing/') ||
      input.includes('node_modules/@jest/globals/') ||
      input.includes('node_modules/expect/'),
  );
  if (nodeOnly.length > 0) found.push(`Node-only inputs: ${nodeOnly.join(', ')}`);
  const inOutput = new Set(
    Object.values(metafile.outputs).flatMap((out) =>
      Object.entries(out.inputs)
        .filter(([, use]) => use.bytesInOutput > 0)
        .map(([input]) => input),
    ),
  );
  for (const needed of ['lib/client.ts', 'spec/browser/core-page/main.ts', ...specs])
    if (!inOutput.has(needed)) found.push(`${needed} is not in the bundle`);
  return found;
}

/**
 * Bundles the core test page with every spec/sse spec for `platform: 'browser'`, `@jest/globals` aliased
 * to the shim, into `outfile`. Throws (with esbuild's messages) on a build error, a Node builtin, or a
 * missing spec.
 */
export async function bundleCorePage(outfile: string): Promise<CoreBundle> {
  const specs = await specFiles();
  const result = await build({
    entryPoints: ['core-page-entry'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    plugins: [entryPlugin(specs), jestGlobalsPlugin, noNodeBuiltinsPlugin],
  }).catch((error: unknown) => {
    const errors = (error as { errors?: Array<{ text: string }> }).errors;
    throw new Error(errors ? errors.map((e) => e.text).join('; ') : String(error));
  });
  const found = problems(result.metafile, specs);
  if (found.length > 0) throw new Error(found.join('; '));
  const outputs = Object.values(result.metafile.outputs);
  return {
    specs,
    modules: Object.keys(result.metafile.inputs).length,
    bytes: outputs.reduce((sum, out) => sum + out.bytes, 0),
  };
}
