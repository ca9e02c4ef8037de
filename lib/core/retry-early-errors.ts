import { Observable, type Subscription } from 'rxjs';
import { backoffMs } from './retry-policy.js';

/** What one attempt gets from {@link retryEarlyErrors}. */
export interface AttemptBudget {
  /** Attempts made before this one (pass it on as `RequestSpec.previousAttempts`). */
  previousAttempts: number;
  /** Retries this attempt may still make itself (pass it on as `maxRetries`). */
  maxRetries: number;
}

/**
 * Retries a whole streaming request when it fails with an error that `isRetryable` accepts BEFORE it
 * emitted any output (anything but `open` events), e.g. a `server_error` frame as the first event of a
 * 200 stream. The attempts the HTTP layer already made count against the same `maxRetries` budget (read
 * from the `attempts` of the latest `open` event), and the wait is the usual exponential backoff.
 * Unsubscribing during the wait sends nothing more. With `observe: 'events'`, each attempt shows its own
 * `open` event.
 *
 * @param attempt - starts one attempt with the budget it has left.
 * @param options - the total retry budget and which errors qualify.
 * @returns a cold Observable of the attempts' items.
 *
 * @example
 * ```ts
 * import { createClient, resolveRequestOptions, retryEarlyErrors, sseRequest } from 'rxjs-openai-stream';
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
      let emitted = false;
      inner = attempt({ previousAttempts, maxRetries: options.maxRetries - previousAttempts }).subscribe({
        next: (value) => {
          if (value.type === 'open') {
            const reported = (value as { response?: { attempts?: unknown } }).response?.attempts;
            if (typeof reported === 'number') attempts = reported;
          } else {
            emitted = true;
          }
          subscriber.next(value);
        },
        error: (error: unknown) => {
          if (emitted || attempts > options.maxRetries || !options.isRetryable(error)) {
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
