/**
 * `npm run relay`: starts a relay (docs/relay.md) on http://127.0.0.1:8787/api with the embedded mock server
 * as its upstream (no key, no network), and prints how to try it. `PORT` picks another port; with
 * `OPENAI_API_KEY` set, the relay talks to the real API instead (`OPENAI_BASE_URL` is respected). Ctrl-C
 * stops both.
 *
 * A browser app points its client at the printed URL: `createClient({ baseURL: 'http://127.0.0.1:8787/api' })`
 * (served from the same origin in production: `baseURL: '/api'`).
 */
import { createServer } from 'node:http';
import { createClient } from '../../lib/index.js';
import { createRelay } from '../../lib/server/index.js';
import { startMockServer } from '../../lib/testing/index.js';

const realKey = process.env['OPENAI_API_KEY'];
const mock = realKey ? undefined : await startMockServer({ chunkDelayMs: 40 });
const client = createClient(mock ? { apiKey: 'mock-key', baseURL: mock.url } : {});
const relay = createRelay({ client, detachTimeout: 30_000 });

const port = Number(process.env['PORT'] ?? 8787);
const server = createServer((req, res) => void relay.node(req, res));
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${port}/api`;

process.stdout.write(
  [
    `Relay on ${url} (upstream: ${mock ? `the mock server at ${mock.url}` : 'the OpenAI API'})`,
    '',
    'Stream a chat completion (note the x-stream-id header and the id: of each event):',
    `  curl -N -i ${url}/chat/completions -H 'content-type: application/json' \\`,
    `    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true}'`,
    'Resume it from event 5, or cancel it:',
    `  curl -N ${url}/streams/<x-stream-id> -H 'last-event-id: 5'`,
    `  curl -X DELETE ${url}/streams/<x-stream-id>`,
    '',
  ].join('\n'),
);

const stop = async (): Promise<void> => {
  await relay.close();
  server.closeAllConnections();
  server.close();
  await mock?.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
