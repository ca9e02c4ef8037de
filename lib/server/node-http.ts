// The Node `http` edge of the server entry, typed structurally (no node: import) so that Express's and
// Fastify's raw request and response objects fit, and the rest of lib/server stays web-standard.

/**
 * What the relay needs of Node's `http.IncomingMessage` (Express's `req`, Fastify's `request.raw`). A
 * `body` set by a body parser (Express `express.json()`, NestJS) is used instead of the stream.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 * import type { NodeRequest } from 'rxjs-openai-stream/server';
 *
 * const accept = (req: IncomingMessage): NodeRequest => req;
 * ```
 */
export interface NodeRequest extends AsyncIterable<unknown> {
  method?: string | undefined;
  url?: string | undefined;
  /** Express keeps the full path here when the relay is mounted with `app.use('/api', …)`. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** A body already parsed by a framework. */
  body?: unknown;
}

/**
 * What the relay needs of Node's `http.ServerResponse` (Express's `res`, Fastify's `reply.raw`).
 *
 * @example
 * ```ts
 * import type { ServerResponse } from 'node:http';
 * import type { NodeResponse } from 'rxjs-openai-stream/server';
 *
 * const accept = (res: ServerResponse): NodeResponse => res;
 * ```
 */
export interface NodeResponse {
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  readonly writableFinished: boolean;
  readonly destroyed: boolean;
  flushHeaders?(): void;
}

/** A Web `Request` for a Node request, aborted when the response closes early. @internal */
export async function requestFromNode(
  req: NodeRequest,
  res: NodeResponse,
  maxBodyBytes: number,
): Promise<Request> {
  const host = [req.headers['host']].flat()[0] ?? 'localhost';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const one of [value].flat()) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const controller = new AbortController();
  const onClose = (): void => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  if (res.destroyed) controller.abort();
  let body: Uint8Array | string | undefined;
  if (method !== 'GET' && method !== 'HEAD') body = await bodyOf(req, maxBodyBytes);
  return new Request(url, { method, headers, body: body as BodyInit | undefined, signal: controller.signal });
}

async function bodyOf(req: NodeRequest, maxBodyBytes: number): Promise<Uint8Array | string> {
  if (req.body instanceof Uint8Array || typeof req.body === 'string') return req.body;
  if (req.body !== undefined && req.body !== null) return JSON.stringify(req.body);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    size += bytes.byteLength;
    parts.push(bytes);
    if (size > maxBodyBytes) break; // the relay answers 413 and reads no further
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * Writes a Web `Response` to a Node response with backpressure; when the connection closes first, the body
 * is cancelled (which unsubscribes an event stream's source).
 *
 * @internal
 */
export async function writeResponse(response: Response, res: NodeResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
  });
  res.writeHead(response.status, headers);
  res.flushHeaders?.();
  const reader = response.body?.getReader();
  if (!reader) return void res.end();
  let closed = res.destroyed;
  let wake = (): void => {};
  const onClose = (): void => {
    closed = true;
    wake();
    void reader.cancel().catch(() => {});
  };
  res.once('close', onClose);
  try {
    while (!closed) {
      const { done, value } = await reader.read();
      if (done || closed) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          res.once('drain', resolve);
        });
        res.off('drain', wake);
      }
    }
  } catch {
    // The body failed (a bug upstream of it): end what was sent; the client sees a truncated stream.
  } finally {
    res.off('close', onClose);
    if (closed) void reader.cancel().catch(() => {});
    else res.end();
  }
}
