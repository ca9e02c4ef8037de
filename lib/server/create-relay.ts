import { createConcurrencyGate } from './concurrency-gate.js';
import { createMemoryStreamStore } from './memory-stream-store.js';
import { requestFromNode, writeResponse, type NodeRequest, type NodeResponse } from './node-http.js';
import { RelayError } from './relay-error.js';
import { handleCancel, handleCreate, handleWatch, type RelayContext } from './relay-handlers.js';
import { resolveRelayOptions, type RelayOptions } from './relay-options.js';
import { errorResponse } from './relay-replies.js';

/**
 * An OpenAI-compatible relay: mount it under any path (say `/api`) and a browser's
 * `createClient({ baseURL: '/api' })` talks to it as to OpenAI, while the key stays on the server.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { createRelay, type Relay } from 'rxjs-openai-stream/server';
 *
 * const relay: Relay = createRelay({ client: createClient() });
 * export const POST = (request: Request) => relay.fetch(request); // a Next.js route handler
 * ```
 */
export interface Relay {
  /** Answers a Web `Request` (Hono, Next.js route handlers, Bun, Deno, workers). Never rejects. */
  fetch(request: Request): Promise<Response>;
  /**
   * Answers a Node request (`http.createServer`, Express, Fastify's raw request after `reply.hijack()`).
   * With `next` (Express middleware) paths it does not serve are passed on. Never rejects.
   */
  node(req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void): Promise<void>;
  /** Stops every generation this instance owns (a `relay_shutdown` error frame) and the store it created. */
  close(): Promise<void>;
}

type Route =
  | { kind: 'chat.completions' | 'responses'; allow: 'POST' }
  | { kind: 'stream'; id: string; allow: 'GET, DELETE' };

/** Which endpoint a path ends with: the relay serves the same suffixes under any mount path. */
function routeOf(pathname: string): Route | undefined {
  const path = pathname.replace(/\/+$/, '');
  if (/(^|\/)chat\/completions$/.test(path)) return { kind: 'chat.completions', allow: 'POST' };
  if (/(^|\/)responses$/.test(path)) return { kind: 'responses', allow: 'POST' };
  const stream = /(?:^|\/)streams\/([A-Za-z0-9_-]{1,128})$/.exec(path);
  return stream ? { kind: 'stream', id: stream[1]!, allow: 'GET, DELETE' } : undefined;
}

/**
 * Creates a relay that serves `POST <mount>/chat/completions` and `POST <mount>/responses` (streamed or
 * not) with the server's client, and for each streamed generation `GET <mount>/streams/<id>` (resume from
 * `Last-Event-ID`, or watch from another tab) and `DELETE <mount>/streams/<id>` (cancel). Streamed
 * responses carry the generation's id in `x-stream-id` and an `id:` on every event; the generation is
 * stored as it arrives, goes on for `detachTimeout` when its connections drop, and stops at once on a
 * cancel. Failures reach the browser OpenAI-shaped and redacted (see `toOpenAIError`). docs/relay.md
 * describes the protocol and shows Express, Fastify, NestJS, Hono and Next.js.
 *
 * @param options - the upstream client, `authorize`, `policy`, the store, limits and disconnect behaviour.
 * @returns the relay, with `fetch` for web-standard servers and `node` for Node's `http`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createClient } from 'rxjs-openai-stream';
 * import { createRelay } from 'rxjs-openai-stream/server';
 *
 * const relay = createRelay({
 *   client: createClient(), // OPENAI_API_KEY stays on the server
 *   authorize: (request) => request.headers.get('authorization') === `Bearer ${process.env['APP_TOKEN']}`,
 * });
 * createServer((req, res) => void relay.node(req, res)).listen(3000);
 * // in the browser: createClient({ baseURL: 'http://localhost:3000/api', apiKey: 'app-token' })
 * ```
 */
export function createRelay(options: RelayOptions): Relay {
  const resolved = resolveRelayOptions(options);
  const ownStore = resolved.store === undefined;
  const apiKey = resolved.client.options.apiKey;
  const ctx: RelayContext = {
    options: resolved,
    store: resolved.store ?? createMemoryStreamStore(),
    gate: createConcurrencyGate(resolved.maxConcurrentStreams, resolved.whenBusy),
    generations: new Map(),
    secrets: apiKey ? [apiKey] : [],
  };

  async function answer(request: Request, route: Route): Promise<Response> {
    if (!(await resolved.authorize(request))) {
      throw new RelayError(401, 'Not authorized to use this relay.', { code: 'unauthorized' });
    }
    if (route.kind === 'stream') {
      if (request.method === 'GET') return handleWatch(ctx, route.id, request);
      if (request.method === 'DELETE') return handleCancel(ctx, route.id);
    } else if (request.method === 'POST') {
      return handleCreate(ctx, route.kind, request);
    }
    throw new RelayError(405, `${request.method} is not allowed here.`, {
      code: 'method_not_allowed',
      headers: { allow: route.allow },
    });
  }

  async function fetch(request: Request): Promise<Response> {
    try {
      const route = routeOf(new URL(request.url).pathname);
      if (!route) throw new RelayError(404, 'Unknown relay URL.', { code: 'unknown_url' });
      return await answer(request, route);
    } catch (error) {
      return errorResponse(error, ctx.secrets);
    }
  }

  return {
    fetch,
    async node(req, res, next) {
      if (next && !routeOf(new URL(req.originalUrl ?? req.url ?? '/', 'http://relay').pathname))
        return next();
      try {
        await writeResponse(await fetch(await requestFromNode(req, res, resolved.maxBodyBytes)), res);
      } catch {
        // Reading the request failed: the client went away, so there is no one to answer.
      }
    },
    async close() {
      const shutdown = {
        message: 'The relay shut down.',
        type: 'server_error',
        code: 'relay_shutdown',
        param: null,
      };
      for (const generation of [...ctx.generations.values()])
        generation.stop({ type: 'error', error: shutdown });
      if (ownStore) await ctx.store.close();
    },
  };
}
