import { createSSEParser } from './parser.js';
import type { ParseSSEOptions, ServerSentEvent } from './types.js';
import { createUtf8Stream } from './utf8-stream.js';

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
 * const reader = response.body!.getReader();
 * for (let read = await reader.read(); !read.done; read = await reader.read()) decoder.write(read.value);
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
  const utf8 = createUtf8Stream();

  return {
    write(chunk) {
      if (typeof chunk === 'string') {
        parser.feed(utf8.flush());
        parser.feed(chunk);
      } else {
        parser.feed(utf8.decode(chunk));
      }
    },
    end() {
      parser.feed(utf8.flush());
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
