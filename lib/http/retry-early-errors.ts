import { Observable, type Subscription } from 'rxjs';
import { isAPIConnectionError } from '../errors/connection.js';
import { backoffMs, shouldRetryHint } from './retry-policy.js';

/**
 * What one attempt gets from {@link retryEarlyErrors}.
 *
 * @example
 * ```ts
 * import type { AttemptBudget } from './retry-early-errors.js';
 *
 * const first: AttemptBudget = { previousAttempts: 0, maxRetries: 2 };
 * ```
 */
export interface AttemptBudget {
  /** Attempts made before this one (pass it on as `RequestSpec.previousAttempts`). */
  previousAttempts: number;
  /** Retries this attempt may still make itself (pass it on as `maxRetries`). */
  maxRetries: number;
}

/**
 * Retries a whole streaming request when it fails BEFORE it emitted any output (anything but `open`
 * events), so that a retry can never repeat a delivered chunk. Two kinds of failure qualify:
 *
 * - a connection failure once the response headers arrived (an `APIConnectionError` after the `open`
 *   event: a reset before any event, an empty or eventless body ending as `StreamTruncatedError`, an
 *   `IdleTimeoutError` or `FirstChunkTimeoutError`), unless the response said `x-should-retry: false`.
 *   Failures before the headers are not retried here: the HTTP layer (ky) already retried them;
 * - an error that `isRetryable` accepts, e.g. a `server_error` frame as the first event of a 200 stream.
 *
 * The attempts the HTTP layer already made count against the same `maxRetries` budget (read from the
 * `attempts` of the latest `open` event or of the error), and the wait is the usual exponential backoff.
 * Unsubscribing during the wait sends nothing more. With `observe: 'events'`, each attempt shows its own
 * `open` event.
 *
 * @param attempt - starts one attempt with the budget it has left.
 * @param options - the total retry budget and which errors qualify.
 * @returns a cold Observable of the attempts' items.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { resolveRequestOptions } from './request-options.js';
 * import { retryEarlyErrors } from './retry-early-errors.js';
 * import { sseRequest } from './sse-request.js';
 *
 * const { options } = createClient({ apiKey: 'sk-test' });
 * const request = resolveRequestOptions(options, {});
 * retryEarlyErrors(
 *   ({ previousAttempts, maxRetries }) =>
 *     sseRequest(options, { method: 'POST', path: '/responses', body: {}, previousAttempts }, { ...request, maxRetries }),
 *   { maxRetries: request.maxRetries, isRetryable: () => false },
 * ).subscribe();
 * ```
 */
export function retryEarlyErrors<T extends { type: string }>(
  attempt: (budget: AttemptBudget) => Observable<T>,
  options: { maxRetries: number; isRetryable: (error: unknown) => boolean },
): Observable<T> {
  return new Observable<T>((subscriber) => {
    let inner: Subscription | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = (previousAttempts: number) => {
      let attempts = previousAttempts + 1;
      let opened = false;
      let emitted = false;
      inner = attempt({ previousAttempts, maxRetries: options.maxRetries - previousAttempts }).subscribe({
        next: (value) => {
          if (value.type === 'open') {
            opened = true;
            const reported = (value as { response?: { attempts?: unknown } }).response?.attempts;
            if (typeof reported === 'number') attempts = reported;
          } else {
            emitted = true;
          }
          subscriber.next(value);
        },
        error: (error: unknown) => {
          const reported = (error as { attempts?: unknown } | null)?.attempts;
          if (typeof reported === 'number' && reported > attempts) attempts = reported;
          const retryable = (opened && isBodyConnectionFailure(error)) || options.isRetryable(error);
          if (emitted || attempts > options.maxRetries || !retryable) {
            subscriber.error(error);
            return;
          }
          timer = setTimeout(() => start(attempts), backoffMs(attempts));
        },
        complete: () => subscriber.complete(),
      });
    };
    start(0);
    return () => {
      clearTimeout(timer);
      inner?.unsubscribe();
    };
  });
}

/** A connection failure while reading the body, unless the response asked not to be retried. */
function isBodyConnectionFailure(error: unknown): boolean {
  if (!isAPIConnectionError(error)) return false;
  return !error.headers || shouldRetryHint(error.headers) !== false;
}
