// A TypeScript entry bundled into one plain ES module for a spec that runs it as a child process (not a
// spec itself): `node <bundle>` starts in a fraction of what loading the TypeScript through `--import tsx`
// costs (about 1 s of CPU per process). Packages are bundled too, so the file can live in a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/** The bundle's path, and a function that deletes it. */
export interface NodeBundle {
  file: string;
  remove(): void;
}

/** Bundles `entry` (an absolute path) for this Node version. */
export async function bundleForNode(entry: string): Promise<NodeBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'spec-bundle-'));
  const file = join(dir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    // CommonJS packages (the Redis clients) require Node's built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
