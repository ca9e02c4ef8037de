import type { Observable } from 'rxjs';
import { writeResponse, type NodeResponse } from './node-http.js';
import { sseResponse } from './sse-response.js';
import type { ServerSentEventsOptions } from './to-server-sent-events.js';

/**
 * Streams an Observable as Server-Sent Events into Node's `http.ServerResponse` (Express's `res`,
 * Fastify's `reply.raw` after `reply.hijack()`), as {@link toServerSentEvents} describes, with
 * backpressure. **When the connection closes, the source is unsubscribed**, which aborts its upstream
 * request.
 *
 * @param source$ - what to send.
 * @param res - the Node response; its status is 200 and its headers those of an event stream.
 * @param options - keep-alive period, serializers, the final `[DONE]`, the error frame.
 * @returns a promise that settles when the stream ended or the connection closed.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createClient } from 'rxjs-openai-stream';
 * import { pipeServerSentEvents } from 'rxjs-openai-stream/server';
 *
 * const client = createClient();
 * createServer((req, res) => {
 *   const story$ = client.chat.completions.create({
 *     model: 'gpt-4o-mini',
 *     messages: [{ role: 'user', content: 'Tell me a story.' }],
 *     stream: true,
 *   });
 *   void pipeServerSentEvents(story$, res);
 * }).listen(3000);
 * ```
 */
export function pipeServerSentEvents<T>(
  source$: Observable<T>,
  res: NodeResponse,
  options: ServerSentEventsOptions<T> = {},
): Promise<void> {
  return writeResponse(sseResponse(source$, options), res);
}
