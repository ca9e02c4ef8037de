import { defer, filter, finalize, lastValueFrom, map, type Observable } from 'rxjs';
import type { StreamEvent } from '../http/events.js';
import { isResponseFailedError } from '../errors/responses.js';
import type { ConcurrencyGate } from './concurrency-gate.js';
import { ABANDONED_ENTRY, startGeneration, type Generation } from './generation.js';
import { RelayError } from './relay-error.js';
import type { RelayCall, ResolvedRelayOptions } from './relay-options.js';
import { errorResponse, jsonResponse, watchResponse } from './relay-replies.js';
import {
  CANCELLED_ENTRY,
  type StoredStreamEntry,
  type StreamEntry,
  type StreamStore,
} from './stream-store.js';
import { StreamNotFoundError } from './stream-store-errors.js';
import { toOpenAIError } from './to-openai-error.js';

/** What the handlers of one relay share. @internal */
export interface RelayContext {
  options: ResolvedRelayOptions;
  store: StreamStore;
  gate: ConcurrencyGate;
  /** The generations this instance owns, by id. */
  generations: Map<string, Generation>;
  /** Never sent to a browser: the upstream client's key. */
  secrets: string[];
}

/** `POST <mount>/chat/completions` and `POST <mount>/responses`. @internal */
export async function handleCreate(
  ctx: RelayContext,
  endpoint: RelayCall['endpoint'],
  request: Request,
): Promise<Response> {
  const params = await ctx.options.policy(
    { endpoint, params: await readParams(request, ctx) } as RelayCall,
    request,
  );
  if (params.stream !== true) {
    const events$ = create(ctx, endpoint, params, request.signal);
    const data$ = events$.pipe(
      filter((event) => event.type === 'data'),
      map((event) => (event as { data: unknown }).data),
    );
    return jsonResponse(200, await lastValueFrom(data$));
  }
  const release = await ctx.gate.acquire(request.signal);
  if (!release) {
    const headers = { 'retry-after': '1' };
    throw new RelayError(429, 'Too many streams at once; retry shortly.', { code: 'relay_busy', headers });
  }
  let generation: Generation;
  try {
    const id = ctx.options.generateId();
    generation = await startGeneration({
      id,
      store: ctx.store,
      events$: create(ctx, endpoint, params),
      entryForError: (error) => entryForError(error, ctx.secrets),
      onDisconnect: ctx.options.onDisconnect,
      detachTimeout: ctx.options.detachTimeout,
      onEnd: () => {
        release();
        ctx.generations.delete(id);
      },
    });
    ctx.generations.set(id, generation);
  } catch (error) {
    release();
    throw error;
  }
  const hold = generation.attach();
  // Before the upstream answered, the browser has no id to come back with: its leaving stops the request.
  const leave = (): void => generation.stop(ABANDONED_ENTRY);
  request.signal.addEventListener('abort', leave);
  const start = await generation.started;
  request.signal.removeEventListener('abort', leave);
  try {
    if (!start.ok) return errorResponse(start.error, ctx.secrets);
    return watchResponse(generation.id, watch(ctx, generation.id, 0), ctx.options.keepAliveMs, ctx.secrets);
  } finally {
    hold(); // the response body attached its own watcher first
  }
}

/** `GET <mount>/streams/<id>` with `Last-Event-ID`: the rest of a generation, live. @internal */
export async function handleWatch(ctx: RelayContext, id: string, request: Request): Promise<Response> {
  const last = request.headers.get('last-event-id')?.trim() ?? '';
  if (last !== '' && !/^\d{1,15}$/.test(last)) {
    throw new RelayError(400, 'Last-Event-ID must be the id of an event of this stream.', {
      code: 'invalid_last_event_id',
    });
  }
  if (!(await ctx.store.has(id))) throw new StreamNotFoundError(id);
  return watchResponse(id, watch(ctx, id, Number(last)), ctx.options.keepAliveMs, ctx.secrets);
}

/** `DELETE <mount>/streams/<id>`: stops the generation at once, wherever it runs. @internal */
export async function handleCancel(ctx: RelayContext, id: string): Promise<Response> {
  const local = ctx.generations.get(id);
  if (local) local.stop(CANCELLED_ENTRY);
  else if (!(await ctx.store.cancel(id))) throw new StreamNotFoundError(id);
  return new Response(null, { status: 204 });
}

/** A reader of the stored stream that counts as a watcher of a generation this instance owns. */
function watch(ctx: RelayContext, id: string, after: number): Observable<StoredStreamEntry> {
  return defer(() => {
    const detach = ctx.generations.get(id)?.attach();
    return ctx.store.read(id, after).pipe(finalize(() => detach?.()));
  });
}

function create(
  ctx: RelayContext,
  endpoint: RelayCall['endpoint'],
  params: RelayCall['params'],
  signal?: AbortSignal,
): Observable<StreamEvent<unknown>> {
  const options = { observe: 'events' as const, ...(signal ? { signal } : {}) };
  try {
    return endpoint === 'chat.completions'
      ? (ctx.options.client.chat.completions.create(params as never, options) as Observable<
          StreamEvent<unknown>
        >)
      : (ctx.options.client.responses.create(params as never, options) as Observable<StreamEvent<unknown>>);
  } catch (error) {
    // The client checks params and options synchronously; its TypeError names the bad one.
    if (error instanceof TypeError) throw new RelayError(400, error.message, { code: 'invalid_params' });
    throw error;
  }
}

async function readParams(request: Request, ctx: RelayContext): Promise<RelayCall['params']> {
  const text = await readText(request, ctx.options.maxBodyBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RelayError(400, 'The request body must be JSON.', { code: 'invalid_json' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RelayError(400, 'The request body must be a JSON object.', { code: 'invalid_json' });
  }
  if (typeof (value as { model?: unknown }).model !== 'string') {
    throw new RelayError(400, 'A `model` is required.', {
      code: 'missing_required_parameter',
      param: 'model',
    });
  }
  return value as RelayCall['params'];
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const reader = request.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new RelayError(413, `The request body is over ${maxBytes} bytes.`, { code: 'request_too_large' });
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * How an upstream failure ends a stored stream: after a Responses `response.failed` event (already stored
 * and sent) the stream just ends, so the browser raises `ResponseFailedError` from that event itself;
 * anything else becomes an error entry with the redacted OpenAI error object.
 */
function entryForError(error: unknown, secrets: readonly string[]): StreamEntry {
  if (isResponseFailedError(error)) return { type: 'done' };
  return { type: 'error', error: toOpenAIError(error, secrets).error };
}
