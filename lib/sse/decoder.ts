import { createSSEParser } from './parser.js';
import type { ParseSSEOptions, ServerSentEvent } from './types.js';

const STREAM: TextDecodeOptions = { stream: true };

/**
 * An SSE decoder over raw chunks: bytes (decoded as one UTF-8 stream) or already decoded strings.
 *
 * @example
 * ```ts
 * import { createSSEDecoder, type SSEDecoder } from 'rxjs-openai-stream';
 *
 * const decoder: SSEDecoder = createSSEDecoder((event) => console.log(event.data));
 * decoder.write(new TextEncoder().encode('data: hi\n\n'));
 * ```
 */
export interface SSEDecoder {
  /**
   * Parses the next chunk, calling `onEvent` for every event it completes. Throws an `SSEParseError` past
   * `maxEventBytes` (events before it were delivered).
   */
  write(chunk: Uint8Array | string): void;
  /** Ends the stream: flushes the UTF-8 decoder and drops an unterminated block. */
  end(): void;
  /** The last event ID string (updated at each dispatch; `""` if never set). */
  readonly lastEventId: string;
  /** The latest reconnection time set by a `retry:` field, or `undefined`. */
  readonly retry: number | undefined;
}

/**
 * Creates the fastest way to turn a response body into events without RxJS: a streaming UTF-8 decoder
 * (invalid bytes become U+FFFD, a multi-byte sequence may be split across chunks) in front of
 * {@link createSSEParser}. Use one decoder per response. Strings are parsed as they are (a pending partial
 * UTF-8 sequence is flushed first).
 *
 * @param onEvent - called synchronously with each dispatched event.
 * @param options - `onRetry`, `onComment`, `maxEventBytes` and `initialLastEventId`, as for {@link parseSSE}.
 * @returns a decoder with `write(chunk)` and `end()`.
 *
 * @example
 * ```ts
 * import { createSSEDecoder } from 'rxjs-openai-stream';
 *
 * const response = await fetch('https://example.com/stream');
 * const decoder = createSSEDecoder((event) => console.log(event.data));
 * for await (const chunk of response.body!) decoder.write(chunk);
 * decoder.end();
 * ```
 */
export function createSSEDecoder(
  onEvent: (event: ServerSentEvent) => void,
  options: ParseSSEOptions = {},
): SSEDecoder {
  const parser = createSSEParser(
    { onEvent, onRetry: options.onRetry, onComment: options.onComment },
    { maxEventBytes: options.maxEventBytes, initialLastEventId: options.initialLastEventId },
  );
  // The BOM is kept by the decoder and stripped by the parser, so bytes and strings behave the same.
  const textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let midSequence = false;

  return {
    write(chunk) {
      if (typeof chunk === 'string') {
        if (midSequence) {
          midSequence = false;
          parser.feed(textDecoder.decode());
        }
        parser.feed(chunk);
      } else {
        midSequence = true;
        parser.feed(textDecoder.decode(chunk, STREAM));
      }
    },
    end() {
      if (midSequence) {
        midSequence = false;
        parser.feed(textDecoder.decode());
      }
      parser.end();
    },
    get lastEventId() {
      return parser.lastEventId;
    },
    get retry() {
      return parser.retry;
    },
  };
}
