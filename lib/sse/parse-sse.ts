import { Observable, type OperatorFunction } from 'rxjs';
import { createSSEDecoder } from './decoder.js';
import type { ParseSSEOptions, ServerSentEvent } from './types.js';

/**
 * Parses a stream of body chunks (UTF-8 bytes or strings, in any chunking) into Server-Sent Events,
 * exactly as the WHATWG "Interpreting an event stream" algorithm does. Each subscription gets its own
 * decoder and parser state. At source completion the decoder is flushed and an unterminated block is
 * dropped; a block past `maxEventBytes` errors with an `SSEParseError` after the events before it.
 *
 * @param options - `onRetry`, `onComment`, `maxEventBytes` and `initialLastEventId`.
 * @returns an operator from `Uint8Array | string` chunks to {@link ServerSentEvent}s.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { parseSSE } from 'rxjs-openai-stream';
 *
 * of('event: ping\ndata: {"n":1}\n', '\ndata: done\n\n')
 *   .pipe(parseSSE({ onComment: (text) => console.log('comment', text) }))
 *   .subscribe((event) => console.log(event.event, event.data)); // "ping {"n":1}", then "message done"
 * ```
 */
export function parseSSE(
  options: ParseSSEOptions = {},
): OperatorFunction<Uint8Array | string, ServerSentEvent> {
  return (source) =>
    new Observable<ServerSentEvent>((subscriber) => {
      const decoder = createSSEDecoder((event) => subscriber.next(event), options);
      return source.subscribe({
        next(chunk) {
          if (subscriber.closed) return;
          try {
            decoder.write(chunk);
          } catch (error) {
            subscriber.error(error);
          }
        },
        error(error: unknown) {
          subscriber.error(error);
        },
        complete() {
          try {
            decoder.end();
          } catch (error) {
            subscriber.error(error);
            return;
          }
          subscriber.complete();
        },
      });
    });
}
