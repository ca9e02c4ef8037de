// Spec helpers that drive single stages of the request pipeline (not a spec itself): the transport with a
// pass-through decoder, and the API decoders over hand-made SSE items.
import { Observable, type OperatorFunction } from 'rxjs';
import type { APIErrorInit } from '../../lib/errors/api-error.js';
import type { RequestSpec } from '../../lib/http/attempt.js';
import type { ResponseInfo, StreamEvent, StreamOpenEvent } from '../../lib/http/events.js';
import type { ResolvedClientOptions } from '../../lib/http/options.js';
import { requestOutput } from '../../lib/http/output.js';
import { requestAttempt } from '../../lib/http/request.js';
import type { ResolvedRequestOptions } from '../../lib/http/request-options.js';
import { readEvents, type EventDecoder } from '../../lib/http/sse-body.js';
import type { ServerSentEvent } from '../../lib/sse/types.js';

/** What the transport hands a decoder: `open`, each event, and the unterminated block at the end. */
export type SSEStreamItem =
  StreamOpenEvent | { type: 'sse'; event: ServerSentEvent } | { type: 'tail'; event: ServerSentEvent };

/** One attempt of a streamed request whose events come out as they are (keep-alives already dropped). */
export function sseRequest(
  client: ResolvedClientOptions,
  spec: { method: 'GET' | 'POST'; path: string; body?: unknown },
  request: ResolvedRequestOptions,
): Observable<SSEStreamItem> {
  const passThrough: EventDecoder<SSEStreamItem> = {
    event: (event, emit) => {
      emit({ type: 'sse', event });
      return false;
    },
    end: (tail, emit) => {
      if (tail) emit({ type: 'tail', event: tail });
    },
  };
  const full: RequestSpec = {
    method: spec.method,
    path: spec.path,
    body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    accept: 'text/event-stream',
  };
  const number = { attempt: 1, maxAttempts: 1 };
  const events$ = requestOutput(client, { ...request, observe: 'events' }, full, (flow) =>
    requestAttempt(
      client,
      full,
      request,
      number,
      readEvents(() => passThrough),
      flow,
    ),
  ) as Observable<StreamEvent<SSEStreamItem>>;
  return new Observable<SSEStreamItem>((subscriber) =>
    events$.subscribe({
      next: (event) => subscriber.next(event.type === 'open' ? event : event.data),
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );
}

/** Runs an API decoder over SSE items, as the transport would (the context comes from `open`). */
export function decodeWith<T>(
  decoderFor: (context: APIErrorInit) => EventDecoder<T>,
  target: { method?: string; path?: string } = {},
): OperatorFunction<SSEStreamItem, StreamEvent<T>> {
  return (source) =>
    new Observable<StreamEvent<T>>((subscriber) => {
      let info: ResponseInfo | undefined;
      let decoder: EventDecoder<T> | undefined;
      let ended = false;
      const emit = (data: T) => subscriber.next({ type: 'data', data });
      const current = () => {
        const context = {
          ...target,
          status: info?.status,
          headers: info?.headers,
          requestId: info?.requestId ?? null,
        };
        return (decoder ??= decoderFor(context));
      };
      return source.subscribe({
        next: (item) => {
          try {
            if (item.type === 'open') {
              info = item.response;
              subscriber.next(item);
            } else if (item.type === 'tail') {
              ended = true;
              current().end(item.event, emit);
              subscriber.complete();
            } else if (current().event(item.event, emit)) {
              subscriber.complete();
            }
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (ended) return;
          try {
            current().end(undefined, emit);
            subscriber.complete();
          } catch (error) {
            subscriber.error(error);
          }
        },
      });
    });
}
