/**
 * The example app's development backend: a relay (`rxjs-openai-stream/server`) on
 * http://127.0.0.1:4010/api, where `ng serve` forwards `/api` (proxy.conf.json). The relay holds the key
 * and the upstream URL; its upstream here is the mock server of `rxjs-openai-stream/testing`, scripted
 * for the example. Run it from the repository root, after `npm ci` there:
 *
 *   npx tsx docs/examples/angular/api/dev-api.ts        # PORT=4011 for another port
 *
 * The mock's replies follow the request: a question about the weather gets a `get_weather` call (the
 * tool runs in the browser) and then an answer built from the tool's result; a request for the
 * `forecast` structured output gets its JSON in small pieces; a message with "error" fails mid-answer on
 * its 1st, 3rd, ... attempt (so Retry recovers); anything else gets a short story sent in bursts.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createClient } from '../../../../lib/index.js';
import { createRelay } from '../../../../lib/server/index.js';
import { startMockServer, type MockServer } from '../../../../lib/testing/index.js';
import { exampleReplies } from './example-replies.js';

/** The running backend: the relay's URL (the page's `/api`), its mock upstream, and `close()`. */
export interface ExampleApi {
  url: string;
  mock: MockServer;
  close(): Promise<void>;
}

/**
 * Starts the mock upstream and the relay in front of it.
 *
 * @param port - the relay's port on 127.0.0.1 (0: any free port).
 * @returns the running backend.
 */
export async function startExampleApi(port: number): Promise<ExampleApi> {
  const mock = await startMockServer({ reply: exampleReplies() });
  // The server side holds the key and the upstream; the browser only knows `/api`.
  const relay = createRelay({
    client: createClient({ apiKey: 'mock-key', baseURL: mock.url, maxRetries: 0 }),
  });
  const server = createServer((req, res) => void relay.node(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${bound}/api`,
    mock,
    async close() {
      await relay.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const api = await startExampleApi(Number(process.env['PORT'] ?? 4010));
  console.log(`Relay at ${api.url} (upstream: the mock server at ${api.mock.url}).`);
  console.log('ng serve forwards /api here. Ctrl+C to stop.');
  const stop = (): void => void api.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
