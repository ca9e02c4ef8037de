/**
 * One event dispatched by the SSE parser, as the WHATWG "Interpreting an event stream" algorithm defines
 * it.
 *
 * @example
 * ```ts
 * import type { ServerSentEvent } from 'rxjs-openai-stream';
 *
 * const event: ServerSentEvent = { event: 'message', data: '{"ok":true}', id: '' };
 * ```
 */
export interface ServerSentEvent {
  /** The event type: the last `event:` field of the block, or `"message"`. */
  event: string;
  /** The data lines of the block joined with `\n`. */
  data: string;
  /** The last event ID at dispatch time (it persists across events; `""` if never set). */
  id: string;
  /** The latest reconnection time in ms, if any `retry:` field has set one so far. */
  retry?: number;
}

/**
 * Options of {@link parseSSE}.
 *
 * @example
 * ```ts
 * import type { ParseSSEOptions } from 'rxjs-openai-stream';
 *
 * const options: ParseSSEOptions = { onComment: (text) => console.log('keep-alive', text), maxEventBytes: 1 << 20 };
 * ```
 */
export interface ParseSSEOptions {
  /** Called with the new reconnection time each time a valid `retry:` field is read. */
  onRetry?: (ms: number) => void;
  /** Called with each comment line's text (without the `:` and at most one leading space). */
  onComment?: (text: string) => void;
  /**
   * Largest event (or single line), in UTF-16 code units of decoded text, that the parser buffers before
   * failing with an `SSEParseError`.
   * @defaultValue 16 MiB (16 * 1024 * 1024)
   */
  maxEventBytes?: number;
  /** The last event ID to start from (as after a reconnect). @defaultValue `""` */
  initialLastEventId?: string;
}
