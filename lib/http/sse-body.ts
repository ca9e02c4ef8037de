import type { APIErrorInit } from '../errors/api-error.js';
import { APIConnectionError } from '../errors/connection.js';
import { SSEParseError } from '../errors/sse-parse-error.js';
import { NotFoundError } from '../errors/status.js';
import { createSSEDecoder } from '../sse/decoder.js';
import type { ServerSentEvent } from '../sse/types.js';
import { unexpectedBody } from './error-response.js';
import { mediaType } from './read-text.js';
import type { BodyContext, BodyReader } from './request.js';
import { backoffMs } from './retry-policy.js';
import { bodyReadError } from './safe-cause.js';
import { startWatchdog, type Watchdog } from './watchdog.js';

/**
 * Turns the events of one response into values. `event` gets every dispatched event except keep-alives
 * and returns `true` at the end marker (`data: [DONE]`); `end` gets the block left unterminated when the
 * body ended (the WHATWG parser drops it; a decoder may accept a final frame without its blank line) and
 * throws when the stream is incomplete. Both deliver through `emit` and throw typed errors.
 */
export interface EventDecoder<T> {
  event(event: ServerSentEvent, emit: (value: T) => void): boolean;
  end(tail: ServerSentEvent | undefined, emit: (value: T) => void): void;
}

/** The header a relay (`rxjs-openai-stream/server`) names its generation with; see docs/relay.md. */
export const STREAM_ID_HEADER = 'x-stream-id';
/** Reconnects to a relay in a row without a new event before the stream fails. */
const MAX_RELAY_RECONNECTS = 5;

/**
 * The body stage of a streamed request: reads the body with its reader, straight into the SSE decoder (no
 * RxJS per chunk), drops keep-alives (once, here), runs the idle and first-chunk timers, and hands events
 * to the API's decoder, which emits. Reading waits for `pace` when the consumer pulls (`for await`), so the
 * body is read only as fast as it is taken. The body is always UTF-8, whatever `charset` it names: SSE
 * allows no other encoding.
 *
 * Behind a relay (the response names its generation in `x-stream-id`), a body that breaks off or ends
 * before its end marker is resumed: `GET /streams/{id}` with `Last-Event-ID`, into the same decoder, so
 * every event arrives once and in order. Unsubscribing before the end cancels the generation
 * (`DELETE /streams/{id}`).
 */
export function readEvents<T>(decoderFor: (context: APIErrorInit) => EventDecoder<T>): BodyReader<T> {
  return async (body) => {
    const { response, context, request, subscriber } = body;
    const isStream = mediaType(response.headers.get('content-type')) === 'text/event-stream';
    if (!isStream || !response.body) {
      const problem = isStream
        ? 'Expected an event stream but the response has no body'
        : 'Expected an event stream (text/event-stream)';
      throw await unexpectedBody(problem, response, context);
    }
    body.open();
    const decoder = decoderFor(context);
    const watchdog = startWatchdog(request, context, (error) => subscriber.error(error));
    const streamId = response.headers.get(STREAM_ID_HEADER);
    const state = { lastEventId: '', finished: false };
    subscriber.add(() => {
      watchdog.stop();
      if (streamId && !state.finished) void cancelRelayStream(body, streamId);
    });
    try {
      let current = response;
      for (let reconnects = 0; ;) {
        const seen = state.lastEventId;
        let failure: unknown;
        let tail: ServerSentEvent | undefined;
        try {
          const outcome = await readConnection(body, current, decoder, watchdog, state);
          if (outcome.done || subscriber.closed) return;
          tail = outcome.tail;
        } catch (error) {
          // Only a broken connection is resumed; an error the stream itself reported is final.
          if (!streamId || subscriber.closed || !(error instanceof APIConnectionError)) throw error;
          failure = error;
        }
        if (!streamId) return decoder.end(tail, (value) => subscriber.next({ type: 'data', data: value }));
        if (tail?.data.trim() === '[DONE]') return;
        failure ??= bodyReadError(new Error('the relay ended the stream early'), context, 0);
        reconnects = state.lastEventId === seen ? reconnects + 1 : 1;
        // Reconnect until the relay answers with a body; a reconnect that fails counts as a try.
        for (;;) {
          if (reconnects > MAX_RELAY_RECONNECTS) throw failure;
          const next = await resumeRelayStream(body, streamId, state.lastEventId, reconnects);
          if (subscriber.closed) return;
          if (next.kind === 'gone') throw failure;
          if (next.kind === 'body') {
            current = next.response;
            break;
          }
          failure = bodyReadError(next.error, context, 0);
          reconnects += 1;
        }
      }
    } catch (error) {
      throw error instanceof SSEParseError && error.method === undefined
        ? new SSEParseError(error.message, { ...context, kind: error.kind, limit: error.limit })
        : error;
    } finally {
      state.finished = true;
      watchdog.stop();
    }
  };
}

/** Reads one connection's body into the decoder: `done` at the end marker, else the unterminated tail. */
async function readConnection<T>(
  { context, request, subscriber, pace }: BodyContext<T>,
  response: Response,
  decoder: EventDecoder<T>,
  watchdog: Watchdog,
  state: { lastEventId: string },
): Promise<{ done: boolean; tail?: ServerSentEvent | undefined }> {
  const reader = response.body!.getReader();
  const release = () => void reader.cancel().catch(() => undefined);
  subscriber.add(release);
  const emit = (value: T) => subscriber.next({ type: 'data', data: value });
  const countsKeepAlives = request.idleTimeoutCountsKeepAlives;
  let tail: ServerSentEvent | undefined;
  let atEnd = false;
  let done = false;
  const sse = createSSEDecoder(
    (event) => {
      if (done || isKeepAlive(event)) return;
      if (atEnd) {
        tail = event;
        return;
      }
      state.lastEventId = event.id;
      watchdog.firstEvent();
      if (!countsKeepAlives) watchdog.touch();
      done = decoder.event(event, emit);
    },
    { maxEventBytes: request.maxEventBytes, initialLastEventId: state.lastEventId },
  );
  let bytes = 0;
  try {
    while (!done) {
      if (pace) await pace();
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        if (subscriber.closed) return { done: true };
        throw bodyReadError(error, context, bytes);
      }
      if (subscriber.closed) return { done: true };
      if (result.done) break;
      bytes += result.value.byteLength;
      if (countsKeepAlives) watchdog.touch();
      sse.write(result.value);
    }
    if (done) return { done };
    // Two line feeds end a pending line and block, which the WHATWG algorithm would drop at the end of
    // input: the decoder sees it as the tail, never as a regular event.
    atEnd = true;
    sse.write('\n\n');
    sse.end();
    return { done: false, tail };
  } finally {
    subscriber.remove(release);
    if (done) release();
  }
}

/** What a reconnect to a relay gave: the rest of the stream, nothing (the relay no longer has it), or an error. */
type Reconnect = { kind: 'body'; response: Response } | { kind: 'gone' } | { kind: 'failed'; error: unknown };

/** Waits, then asks the relay for the events after `lastEventId`. */
async function resumeRelayStream<T>(
  { send, subscriber }: BodyContext<T>,
  streamId: string,
  lastEventId: string,
  reconnect: number,
): Promise<Reconnect> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, backoffMs(reconnect));
    subscriber.add(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (subscriber.closed) return { kind: 'gone' };
  const path = `/streams/${encodeURIComponent(streamId)}`;
  try {
    const next = await send(
      { method: 'GET', path, accept: 'text/event-stream' },
      lastEventId ? { 'Last-Event-ID': lastEventId } : undefined,
    );
    return next.body ? { kind: 'body', response: next } : { kind: 'gone' };
  } catch (error) {
    return error instanceof NotFoundError ? { kind: 'gone' } : { kind: 'failed', error };
  }
}

/** Tells the relay to stop a generation nobody will read (fire and forget: the subscriber has left). */
async function cancelRelayStream<T>({ send }: BodyContext<T>, streamId: string): Promise<void> {
  const path = `/streams/${encodeURIComponent(streamId)}`;
  await send({ method: 'DELETE', path, accept: 'application/json' }, undefined, new AbortController().signal)
    .then((response) => response.body?.cancel())
    .catch(() => undefined);
}

/**
 * A keep-alive ping: an event whose data is empty or whitespace (a bare `data:`, an `event: ping`). An
 * `event: error` is never one, even with empty data: it still reports a failure.
 */
function isKeepAlive(event: ServerSentEvent): boolean {
  return event.event !== 'error' && event.data.trim() === '';
}
