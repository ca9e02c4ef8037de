/**
 * Starts `client-worker.ts` for one client in a child process (with an IPC channel) and hands back a way
 * to run measured rounds in it. Shared by the per-chunk CPU and the load benchmarks.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientName } from './clients/types.js';
import type { RunReport, RunRequest } from './client-worker.js';

export interface ClientChild {
  name: ClientName;
  /** Runs one round in the child; rejects if the child dies or stays silent past the round's limit. */
  run(request: Omit<RunRequest, 'type'>): Promise<RunReport>;
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./client-worker.ts', import.meta.url));
/** Slack on top of a round's own limit before the child is killed. */
const GRACE_MS = 10_000;

/** Forks the client `name` against the server at `url`; resolves once it is ready (within 30 s). */
export function spawnClient(name: ClientName, url: string, execArgv: string[] = []): Promise<ClientChild> {
  const child = fork(WORKER, ['--client', name, '--url', url], {
    execArgv: [...execArgv, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      // Closing the channel lets the child exit by itself (and write a --cpu-prof profile); else SIGTERM.
      child.disconnect();
      setTimeout(() => child.kill('SIGTERM'), 5000).unref();
      setTimeout(() => child.kill('SIGKILL'), 8000).unref();
    });
  const run = (request: Omit<RunRequest, 'type'>): Promise<RunReport> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        child.kill('SIGKILL');
        reject(new Error(`${name}: no report within ${request.limitMs + GRACE_MS} ms`));
      }, request.limitMs + GRACE_MS);
      const onMessage = (message: { type?: string }): void => {
        if (message.type !== 'report') return;
        cleanup();
        resolve(message as RunReport);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`${name}: the client process exited (${code})`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'run', ...request } satisfies RunRequest);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: the client process did not start within 30 s`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: the client process exited early (${code})`));
    });
    child.once('message', () => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ name, run, stop });
    });
  });
}
