/**
 * Compiles `lib/` the way `npm run build` does (tsc with `tsconfig.build.json`) into a folder under the
 * system's temporary directory, so that the HTTP benchmarks measure the JavaScript that ships, as they do
 * for the other libraries. Run through tsx instead, every function expression would be wrapped in a
 * naming helper that defines a property on each closure it creates: per request and per chunk, work that
 * no user pays. The folder gets a `package.json` (ESM) and a `node_modules` link to this project's, so
 * that `rxjs`, `ky` and `zod` resolve as they do for the package.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the library (about 5 s) and returns the URL of its entry point. */
export function buildLib(): string {
  const out = join(
    tmpdir(),
    `rxjs-openai-stream-bench-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
  );
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [
      tsc,
      '-p',
      'tsconfig.build.json',
      '--outDir',
      join(out, 'lib'),
      '--declaration',
      'false',
      '--incremental',
      'false',
    ],
    { cwd: ROOT, stdio: 'inherit', timeout: 120_000 },
  );
  return pathToFileURL(join(out, 'lib', 'index.js')).href;
}

/**
 * Makes the client processes started after this call load the built library (`BENCH_LIB`), unless
 * `--source` was given (then they load `lib/` through tsx). Returns how the library is loaded, for the
 * table header.
 */
export function useBuiltLib(argv: string[]): string {
  if (argv.includes('--source')) return 'lib/ through tsx';
  process.env['BENCH_LIB'] = buildLib();
  return 'lib/ built with tsc as shipped';
}
