// Shared helpers of the relay specs (not a spec itself): a relay on a loopback port in front of the mock
// server, and an SSE reader over plain fetch that can drop its connection after n events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../lib/client.js';
import { createSSEDecoder } from '../../lib/sse/index.js';
import type { ServerSentEvent } from '../../lib/sse/index.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../lib/testing/index.js';
import { createRelay, type Relay, type RelayOptions } from '../../lib/server/index.js';

/** The server's key: it must never reach a browser. */
export const SERVER_KEY = 'sk-server-secret-5e1f0c9a77';

export const MESSAGES = [{ role: 'user' as const, content: 'Count for me.' }];

/** `"t0 t1 … t(n-1)"`: word deltas that carry their position. */
export const sequenceText = (n: number): string => Array.from({ length: n }, (_, i) => `t${i}`).join(' ');

export interface RelayRig {
  mock: MockServer;
  relay: Relay;
  /** The relay's mount, e.g. `http://127.0.0.1:5555/api`. */
  url: string;
  close(): Promise<void>;
}

/** Listens on an ephemeral loopback port. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A mock upstream, and a relay in front of it on Node's `http`, mounted at `/api`. */
export async function startRig(
  relayOptions: Partial<RelayOptions> = {},
  mockOptions: MockServerOptions = {},
): Promise<RelayRig> {
  const mock = await startMockServer(mockOptions);
  const client = createClient({ apiKey: SERVER_KEY, baseURL: mock.url, maxRetries: 0 });
  const relay = createRelay({ client, ...relayOptions });
  const server = createServer((req, res) => void relay.node(req, res));
  const port = await listen(server);
  return {
    mock,
    relay,
    url: `http://127.0.0.1:${port}/api`,
    async close() {
      await relay.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}

/** What an SSE response delivered before it ended, failed, or was dropped on purpose. */
export interface ReadEvents {
  events: ServerSentEvent[];
  comments: string[];
  /** The last `id:` seen. */
  lastEventId: string;
  dropped: boolean;
  error?: unknown;
}

/** Reads an event stream with our decoder; with `dropAfter`, aborts the connection after that many events. */
export async function readEvents(
  response: Response,
  options: { dropAfter?: number; abort?: AbortController } = {},
): Promise<ReadEvents> {
  const out: ReadEvents = { events: [], comments: [], lastEventId: '', dropped: false };
  const reader = response.body!.getReader();
  const decoder = createSSEDecoder((event) => out.events.push(event), {
    onComment: (text) => out.comments.push(text),
  });
  try {
    for (;;) {
      if (options.dropAfter !== undefined && out.events.length >= options.dropAfter) {
        out.dropped = true;
        options.abort?.abort();
        await reader.cancel().catch(() => {});
        break;
      }
      const { done, value } = await reader.read();
      if (done) break;
      decoder.write(value);
    }
    decoder.end();
  } catch (error) {
    out.error = error;
  }
  out.lastEventId = decoder.lastEventId;
  if (out.dropped) {
    out.events = out.events.slice(0, options.dropAfter);
    out.lastEventId = out.events.at(-1)?.id ?? '';
    // A drop after [DONE] is no drop: the client had completed.
    out.dropped = !out.events.some((event) => event.data === '[DONE]');
  }
  return out;
}

/** A streamed chat request to the relay with plain fetch. */
export function postChat(
  url: string,
  body: Record<string, unknown> = {},
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-mock', messages: MESSAGES, stream: true, ...body }),
    ...init,
  });
}

/** The content deltas of chat chunk events (the `[DONE]` and error frames are skipped). */
export function contentOf(events: readonly ServerSentEvent[]): string[] {
  return events.flatMap((event) => {
    if (!event.data.startsWith('{')) return [];
    const chunk = JSON.parse(event.data) as { choices?: Array<{ delta?: { content?: string } }> };
    return (chunk.choices ?? []).map((choice) => choice.delta?.content ?? '').filter((text) => text !== '');
  });
}
