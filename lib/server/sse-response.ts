import type { Observable } from 'rxjs';
import { toServerSentEvents, type ServerSentEventsOptions } from './to-server-sent-events.js';

/** The headers of every event-stream response the relay sends. @internal */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
});

/**
 * A Web `Response` that streams an Observable as Server-Sent Events (see {@link toServerSentEvents}):
 * for Hono, Next.js route handlers, Bun, Deno and workers. When the client goes away the runtime cancels
 * the body, which unsubscribes the source and aborts its upstream request.
 *
 * @param source$ - what to send.
 * @param init - status and extra headers of the response, and the {@link ServerSentEventsOptions}.
 * @returns a `text/event-stream` response.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { sseResponse } from 'rxjs-openai-stream/server';
 *
 * const client = createClient(); // OPENAI_API_KEY from the server's environment
 * export const POST = async (request: Request): Promise<Response> => {
 *   const { prompt } = (await request.json()) as { prompt: string };
 *   return sseResponse(
 *     client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }], stream: true }),
 *   );
 * };
 * ```
 */
export function sseResponse<T>(
  source$: Observable<T>,
  init: ResponseInit & ServerSentEventsOptions<T> = {},
): Response {
  const { keepAliveMs, data, id, done, errorFrame, ...response } = init;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SSE_HEADERS)) if (!headers.has(name)) headers.set(name, value);
  const body = toServerSentEvents(source$, { keepAliveMs, data, id, done, errorFrame });
  return new Response(body, { ...response, headers });
}
