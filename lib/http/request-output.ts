import { Observable } from 'rxjs';
import type { StreamEvent } from './events.js';
import type { ResolvedClientOptions } from './options.js';
import { redactError, secretsOf } from './redact-secrets.js';
import type { ResolvedRequestOptions } from './request-options.js';

/**
 * The last step of every resource method: what a subscriber finally sees of a request's `events$`. It
 * emits the events as they are with `{ observe: 'events' }`, else only the `data` payloads; and every
 * error leaves with the API key (and any credential header) redacted, in its `message`, `stack` and data
 * fields, whichever decoder, operator or retry produced it (see `redactError`). A server that echoes the
 * key in its error message therefore never puts it in front of a log.
 *
 * @param client - the client's resolved options (they hold the key).
 * @param request - the request's resolved options (`observe`, headers).
 * @param events$ - the decoded request.
 * @returns the Observable a resource method returns.
 *
 * @internal
 */
export function requestOutput<T>(
  client: ResolvedClientOptions,
  request: ResolvedRequestOptions,
  events$: Observable<StreamEvent<T>>,
): Observable<T | StreamEvent<T>> {
  const payloadsOnly = request.observe !== 'events';
  return new Observable<T | StreamEvent<T>>((subscriber) =>
    events$.subscribe({
      next: (event) => {
        if (!payloadsOnly) subscriber.next(event);
        else if (event.type === 'data') subscriber.next(event.data);
      },
      error: (error: unknown) => subscriber.error(redactError(error, secretsOf(client, request.headers))),
      complete: () => subscriber.complete(),
    }),
  );
}
