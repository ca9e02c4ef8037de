import { Observable, type Subscription } from 'rxjs';
import type { AttemptNumber } from './attempt.js';
import type { StreamEvent } from './events.js';
import { retryDelay } from './retry-policy.js';

/**
 * The one retry loop of a request: runs `attempt` with its number (1 to `1 + maxRetries`) and, when it
 * fails before it delivered any data, waits as `retryDelay` says and runs the next. Once a value was
 * delivered nothing is retried, so a retry never repeats a chunk. Each attempt numbers its own errors, so
 * the count flows one way: down. Unsubscribing during a wait sends nothing more. With `observe: 'events'`,
 * each attempt shows its own `open` event.
 */
export function withRetries<T>(
  maxRetries: number,
  attempt: (number: AttemptNumber) => Observable<StreamEvent<T>>,
): Observable<StreamEvent<T>> {
  return new Observable<StreamEvent<T>>((subscriber) => {
    const maxAttempts = maxRetries + 1;
    let current: Subscription | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = (number: number) => {
      let delivered = false;
      current = attempt({ attempt: number, maxAttempts }).subscribe({
        next: (event) => {
          if (event.type === 'data') delivered = true;
          subscriber.next(event);
        },
        error: (error: unknown) => {
          const delay = delivered || number >= maxAttempts ? undefined : retryDelay(error, number);
          if (delay === undefined) subscriber.error(error);
          else timer = setTimeout(() => start(number + 1), delay);
        },
        complete: () => subscriber.complete(),
      });
    };
    start(1);
    return () => {
      clearTimeout(timer);
      current?.unsubscribe();
    };
  });
}
