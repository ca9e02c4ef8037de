/**
 * Starts `load-server.ts` in a child process (with an IPC channel) and hands back its URL, a stats query
 * and a stop function. Shared by the load and leak measurements.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the server child reports about itself. */
export interface ServerStats {
  openConnections: number;
  requests: number;
  /** CPU time (user + system) of the server process since it started, in ms. */
  cpuMs: number;
}

export interface ServerChild {
  url: string;
  child: ChildProcess;
  /** The server's open sockets, how many requests it saw so far and its CPU time so far (ms). */
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('./load-server.ts', import.meta.url));

/** Forks the mock server with tsx; rejects if it prints no URL within 20 s. */
export function spawnServer(args: string[] = []): Promise<ServerChild> {
  const child = fork(SERVER, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('load-server did not start within 20 s'));
    }, 20_000);
    child.once('exit', (code) => reject(new Error(`load-server exited early (${code})`)));
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString('utf8');
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      clearTimeout(timer);
      resolve({
        url: line.trim(),
        child,
        stats: () =>
          new Promise((done) => {
            const onMessage = (message: { type?: string } & ServerStats) => {
              if (message.type !== 'stats') return;
              child.off('message', onMessage);
              const { openConnections, requests, cpuMs } = message;
              done({ openConnections, requests, cpuMs });
            };
            child.on('message', onMessage);
            child.send({ type: 'stats' });
          }),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      });
    });
  });
}
