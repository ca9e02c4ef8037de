import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Angular example app's folder. */
export const ANGULAR_DIR = resolve(import.meta.dirname, '..', '..', 'docs', 'examples', 'angular');
/** Where its production build lands. */
export const ANGULAR_DIST = join(ANGULAR_DIR, 'dist', 'browser');
/** The Angular CLI needs Node >= 22.22; the npm registry's `node` package provides it on older hosts. */
const NODE22 = 'node@22.23.3';

/** Newest modification time (ms) of the files under `dir`, skipping `node_modules`, `dist` and dotfiles. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Whether the build is missing or older than the app's files or the library's sources. */
function stale(): boolean {
  const index = join(ANGULAR_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newest(ANGULAR_DIR) > built || newest(resolve(ANGULAR_DIR, '..', '..', '..', 'lib')) > built;
}

/** Whether the example's dependencies are installed; else the reason to show. */
export function angularInstalled(): true | string {
  return existsSync(join(ANGULAR_DIR, 'node_modules', '@angular', 'cli'))
    ? true
    : `run "npm ci" in ${ANGULAR_DIR} first (its dependencies are not installed)`;
}

/**
 * Starts the Angular CLI in the example's folder with the current Node when it is new enough, else with
 * `npx -p node@22`.
 *
 * @param args - the CLI arguments, e.g. `['build']`.
 * @param detached - start it in its own process group, so that `process.kill(-child.pid)` ends it all.
 * @returns the child process (stdout piped, stderr inherited).
 */
export function spawnNg(args: string[], detached = false): ChildProcess {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const cli = join('node_modules', '@angular', 'cli', 'bin', 'ng.js');
  const [command, argv] =
    major > 22 || (major === 22 && minor >= 22)
      ? [process.execPath, [cli, ...args]]
      : ['npx', ['-y', '-p', NODE22, '--', 'node', cli, ...args]];
  console.log(`     ng ${args.join(' ')} (${command === 'npx' ? NODE22 : process.version})`);
  return spawn(command, argv, {
    cwd: ANGULAR_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached,
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
}

/**
 * Returns the built app folder, building it first when it is missing or older than its sources (or when
 * `BROWSER_REBUILD_ANGULAR=1`).
 *
 * @returns the `dist/browser` folder, or a reason it is not available.
 */
export async function ensureAngularBuild(): Promise<{ dir: string } | { reason: string }> {
  if (!stale() && process.env['BROWSER_REBUILD_ANGULAR'] !== '1') return { dir: ANGULAR_DIST };
  const installed = angularInstalled();
  if (installed !== true) return { reason: installed };
  const child = spawnNg(['build']);
  child.stdout?.pipe(process.stdout);
  const code = await new Promise<number>((done) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), 300_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      done(status ?? 1);
    });
    child.on('error', () => {
      clearTimeout(timer);
      done(1);
    });
  });
  if (code !== 0 || !existsSync(join(ANGULAR_DIST, 'index.html')))
    return { reason: `ng build failed (exit ${code})` };
  return { dir: ANGULAR_DIST };
}
