import { Observable, type Subscriber } from 'rxjs';
import { describeRequest, type APIErrorInit } from '../errors/api-error.js';
import { APIUserAbortError } from '../errors/connection.js';
import type { ResponseInfo } from './events.js';
import { requestContext } from './request-context.js';
import { onAbort } from './abort-fanout.js';
import type { ResolvedClientOptions } from './options.js';
import type { ResolvedRequestOptions } from './request-options.js';
import { send, type RequestSpec } from './send.js';
import { redactError, secretsOf } from './redact-secrets.js';
import { statusErrorOf } from './error-details.js';
import { startWatchdog, type Watchdog } from './watchdog.js';

/** What a body consumer gets once a 2xx response arrived. @internal */
export interface ExchangeContext<T> {
  subscriber: Subscriber<T>;
  response: Response;
  info: ResponseInfo;
  /** The body's reader, or `null` for a response without a body. Cancelled by the teardown. */
  reader: ReadableStreamDefaultReader<Uint8Array> | null;
  watchdog: Watchdog;
  /** Method, path, status, headers, request id and attempts (`requestContext`): spread into every error. */
  context: APIErrorInit & { headers: Headers };
}

/**
 * The lifecycle every request shares, as a cold Observable: nothing happens before subscribe; each
 * subscription sends its own request with its own `AbortController`; a non-2xx response becomes an
 * `APIStatusError`; a 2xx response goes to `consume`, which reads the body and emits. Unsubscribing,
 * erroring or completing aborts the request, cancels the body reader and clears every timer; an external
 * `signal` fails with `APIUserAbortError` (one shared listener per signal, see `onAbort`, unregistered in
 * the teardown). Every error has the API key redacted (see `redactError`).
 *
 * @internal
 */
export function exchange<T>(
  client: ResolvedClientOptions,
  spec: RequestSpec,
  request: ResolvedRequestOptions,
  accept: string,
  consume: (ctx: ExchangeContext<T>) => Promise<void>,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    const external = request.signal;
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    let watchdog: Watchdog | undefined;
    let offAbort: (() => void) | undefined;
    const fail = (error: unknown) => {
      if (!subscriber.closed) subscriber.error(redactError(error, secretsOf(client, request.headers)));
    };
    const onExternalAbort = () => {
      const message = `Request was aborted by its signal${describeRequest(spec)}`;
      fail(new APIUserAbortError(message, { method: spec.method, path: spec.path }));
    };
    const teardown = () => {
      offAbort?.();
      watchdog?.stop();
      controller.abort();
      if (reader) void reader.cancel().catch(() => undefined);
    };
    if (external?.aborted) {
      onExternalAbort();
      return undefined;
    }
    if (external) offAbort = onAbort(external, onExternalAbort);

    const run = async () => {
      const { response, attempts } = await send(client, spec, request, accept, controller.signal);
      const body = response.body;
      if (subscriber.closed) {
        void body?.cancel().catch(() => undefined);
        return;
      }
      const { headers, status } = response;
      const info: ResponseInfo = {
        status,
        statusText: response.statusText,
        headers,
        requestId: headers.get('x-request-id'),
        url: response.url,
        attempts,
      };
      const context = requestContext(spec, info);
      if (!response.ok) {
        // Unsubscribing meanwhile aborts the request, which fails the read: statusErrorOf then settles.
        fail(await statusErrorOf(response, context, request));
        return;
      }
      reader = body ? body.getReader() : null;
      watchdog = startWatchdog(request, context, fail);
      await consume({ subscriber, response, info, reader, watchdog, context });
    };
    // One microtask later, so that subscribing and unsubscribing at once sends nothing at all.
    Promise.resolve()
      .then(() => (subscriber.closed ? undefined : run()))
      .catch(fail);
    return teardown;
  });
}
