import { defer, switchMap, type Observable } from 'rxjs';
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
  return defer(() =>
    load().catch((error: unknown) => {
      const message = `Could not load the ${what} code: ${describeFailure(error)}`;
      throw new APIConnectionError(message, { cause: safeCause(error) });
    }),
  ).pipe(switchMap(use));
}
