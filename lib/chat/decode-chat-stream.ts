import { Observable, type OperatorFunction } from 'rxjs';
import { APIStreamError, describeRequest, type APIErrorInit } from '../errors/api-error.js';
import { StreamTruncatedError } from '../errors/connection.js';
import { describeErrorBody, errorBodyOf } from '../errors/error-body.js';
import { ChatCompletionChunkSchema, type ChatCompletionChunk } from './schemas/chat-chunk.js';
import type { ServerSentEvent } from '../sse/types.js';
import type { ResponseInfo, StreamEvent } from '../http/events.js';
import type { SSEStreamItem } from '../http/sse-item.js';
import { requestContext, schemaError } from '../http/request-context.js';
import { chunkParseError, parseFrame } from '../json/parse-frame.js';

/**
 * Options of {@link decodeChatStream}: the request it decodes, named in error messages.
 *
 * @example
 * ```ts
 * import type { DecodeChatStreamOptions } from './decode-chat-stream.js';
 *
 * const options: DecodeChatStreamOptions = { method: 'POST', path: '/chat/completions' };
 * ```
 */
export interface DecodeChatStreamOptions {
  method?: string;
  path?: string;
}

/**
 * Decodes a Chat Completions event stream into typed chunks: passes the `open` event through and emits
 * `{ type: 'data', data: chunk }` per chunk, validated by `ChatCompletionChunkSchema` (unknown fields
 * kept). Pure: no I/O.
 *
 * - `data: [DONE]` completes and unsubscribes upstream (which releases the connection); so does a final
 *   `data: [DONE]` without its blank line (the `tail` item).
 * - Events with empty or whitespace-only data are skipped (comments never reach it).
 * - An error frame (`event: error`, or data `{"error": {...}}`) fails with `APIStreamError` carrying
 *   `code`, `type`, `param`, the message and the response's request id; earlier chunks were delivered.
 * - Invalid JSON fails with `ChunkParseError` (event index and position, never the payload); a schema
 *   failure with `ChunkValidationError` (zod issues with paths).
 * - The end of the body without `[DONE]` completes if every choice seen has a `finish_reason`, else fails
 *   with `StreamTruncatedError` saying after how many chunks.
 *
 * @param options - method and path for error messages.
 * @returns an operator from transport items to stream events.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { decodeChatStream } from './decode-chat-stream.js';
 * import type { SSEStreamItem } from '../http/sse-item.js';
 *
 * const items: SSEStreamItem[] = [
 *   { type: 'sse', event: { event: 'message', id: '', data: '{"id":"c","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}' } },
 *   { type: 'sse', event: { event: 'message', id: '', data: '[DONE]' } },
 * ];
 * of(...items).pipe(decodeChatStream()).subscribe((event) => event.type === 'data' && console.log(event.data.choices[0]?.delta.content));
 * ```
 */
export function decodeChatStream(
  options: DecodeChatStreamOptions = {},
): OperatorFunction<SSEStreamItem, StreamEvent<ChatCompletionChunk>> {
  return (source) =>
    new Observable<StreamEvent<ChatCompletionChunk>>((subscriber) => {
      let info: ResponseInfo | undefined;
      let eventIndex = -1;
      let chunks = 0;
      const finished = new Map<number, boolean>();
      const context = () => requestContext(options, info);

      const onEvent = (event: ServerSentEvent) => {
        eventIndex++;
        const data = event.data;
        if (event.event === 'error')
          return subscriber.error(streamError(parseFrame(data), data, context(), chunks));
        const trimmed = data.trim();
        if (trimmed === '') return;
        if (trimmed === '[DONE]') return subscriber.complete();
        const parsed = parseFrame(data);
        if (!parsed.ok) return subscriber.error(chunkParseError(parsed, data, eventIndex, context()));
        if (isErrorFrame(parsed.value)) {
          return subscriber.error(streamError(parsed, data, context(), chunks));
        }
        const result = ChatCompletionChunkSchema.safeParse(parsed.value);
        if (!result.success) {
          const problem = `SSE event ${eventIndex} is not a valid chat.completion.chunk`;
          return subscriber.error(schemaError(problem, result.error.issues, eventIndex, context()));
        }
        chunks++;
        for (const choice of result.data.choices) {
          finished.set(choice.index, finished.get(choice.index) === true || choice.finish_reason != null);
        }
        subscriber.next({ type: 'data', data: result.data });
      };

      return source.subscribe({
        next: (item) => {
          if (item.type === 'open') {
            info = item.response;
            subscriber.next(item);
          } else if (item.type === 'sse') {
            onEvent(item.event);
          } else if (item.event.data.trim() === '[DONE]') {
            subscriber.complete();
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          const complete = finished.size > 0 && [...finished.values()].every(Boolean);
          if (complete) return subscriber.complete();
          const open = [...finished].filter(([, done]) => !done).map(([index]) => index);
          const detail =
            finished.size === 0 ? 'before any choice' : `with choice ${open.join(', ')} unfinished`;
          const message = `The stream ended early, without data: [DONE], after ${plural(chunks, 'chunk')} ${detail}`;
          subscriber.error(new StreamTruncatedError(message + describeRequest(context()), context()));
        },
      });
    });
}

function isErrorFrame(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { error?: unknown }).error != null;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function streamError(
  parsed: ReturnType<typeof parseFrame>,
  data: string,
  context: APIErrorInit,
  chunks: number,
): APIStreamError {
  const body = (parsed.ok ? errorBodyOf(parsed.value) : undefined) ?? {
    message: data.trim() ? data.trim().slice(0, 500) : 'no details',
  };
  const message = `The server sent an error after ${plural(chunks, 'chunk')}: ${describeErrorBody(body)}`;
  return new APIStreamError(message + describeRequest(context), { ...context, error: body });
}
