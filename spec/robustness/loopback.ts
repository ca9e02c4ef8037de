// A tiny node:http server for what the mock server cannot script (redirects, streams written as fast as the
// socket takes them). Not a spec itself.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request a loopback server received: method, path with its query, lower-cased headers, body text. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`: the origin, without a path. */
  origin: string;
  requests: SeenRequest[];
  /** TCP connections accepted so far (a request that never came still shows as a connection). */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a server on an ephemeral loopback port; `handle` answers each request once its body was read. */
export async function startLoopback(
  handle: (request: SeenRequest, res: ServerResponse, req: IncomingMessage) => void,
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(parts).toString('utf8'),
      };
      requests.push(seen);
      handle(seen, res, req);
    });
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One `chat.completion.chunk` frame with its blank line. */
export function chunkFrame(content: string, finishReason: string | null = null): string {
  const chunk = {
    id: 'chatcmpl-loop',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-loop',
    choices: [{ index: 0, delta: { content }, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** A short, complete chat stream: two deltas, a finish chunk and `[DONE]`. */
export const SHORT_STREAM = `${chunkFrame('Hello')}${chunkFrame(' there')}${chunkFrame('', 'stop')}data: [DONE]\n\n`;
