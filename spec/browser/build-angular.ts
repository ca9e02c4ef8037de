import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Angular example app's folder. */
export const ANGULAR_DIR = resolve(import.meta.dirname, '..', '..', 'docs', 'examples', 'angular');
/** Where its production build lands. */
export const ANGULAR_DIST = join(ANGULAR_DIR, 'dist', 'browser');
/** The Angular CLI needs Node >= 22.22; the npm registry's `node` package provides it on older hosts. */
const NODE22 = 'node@22.23.3';

/** Newest modification time (ms) of the files under `dir`, skipping `node_modules` and `dist`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Whether the build is missing or older than the app's or the library's sources. */
function stale(): boolean {
  const index = join(ANGULAR_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return (
    newest(join(ANGULAR_DIR, 'src')) > built || newest(resolve(ANGULAR_DIR, '..', '..', '..', 'lib')) > built
  );
}

/**
 * Returns the built app folder, building it first when it is missing or older than its sources (or when
 * `BROWSER_REBUILD_ANGULAR=1`).
 * Uses the current Node when it is new enough, else `npx -p node@22`.
 *
 * @returns the `dist/browser` folder, or a reason it is not available.
 */
export async function ensureAngularBuild(): Promise<{ dir: string } | { reason: string }> {
  if (!stale() && process.env['BROWSER_REBUILD_ANGULAR'] !== '1') return { dir: ANGULAR_DIST };
  if (!existsSync(join(ANGULAR_DIR, 'node_modules', '@angular', 'cli'))) {
    return { reason: `run "npm ci" in ${ANGULAR_DIR} first (its dependencies are not installed)` };
  }
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const cli = join('node_modules', '@angular', 'cli', 'bin', 'ng.js');
  const [command, args] =
    major > 22 || (major === 22 && minor >= 22)
      ? [process.execPath, [cli, 'build']]
      : ['npx', ['-y', '-p', NODE22, '--', 'node', cli, 'build']];
  console.log(`building the Angular example: ${command} ${args.join(' ')}`);
  const code = await new Promise<number>((done) => {
    const child = spawn(command, args, {
      cwd: ANGULAR_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
    });
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
