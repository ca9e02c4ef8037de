import { APIStreamError, type APIErrorInit } from '../errors/api-error.js';
import { StreamTruncatedError } from '../errors/connection.js';
import { describeErrorBody, errorBodyOf } from '../errors/error-body.js';
import { ChunkParseError } from '../errors/validation.js';
import { parseJSONFrame, schemaError } from '../http/frames.js';
import type { EventDecoder } from '../http/sse-body.js';
import type { ServerSentEvent } from '../sse/types.js';
import { ChatCompletionChunkSchema, type ChatCompletionChunk } from './schemas/chat-chunk.js';

/**
 * The decoder of a Chat Completions event stream: every event becomes a `ChatCompletionChunk` validated by
 * `ChatCompletionChunkSchema` (unknown fields kept). Pure: no I/O.
 *
 * - `data: [DONE]` ends the stream, with or without its blank line.
 * - An error frame (`event: error`, or data `{"error": ...}`) fails with `APIStreamError` carrying the
 *   server's message, `code`, `type` and `param` (fields of the wrong type are stringified or dropped).
 * - Invalid JSON fails with `ChunkParseError`, a schema failure with `ChunkValidationError`.
 * - A last chunk without its blank line is still delivered. The end of the body without `[DONE]` is
 *   accepted when every choice has a `finish_reason` and, if `includeUsage` was asked for, the usage chunk
 *   came; otherwise it fails with `StreamTruncatedError` saying after how many chunks.
 */
export function chatStreamDecoder(
  context: APIErrorInit,
  { includeUsage = false }: { includeUsage?: boolean } = {},
): EventDecoder<ChatCompletionChunk> {
  let eventIndex = -1;
  let chunks = 0;
  let usage = false;
  const finished = new Map<number, boolean>();

  const event = (sse: ServerSentEvent, emit: (chunk: ChatCompletionChunk) => void): boolean => {
    eventIndex++;
    const data = sse.data;
    if (sse.event === 'error') throw streamError(frameOf(data, eventIndex, context), data, context, chunks);
    if (data.trim() === '[DONE]') return true;
    const value = parseJSONFrame(data, eventIndex, context);
    if (typeof value === 'object' && value !== null && (value as { error?: unknown }).error != null) {
      throw streamError(value, data, context, chunks);
    }
    const result = ChatCompletionChunkSchema.safeParse(value);
    if (!result.success) {
      const problem = `SSE event ${eventIndex} is not a valid chat.completion.chunk`;
      throw schemaError(problem, result.error.issues, eventIndex, context);
    }
    const chunk = result.data;
    chunks++;
    if (chunk.usage) usage = true;
    for (const choice of chunk.choices) {
      if (choice.finish_reason != null) finished.set(choice.index, true);
      else if (!finished.has(choice.index)) finished.set(choice.index, false);
    }
    emit(chunk);
    return false;
  };

  const end = (tail: ServerSentEvent | undefined, emit: (chunk: ChatCompletionChunk) => void): void => {
    try {
      if (tail && event(tail, emit)) return;
    } catch (error) {
      if (!(error instanceof ChunkParseError)) throw error; // a frame cut off mid-JSON: truncation, below
    }
    const open = [...finished].filter(([, done]) => !done).map(([index]) => index);
    if (finished.size > 0 && open.length === 0 && (usage || !includeUsage)) return;
    const detail =
      finished.size === 0
        ? 'before any choice'
        : open.length > 0
          ? `with choice ${open.join(', ')} unfinished`
          : 'before the usage chunk that stream_options.include_usage asked for';
    const message = `The stream ended early, without data: [DONE], after ${plural(chunks, 'chunk')} ${detail}`;
    throw new StreamTruncatedError(message, context);
  };

  return { event, end };
}

function frameOf(data: string, eventIndex: number, context: APIErrorInit): unknown {
  try {
    return parseJSONFrame(data, eventIndex, context);
  } catch {
    return undefined; // an `event: error` whose data is not JSON: its text is the message
  }
}

function streamError(value: unknown, data: string, context: APIErrorInit, chunks: number): APIStreamError {
  const body = errorBodyOf(value) ?? { message: data.trim() ? data.trim().slice(0, 500) : 'no details' };
  const message = `The server sent an error after ${plural(chunks, 'chunk')}: ${describeErrorBody(body)}`;
  return new APIStreamError(message, { ...context, error: body });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
