import { Observable, type Subscriber } from 'rxjs';
import type { APIErrorInit } from '../errors/api-error.js';
import { sendAttempt, type AttemptNumber, type RequestSpec } from './attempt.js';
import { responseContext } from './error-response.js';
import type { ResponseInfo, StreamEvent } from './events.js';
import type { ResolvedClientOptions } from './options.js';
import type { ResolvedRequestOptions } from './request-options.js';

/** Waits until the consumer wants more (a `for await` loop pulling); see `toAsyncIterable`. */
export type Pace = () => Promise<void> | void;

/**
 * What one subscription hands down its pipeline: `pace` when it is pulled, and the set where each attempt
 * records the credentials it really sent (a `beforeRequest` hook may set a fresh token), so that the
 * output stage redacts those too.
 */
export interface Flow {
  pace?: Pace | undefined;
  credentials: Set<string>;
}

/** What a body reader gets once a 2xx response arrived. */
export interface BodyContext<T> {
  response: Response;
  /** Method, path, attempt, status, headers and request id: spread into every error. */
  context: APIErrorInit & { headers: Headers };
  request: ResolvedRequestOptions;
  /** Emits `{ type: 'data' }` events (the attempt completes when the reader returns); closed when the
   * subscriber left. */
  subscriber: Subscriber<StreamEvent<T>>;
  pace: Pace | undefined;
  /** Emits the `open` event: a reader calls it once the body is known to be of the kind asked for. */
  open: () => void;
  /**
   * Sends a follow-up request of the same attempt (a relay resume or cancel), with the same options and
   * `headers` added; aborted with the attempt unless another `signal` is given.
   */
  send: (spec: RequestSpec, headers?: Record<string, string>, signal?: AbortSignal) => Promise<Response>;
}

/** Reads a 2xx response's body and emits its values; resolves at its end, throws typed errors. */
export type BodyReader<T> = (body: BodyContext<T>) => Promise<void>;

/**
 * One attempt of a request as a cold Observable: nothing is sent before subscribe; each subscription sends
 * its own request with its own `AbortController`; it emits `{ type: 'open' }` once the headers of a body
 * of the right kind arrived, then what `read` makes of the body. Unsubscribing or an error aborts the request (closing the socket)
 * and cancels the body; a body read to its end is released without an abort.
 */
export function requestAttempt<T>(
  client: ResolvedClientOptions,
  spec: RequestSpec,
  request: ResolvedRequestOptions,
  number: AttemptNumber,
  read: BodyReader<T>,
  flow: Flow,
): Observable<StreamEvent<T>> {
  return new Observable<StreamEvent<T>>((subscriber) => {
    const controller = new AbortController();
    let settled = false;
    const run = async () => {
      const response = await sendAttempt(client, spec, request, number, controller.signal, flow.credentials);
      if (subscriber.closed) return;
      const info: ResponseInfo = {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        requestId: response.headers.get('x-request-id'),
        url: response.url,
        attempts: number.attempt,
      };
      const open = () => subscriber.next({ type: 'open', response: info });
      const context = { method: spec.method, path: spec.path, ...number, ...responseContext(response) };
      const send = (follow: RequestSpec, headers?: Record<string, string>, signal = controller.signal) =>
        sendAttempt(
          client,
          follow,
          headers ? { ...request, headers: { ...request.headers, ...headers } } : request,
          number,
          signal,
          flow.credentials,
        );
      await read({ response, context, request, subscriber, pace: flow.pace, open, send });
      settled = true;
      subscriber.complete();
    };
    // One microtask later, so that subscribing and unsubscribing at once sends nothing at all.
    Promise.resolve()
      .then(() => (subscriber.closed ? undefined : run()))
      .catch((error: unknown) => {
        if (!subscriber.closed) subscriber.error(error);
      });
    return () => {
      // A body read to its end needs no abort (and an abort costs a DOMException per request).
      if (!settled) controller.abort();
    };
  });
}
