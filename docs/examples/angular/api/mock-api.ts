/**
 * The example app's development API: a mock OpenAI-compatible server on 127.0.0.1:4010, where `ng serve`
 * forwards `/api` (proxy.conf.json). Run it from the repository root, after `npm ci` there:
 *
 *   npx tsx docs/examples/angular/api/mock-api.ts        # PORT=4011 for another port
 *
 * Replies follow the last user message: a request with tools gets a `get_weather` call; a message with
 * "error" fails mid-stream on its 1st, 3rd, ... attempt (so Retry recovers); anything else gets a short
 * story, sent in bursts of a few words so that the page's smooth text has something to pace.
 */
import { pathToFileURL } from 'node:url';
import {
  startMockServer,
  type MockReply,
  type MockServer,
  type RecordedRequest,
} from '../../../../lib/testing/index.js';

const STORIES = [
  'The lighthouse keeper counted the waves every night. One evening a wave answered back, and from then ' +
    'on the two of them kept the light together, trading stories until the ships came home.',
  'A small robot found a seed in the dust of the old station. It built a dome of scrap for it, watered it ' +
    'with condensation, and a year later the station had its first tree and its first gardener.',
  'The river wanted to see the mountains it came from. It could not flow uphill, so it became rain for a ' +
    'season, fell on the highest peak, and laughed all the way back down to the sea.',
];

function lastUserText(request: RecordedRequest): string {
  const body = (request.body ?? {}) as { messages?: Array<{ role?: string; content?: unknown }> };
  const last = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

/**
 * The example's replies, chosen from the request.
 *
 * @returns a reply source for `startMockServer({ reply })`.
 */
export function exampleReplies(): (request: RecordedRequest) => MockReply {
  const attempts = new Map<string, number>();
  let turn = 0;
  return (request) => {
    const body = (request.body ?? {}) as { tools?: unknown[] };
    if (body.tools?.length) {
      return {
        type: 'chat',
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }],
        argsChunkSize: 4,
        delayMs: 60,
      };
    }
    const prompt = lastUserText(request);
    const attempt = (attempts.get(prompt) ?? 0) + 1;
    attempts.set(prompt, attempt);
    const text = STORIES[turn++ % STORIES.length]!;
    if (/error/i.test(prompt) && attempt % 2 === 1) {
      const error = { message: 'The model crashed mid-answer.', type: 'server_error' };
      return { type: 'chat', text, tokenSize: 24, delayMs: 150, errorAfter: { chunks: 4, error } };
    }
    return { type: 'chat', text, tokenSize: 24, delayMs: 150 };
  };
}

/**
 * Starts the mock API.
 *
 * @param port - the port to listen on (127.0.0.1).
 * @returns the running mock server.
 */
export function startExampleApi(port: number): Promise<MockServer> {
  return startMockServer({ port, reply: exampleReplies() });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mock = await startExampleApi(Number(process.env['PORT'] ?? 4010));
  console.log(`Mock API at ${mock.url} (ng serve forwards /api here). Ctrl+C to stop.`);
  const stop = (): void => void mock.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
