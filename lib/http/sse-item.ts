import type { ServerSentEvent } from '../sse/types.js';
import type { StreamOpenEvent } from './events.js';

/**
 * One dispatched SSE event of a response body, as the transport emits it.
 *
 * @example
 * ```ts
 * import type { SSEMessageItem } from './sse-item.js';
 *
 * const item: SSEMessageItem = { type: 'sse', event: { event: 'message', data: '[DONE]', id: '' } };
 * ```
 */
export interface SSEMessageItem {
  type: 'sse';
  event: ServerSentEvent;
}

/**
 * The block that was still unterminated (no blank line after it) when the body ended. The WHATWG
 * algorithm drops it; a decoder may still look at it, e.g. to accept a final `data: [DONE]\n`.
 *
 * @example
 * ```ts
 * import type { SSETailItem } from './sse-item.js';
 *
 * const isDone = (item: SSETailItem) => item.event.data.trim() === '[DONE]';
 * ```
 */
export interface SSETailItem {
  type: 'tail';
  event: ServerSentEvent;
}

/**
 * What a streaming request emits before decoding: `open` once the headers arrived, an `sse` item per
 * dispatched event, and at most one `tail` item right before completion (the end of the body).
 * Keep-alives (events whose data is empty or blank) are never emitted.
 *
 * @example
 * ```ts
 * import type { SSEStreamItem } from './sse-item.js';
 *
 * const describe = (item: SSEStreamItem) => (item.type === 'open' ? `HTTP ${item.response.status}` : item.event.data);
 * ```
 */
export type SSEStreamItem = StreamOpenEvent | SSEMessageItem | SSETailItem;
