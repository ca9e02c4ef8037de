import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** Options of {@link startProxyServer}. */
export interface ProxyServerOptions {
  /** URL path prefix → directory served from it, e.g. `{ '/': 'dist/browser' }`. Longest prefix wins. */
  mounts: Record<string, string>;
  /** Base URL of the OpenAI-compatible upstream, e.g. `http://127.0.0.1:4010/v1`; `apiPrefix/*` is forwarded there. */
  upstream: string;
  /** The path prefix of the page's API, replaced by the upstream's path when forwarding. @defaultValue '/v1' */
  apiPrefix?: string;
  /** Sent upstream as `Authorization: Bearer …`, so that the browser never holds a key. */
  apiKey?: string;
  /** Serve `index.html` of the `/` mount for unknown paths without an extension (single-page apps). @defaultValue true */
  spaFallback?: boolean;
  /** @defaultValue 0 (an ephemeral port) */
  port?: number;
}

/** A running static + proxy server. */
export interface ProxyServer {
  /** The page origin, e.g. `http://127.0.0.1:54321`. */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.sse': 'text/plain; charset=utf-8',
};

/**
 * Starts a loopback server that serves static files and forwards `/v1/*` (`apiPrefix`) to an OpenAI-compatible
 * upstream (the backend-proxy pattern: the page stays same-origin and holds no API key). A browser that
 * drops its request (Stop button, unsubscribe) drops the upstream request too, so the upstream sees the
 * disconnect.
 *
 * @param options - mounts, upstream and optional key.
 * @returns the running server.
 *
 * @example
 * ```ts
 * import { startProxyServer } from './proxy-server.js';
 *
 * const server = await startProxyServer({ mounts: { '/': 'public' }, upstream: 'http://127.0.0.1:4010/v1' });
 * console.log(server.url);
 * ```
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const upstream = new URL(options.upstream);
  const upstreamPrefix = upstream.pathname.replace(/\/$/, '');
  const apiPrefix = (options.apiPrefix ?? '/v1').replace(/\/$/, '');
  const mounts = Object.entries(options.mounts)
    .map(([prefix, dir]) => [prefix.replace(/\/?$/, '/'), resolve(dir)] as const)
    .sort((a, b) => b[0].length - a[0].length);
  const sockets = new Set<Socket>();

  function proxy(req: IncomingMessage, res: ServerResponse): void {
    const path = upstreamPrefix + (req.url ?? '/').slice(apiPrefix.length);
    const headers = { ...req.headers, host: upstream.host };
    delete headers.origin;
    delete headers.referer;
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const outgoing = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path, headers },
      (incoming) => {
        res.writeHead(incoming.statusCode ?? 502, incoming.headers);
        res.flushHeaders();
        incoming.pipe(res);
      },
    );
    outgoing.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Upstream unreachable.', type: 'proxy_error' } }));
    });
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    req.pipe(outgoing);
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mount = mounts.find(([prefix]) => (pathname + '/').startsWith(prefix));
    if (!mount) return notFound(res);
    const [prefix, dir] = mount;
    const relative = normalize(pathname.slice(prefix.length - 1)).replace(/^[/\\]+/, '');
    let file = join(dir, relative);
    if (!file.startsWith(dir + sep) && file !== dir) return notFound(res);
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info && options.spaFallback !== false && !extname(file)) {
      file = join(dir, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) return notFound(res);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': info.size, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    if (req.url === apiPrefix || req.url?.startsWith(`${apiPrefix}/`)) return proxy(req, res);
    serveFile(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}
