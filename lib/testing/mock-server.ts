import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { chatPlan } from './chat-reply.js';
import type { ReplyContext } from './frames.js';
import { createRecorder, parseBody, readBody } from './record-request.js';
import { createResponsesStore } from './responses-store.js';
import { matchRoute, type Route } from './routes.js';
import { rawPlan, statusPlan } from './status-reply.js';
import type { MockReply, MockServer, MockServerOptions, RecordedRequest } from './types.js';
import { writePlan, type ReplyPlan } from './write-plan.js';
import { adaptReply, modelsPlan } from './adapt-reply.js';

/**
 * Starts a mock OpenAI-compatible server on loopback: Chat Completions and Responses, streamed or not,
 * with scripted replies, HTTP errors and transport faults, recording every request.
 *
 * @param options - host, port, default reply and frame pacing.
 * @returns the running server; call `close()` when done.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { createClient } from 'rxjs-openai-stream';
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer({ chunkDelayMs: 30 });
 * mock.enqueue({ type: 'status', status: 429, headers: { 'retry-after': '1' } });
 * const client = createClient({ baseURL: mock.url, apiKey: 'test' });
 * await lastValueFrom(
 *   client.chat.completions.create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
 * );
 * console.log(mock.requests.length); // 2: the 429, then the retry, which streams the default story
 * await mock.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const queue: MockReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const teardowns = new Set<() => void>();
  const waiters = new Map<() => void, () => void>();
  const store = createResponsesStore();
  let counter = 0;
  let requestCounter = 0;
  const nextId = (prefix: string): string => `${prefix}${++counter}`;

  async function nextReply(record: RecordedRequest, index: number): Promise<MockReply | undefined> {
    const queued = queue.shift();
    if (queued) return queued;
    const source = options.reply;
    return typeof source === 'function' ? source(record, index) : source;
  }

  async function planFor(route: Route, record: RecordedRequest, ctx: ReplyContext): Promise<ReplyPlan> {
    switch (route.kind) {
      case 'chat':
      case 'responses': {
        const reply = adaptReply(route.kind, await nextReply(record, requests.length - 1));
        if (reply.type === 'status') return statusPlan(reply);
        if (reply.type === 'raw') return rawPlan(reply, ctx);
        return reply.type === 'chat' ? chatPlan(reply, ctx) : store.post(reply, ctx);
      }
      case 'retrieve-response':
        return store.retrieve(route.id, record.query, ctx);
      case 'cancel-response':
        return store.cancel(route.id);
      case 'models':
        return modelsPlan();
      case 'method-not-allowed': {
        const plan = statusPlan({ type: 'status', status: 405 });
        return { ...plan, headers: { ...plan.headers, allow: route.allow } };
      }
      case 'not-found': {
        const message = `Unknown request URL: ${record.method} ${record.path}.`;
        return statusPlan({ type: 'status', status: 404, error: { message, code: 'unknown_url' } });
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://mock.local');
    const { record, settle } = createRecorder(req, url);
    const controller = new AbortController();
    let serverSide = false;
    const teardown = (): void => {
      serverSide = true;
      controller.abort();
    };
    teardowns.add(teardown);
    res.on('close', () => {
      teardowns.delete(teardown);
      controller.abort();
      settle(!res.writableFinished && !serverSide);
    });
    record.body = parseBody(await readBody(req, controller.signal));
    requests.push(record);
    for (const check of [...waiters.keys()]) check();
    if (controller.signal.aborted) return;
    const body = typeof record.body === 'object' && record.body !== null ? record.body : {};
    const ctx: ReplyContext = {
      body: body as Record<string, unknown>,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      nextId,
    };
    const plan = await planFor(matchRoute(record.method, record.path), record, ctx);
    plan.headers = {
      'x-request-id': `req_${(++requestCounter).toString(16).padStart(4, '0')}${randomBytes(6).toString('hex')}`,
      'openai-processing-ms': String(Date.now() - started),
      'openai-version': '2020-10-01',
      ...plan.headers,
    };
    if (controller.signal.aborted) return;
    await writePlan(plan, {
      res,
      signal: controller.signal,
      stats: record,
      destroy(mode) {
        serverSide = true;
        const socket = res.socket;
        if (mode === 'reset' && socket && typeof socket.resetAndDestroy === 'function')
          socket.resetAndDestroy();
        else (socket ?? res).destroy();
      },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const message = `Mock server failure: ${error instanceof Error ? error.message : String(error)}`;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message, type: 'server_error', param: null, code: null } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    openConnections: () => sockets.size,
    waitForRequests(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const fail = (why: string): void => {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`Mock server: expected ${n} request(s) ${why}, got ${requests.length}.`));
        };
        const check = (): void => {
          if (requests.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(requests.slice());
        };
        const timer = setTimeout(() => fail(`within ${timeoutMs} ms`), timeoutMs);
        waiters.set(check, () => fail('before the server closed'));
        check();
      });
    },
    close() {
      for (const teardown of [...teardowns]) teardown();
      for (const cancel of [...waiters.values()]) cancel();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
