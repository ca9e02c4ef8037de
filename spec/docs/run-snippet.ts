import { execFile, spawn } from 'node:child_process';

/** How one run of a snippet's module ended. */
export interface RunResult {
  /** `ok`: exit code 0 in time; `failed`: another exit code or a signal; `timeout`: killed at the bound. */
  outcome: 'ok' | 'failed' | 'timeout';
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** What {@link runModule} needs: the module, where to run it, and its time bound. */
export interface RunModuleOptions {
  /** The `.ts` module to run with tsx. */
  file: string;
  /** The working directory, which holds the tsconfig.json that maps the package's entry points. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** The Node binary. @defaultValue this process's own (`process.execPath`) */
  node?: string;
}

/** Output beyond this is cut (a runaway loop must not fill the runner's memory). */
const MAX_OUTPUT = 64 * 1024;

/** The process groups of the children still running, for {@link killRunning}. */
const running = new Set<number>();

/** Kills every child still running (the runner was interrupted). */
export function killRunning(): void {
  for (const pid of running) killGroup(pid);
}

/**
 * Runs one module in a child Node process with tsx, so that a crash, an unhandled rejection or a hang stays
 * in the child. The child is its own process group, killed as a whole at `timeoutMs`.
 */
export function runModule({ file, cwd, env, timeoutMs, node }: RunModuleOptions): Promise<RunResult> {
  const started = performance.now();
  const child = spawn(node ?? process.execPath, ['--import', 'tsx', file], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) running.add(child.pid);
  let stdout = '';
  let stderr = '';
  const keep = (text: string, more: Buffer): string =>
    text.length < MAX_OUTPUT ? (text + more.toString('utf8')).slice(0, MAX_OUTPUT) : text;
  child.stdout.on('data', (data: Buffer) => (stdout = keep(stdout, data)));
  child.stderr.on('data', (data: Buffer) => (stderr = keep(stderr, data)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      killGroup(child.pid); // anything the snippet left running in its group
      if (child.pid !== undefined) running.delete(child.pid);
      const outcome = timedOut ? 'timeout' : exitCode === 0 ? 'ok' : 'failed';
      resolve({ outcome, exitCode, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** The Node binaries fetched so far, by major version. */
const binaries = new Map<number, Promise<string>>();

/**
 * A Node binary of at least `major`: this process's own when it is recent enough, else Node `major` from
 * the npm registry, through `npx -y -p node@<major>` (which caches it after the first time).
 */
export function nodeBinary(major: number | undefined): Promise<string> {
  const own = Number(process.versions.node.split('.')[0]);
  if (major === undefined || own >= major) return Promise.resolve(process.execPath);
  let binary = binaries.get(major);
  if (!binary) {
    binary = new Promise((resolve, reject) => {
      const args = ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'];
      execFile('npx', args, { timeout: 120_000 }, (error, stdout) =>
        error
          ? reject(new Error(`could not get Node ${major} with npx: ${error.message}`))
          : resolve(stdout.trim()),
      );
    });
    binaries.set(major, binary);
  }
  return binary;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}
