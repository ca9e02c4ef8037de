/**
 * `npm run dashboard`: bundles `main.ts` for the browser with esbuild, starts the mock OpenAI-compatible
 * server and a relay (`rxjs-openai-stream/server`) in front of it, and serves the page with `/v1`
 * forwarded to the relay (same origin; the key and the upstream URL stay in the relay).
 * Options: `PORT` (default 5173), `MOCK_PORT` (default ephemeral).
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { createClient } from '../../../lib/index.js';
import { createRelay } from '../../../lib/server/index.js';
import { startMockServer, type MockServer } from '../../../lib/testing/index.js';
import { dashboardReplies } from './dashboard-replies.js';
import { startProxyServer } from './proxy-server.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A running dashboard: the page URL, the mock server behind it, and `close()`. */
export interface Dashboard {
  url: string;
  mock: MockServer;
  close(): Promise<void>;
}

/**
 * Builds and serves the dashboard.
 *
 * @param options - the page port (0 = ephemeral) and the mock server port.
 * @returns the running dashboard.
 *
 * @example
 * ```ts
 * import { startDashboard } from './serve.js';
 *
 * const dashboard = await startDashboard({ port: 0 });
 * console.log(dashboard.url);
 * await dashboard.close();
 * ```
 */
export async function startDashboard(options: { port?: number; mockPort?: number } = {}): Promise<Dashboard> {
  const out = await mkdtemp(join(tmpdir(), 'rxjs-openai-stream-dashboard-'));
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: join(out, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  });
  await copyFile(join(here, 'index.html'), join(out, 'index.html'));
  const mock = await startMockServer({ reply: dashboardReplies(), port: options.mockPort ?? 0 });
  const relay = createRelay({
    client: createClient({ apiKey: 'mock-key', baseURL: mock.url, maxRetries: 0 }),
  });
  const relayServer = createServer((req, res) => void relay.node(req, res));
  await new Promise<void>((resolve) => relayServer.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = relayServer.address() as { port: number };
  const server = await startProxyServer({
    mounts: { '/': out },
    upstream: `http://127.0.0.1:${relayPort}/v1`,
    port: options.port ?? 0,
  });
  return {
    url: server.url,
    mock,
    async close() {
      await server.close();
      await relay.close();
      relayServer.closeAllConnections();
      await new Promise((resolve) => relayServer.close(resolve));
      await mock.close();
      await rm(out, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dashboard = await startDashboard({
    port: Number(process.env['PORT'] ?? 5173),
    mockPort: Number(process.env['MOCK_PORT'] ?? 0),
  });
  console.log(`Dashboard: ${dashboard.url}/  (mock server ${dashboard.mock.url}). Ctrl+C to stop.`);
  const shutdown = (): void => {
    dashboard.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
