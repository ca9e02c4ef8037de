import { Observable, type Subscription } from 'rxjs';
import { APIConnectionError } from '../errors/connection.js';
import { describeFailure, safeCause } from './safe-cause.js';

/**
 * Loads a module on subscribe, then subscribes to what `use` builds from it. Code only some apps need (the
 * Responses API, non-streamed completions) stays out of the initial bundle: bundlers put each `import()`
 * into a chunk of its own, fetched just before the first request that needs it.
 *
 * Nothing is loaded before subscribe; an unsubscribe while loading sends no request. A module that fails
 * to load (a browser offline, a stale deploy) errors with an {@link APIConnectionError}.
 *
 * @internal
 */
export function lazy<M, T>(
  what: string,
  load: () => Promise<M>,
  use: (module: M) => Observable<T>,
): Observable<T> {
  // A plain Observable rather than defer + switchMap: those bring rxjs' innerFrom (and tslib's async
  // helpers) into bundles that would not need them otherwise.
  return new Observable<T>((subscriber) => {
    let inner: Subscription | undefined;
    load()
      .then(
        (module) => {
          if (!subscriber.closed) inner = use(module).subscribe(subscriber);
        },
        (error: unknown) => {
          const message = `Could not load the ${what} code: ${describeFailure(error)}`;
          subscriber.error(new APIConnectionError(message, { cause: safeCause(error) }));
        },
      )
      .catch((error: unknown) => subscriber.error(error));
    return () => inner?.unsubscribe();
  });
}
