import { Subscription, type Observable } from 'rxjs';
import { toOpenAIError } from './to-openai-error.js';

/**
 * Options of {@link toServerSentEvents}, {@link sseResponse} and {@link pipeServerSentEvents}.
 *
 * @example
 * ```ts
 * import type { ServerSentEventsOptions } from 'rxjs-openai-stream/server';
 *
 * const options: ServerSentEventsOptions<{ text: string }> = { keepAliveMs: 10_000, data: (value) => value.text };
 * ```
 */
export interface ServerSentEventsOptions<T> {
  /** A `: keep-alive` comment this often (ms), so proxies keep the connection open; 0 for none. @defaultValue 15000 */
  keepAliveMs?: number;
  /** The `data:` text of a value (line breaks become several `data:` lines). @defaultValue `JSON.stringify` */
  data?: (value: T) => string;
  /** The `id:` of a value, or `undefined` for none. @defaultValue its 1-based position: 1, 2, 3, … */
  id?: (value: T, index: number) => string | number | undefined;
  /** The data of the last event on completion, or `null` for none. @defaultValue `'[DONE]'` */
  done?: string | null;
  /**
   * The JSON of the error frame on error. @defaultValue `{ error: { message, type, code, param } }` from
   * {@link toOpenAIError} (no secrets, no internal URLs)
   */
  errorFrame?: (error: unknown) => unknown;
}

/** One SSE event as text: `id:` when given, one `data:` line per line of `data`, a blank line. @internal */
export function encodeEvent(data: string, id?: string | number): string {
  const head = id === undefined ? '' : `id: ${String(id).replace(/[\r\n\0]/g, '')}\n`;
  return `${head}data: ${data.split(/\r\n|\r|\n/).join('\ndata: ')}\n\n`;
}

/** The comment every `keepAliveMs` (ignored by SSE parsers; it only keeps proxies from timing out). @internal */
export const KEEP_ALIVE = ': keep-alive\n\n';

/**
 * Serves an Observable as Server-Sent Events: each value becomes `id: <n>` + `data: <JSON>`, completion
 * `data: [DONE]`, an error an OpenAI-shaped error frame (`data: {"error":{…}}`, redacted) that the
 * browser's `createClient` raises as a typed error; `: keep-alive` comments go out every `keepAliveMs`.
 * The source is subscribed at once; **cancelling the stream (the client went away) unsubscribes it**, so
 * a request made with this library's client is aborted.
 *
 * @param source$ - what to send.
 * @param options - keep-alive period, serializers, the final `[DONE]`, the error frame.
 * @returns a byte stream for any web-standard response body.
 *
 * @example
 * ```ts
 * import { interval, map, take } from 'rxjs';
 * import { toServerSentEvents } from 'rxjs-openai-stream/server';
 *
 * const body = toServerSentEvents(interval(1000).pipe(take(3), map((n) => ({ n }))));
 * const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
 * ```
 */
export function toServerSentEvents<T>(
  source$: Observable<T>,
  options: ServerSentEventsOptions<T> = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const data = options.data ?? ((value: T) => JSON.stringify(value));
  const id = options.id ?? ((_value: T, index: number) => index + 1);
  const done = options.done === undefined ? '[DONE]' : options.done;
  const errorFrame = options.errorFrame ?? ((error: unknown) => ({ error: toOpenAIError(error).error }));
  let stop = (): void => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let index = 0;
      let timer: ReturnType<typeof setInterval> | undefined;
      const subscription = new Subscription(); // closed first if the source ends during subscribe
      const teardown = (): void => {
        clearInterval(timer);
        subscription.unsubscribe();
      };
      const send = (text: string): void => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const close = (text: string): void => {
        if (!open) return;
        send(text);
        open = false;
        controller.close();
        teardown();
      };
      const fail = (error: unknown): void => close(encodeEvent(JSON.stringify(errorFrame(error))));
      if (keepAliveMs > 0) timer = setInterval(() => send(KEEP_ALIVE), keepAliveMs);
      subscription.add(
        source$.subscribe({
          next(value) {
            try {
              send(encodeEvent(data(value), id(value, index++)));
            } catch (error) {
              fail(error);
            }
          },
          error: fail,
          complete: () => close(done === null ? '' : encodeEvent(done)),
        }),
      );
      stop = () => {
        open = false;
        teardown();
      };
    },
    cancel() {
      stop();
    },
  });
}
