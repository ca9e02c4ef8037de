import { Observable } from 'rxjs';
import { APIUserAbortError } from '../errors/connection.js';
import { onAbort } from './abort-fanout.js';
import type { StreamEvent } from './events.js';
import type { ResolvedClientOptions } from './options.js';
import { redactError, secretsOf } from './redact.js';
import type { ResolvedRequestOptions } from './request-options.js';
import type { Flow, Pace } from './request.js';

/**
 * What every request method returns: a cold Observable that is also async-iterable. Subscribing pushes
 * every value as it is decoded (no pause; each chunk costs bounded work). `for await` pulls: the body is
 * read only while the loop has taken what was read before, so a slow loop makes the server's writes wait
 * instead of filling memory.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 *
 * const client = createClient();
 * const stream = client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
 * for await (const chunk of stream) {
 *   process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 *   await new Promise((resolve) => setTimeout(resolve, 10)); // a slow consumer: the client reads no faster
 * }
 * ```
 */
export class RequestObservable<T> extends Observable<T> implements AsyncIterable<T> {
  readonly #build: (flow: Flow) => Observable<T>;

  /** @param build - the request, with `flow.pace` to wait on before each read of the body when pulled. */
  constructor(build: (flow: Flow) => Observable<T>) {
    super((subscriber) => build({ credentials: new Set() }).subscribe(subscriber));
    this.#build = build;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return pull(this.#build);
  }
}

/**
 * The last stage of every request: the caller's `signal` (aborting fails with `APIUserAbortError`, at any
 * point, a retry wait included), redaction of every error (once, here), and `observe` (payloads, or the
 * `open` and `data` events).
 */
export function requestOutput<T>(
  client: ResolvedClientOptions,
  request: ResolvedRequestOptions,
  label: { method: string; path: string },
  events: (flow: Flow) => Observable<StreamEvent<T>>,
): RequestObservable<T | StreamEvent<T>> {
  const payloadsOnly = request.observe !== 'events';
  return new RequestObservable<T | StreamEvent<T>>(
    (flow) =>
      new Observable<T | StreamEvent<T>>((subscriber) => {
        const fail = (error: unknown) =>
          subscriber.error(redactError(error, secretsOf(client, request.headers, flow.credentials)));
        const signal = request.signal;
        const aborted = () => fail(new APIUserAbortError('Request was aborted by its signal', label));
        if (signal?.aborted) return aborted();
        const offAbort = signal ? onAbort(signal, aborted) : undefined;
        const inner = events(flow).subscribe({
          next: payloadsOnly
            ? (event) => {
                if (event.type === 'data') subscriber.next(event.data);
              }
            : (event) => subscriber.next(event),
          error: fail,
          complete: () => subscriber.complete(),
        });
        return () => {
          offAbort?.();
          inner.unsubscribe();
        };
      }),
  );
}

/**
 * Iterates a request by pulling: `pace` holds the body reader until the values it read were taken.
 * Breaking out of the loop (or an error in it) unsubscribes, which aborts the request.
 */
function pull<T>(build: (flow: Flow) => Observable<T>): AsyncIterator<T> {
  const queue: T[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  let drained: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const pace: Pace = () =>
    queue.length === 0 ? undefined : new Promise<void>((resolve) => (drained = resolve));
  const subscription = build({ pace, credentials: new Set() }).subscribe({
    next: (value) => {
      queue.push(value);
      notify();
    },
    error: (error: unknown) => {
      failure = { error };
      notify();
    },
    complete: () => {
      finished = true;
      notify();
    },
  });
  const done = (): IteratorResult<T> => ({ done: true, value: undefined });
  return {
    next: async () => {
      for (;;) {
        if (queue.length > 0) {
          const value = queue.shift() as T;
          if (queue.length === 0) {
            drained?.();
            drained = undefined;
          }
          return { done: false, value };
        }
        if (failure) throw failure.error;
        if (finished) return done();
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    return: async () => {
      subscription.unsubscribe();
      return done();
    },
  };
}

/**
 * Iterates any Observable with `for await`. A request Observable (what `create()` and `retrieve()` return)
 * is pulled: its body is read only as the loop takes values. Any other Observable pushes as it likes, so
 * its values wait in a queue until the loop takes them: that is buffering, not backpressure.
 *
 * @example
 * ```ts
 * import { createClient, textDeltas, toAsyncIterable } from 'rxjs-openai-stream';
 *
 * const client = createClient();
 * const text$ = client.chat.completions
 *   .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *   .pipe(textDeltas());
 * for await (const text of toAsyncIterable(text$)) process.stdout.write(text);
 * ```
 */
export function toAsyncIterable<T>(source: Observable<T>): AsyncIterable<T> {
  if (source instanceof RequestObservable) return source as RequestObservable<T>;
  return { [Symbol.asyncIterator]: () => pull(() => source) };
}
