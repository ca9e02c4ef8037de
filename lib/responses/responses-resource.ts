import type { Observable } from 'rxjs';
import { lazy } from '../http/lazy.js';
import type { ResolvedClientOptions } from '../http/options.js';
import { resolveRequestOptions, type ResolvedRequestOptions } from '../http/request-options.js';
import { requestOutput } from '../http/request-output.js';
import { checkParams } from '../http/validate.js';
import type { StreamEvent } from '../http/events.js';
import type { ResponseCreateParams, ResponseRetrieveParams } from './response-params.js';
import type * as Requests from './responses-requests.js';
import type { Response } from './response-schema.js';
import { resolveResume, RESUME_OPTION, type ResponsesRequestOptions } from './resume-options.js';
import type { ResumeOptions } from './resume-response-stream.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

type Streaming = ResponseCreateParams & { stream: true };
type NonStreaming = ResponseCreateParams & { stream?: false | null };
type Events = ResponsesRequestOptions & { observe: 'events' };
type Body = ResponsesRequestOptions & { observe?: 'body' };
type AnyEvents = Requests.ResponseEvents;
type AnyResult = Observable<ResponseStreamEvent | Response | StreamEvent<ResponseStreamEvent | Response>>;

/**
 * `client.responses`: the Responses API as cold Observables. Nothing is sent before subscribe; each
 * subscription sends its own request; unsubscribing aborts it. `{ observe: 'events' }` emits a typed `open`
 * event (status, headers, request id) per connection, then `{ type: 'data', data }` events. Errors never
 * contain the API key, even when the server echoes it (it reads `[redacted]`).
 *
 * @example
 * ```ts
 * import { createClient, responseTextDeltas } from 'rxjs-openai-stream';
 *
 * createClient()
 *   .responses.create({ model: 'gpt-4o', input: 'Write a haiku.', stream: true })
 *   .pipe(responseTextDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 */
export interface ResponsesResource {
  /**
   * Creates a response. With `stream: true` it emits every {@link ResponseStreamEvent}, completes after
   * `response.completed` or `response.incomplete`, fails with `ResponseFailedError` after
   * `response.failed` and with `ResponseStreamError` on an `error` event. With `background: true` a
   * dropped connection is resumed from the last `sequence_number` (see `resume`). An `error` event before
   * any other event whose `code` or `type` is a server error (`server_error` and the like, or containing
   * `internal` or `overloaded`) is retried like a 5xx, by the same rule as a chat stream's error frame
   * (`isServerStreamError`). Without `stream` it emits one {@link Response}.
   */
  create(params: Streaming, options?: Body): Observable<ResponseStreamEvent>;
  create(params: Streaming, options: Events): Observable<StreamEvent<ResponseStreamEvent>>;
  create(params: NonStreaming, options?: Body): Observable<Response>;
  create(params: NonStreaming, options: Events): Observable<StreamEvent<Response>>;
  create(params: ResponseCreateParams, options?: ResponsesRequestOptions): AnyResult;
  /**
   * Retrieves a response. With `stream: true` it streams its events (`GET /responses/{id}?stream=true`),
   * from after `starting_after` when given, resuming a dropped connection like `create`; without, it
   * emits the {@link Response} once.
   */
  retrieve(
    id: string,
    params: ResponseRetrieveParams & { stream: true },
    options?: Body,
  ): Observable<ResponseStreamEvent>;
  retrieve(
    id: string,
    params: ResponseRetrieveParams & { stream: true },
    options: Events,
  ): Observable<StreamEvent<ResponseStreamEvent>>;
  retrieve(
    id: string,
    params?: ResponseRetrieveParams & { stream?: false | null },
    options?: Body,
  ): Observable<Response>;
  retrieve(
    id: string,
    params: ResponseRetrieveParams & { stream?: false | null },
    options: Events,
  ): Observable<StreamEvent<Response>>;
  retrieve(id: string, params?: ResponseRetrieveParams, options?: ResponsesRequestOptions): AnyResult;
  /** Cancels a background response (`POST /responses/{id}/cancel`) and emits it once. */
  cancel(id: string, options?: Body): Observable<Response>;
  cancel(id: string, options: Events): Observable<StreamEvent<Response>>;
}

/**
 * Builds the `responses` resource over a client's resolved options (what `createClient` does).
 *
 * @param client - resolved client options.
 * @returns `{ create, retrieve, cancel }`.
 * @example
 * ```ts
 * import { resolveClientOptions } from '../http/options.js';
 * import { createResponsesResource } from './responses-resource.js';
 *
 * const responses = createResponsesResource(resolveClientOptions({ apiKey: 'sk-test' }));
 * ```
 */
export function createResponsesResource(client: ResolvedClientOptions): ResponsesResource {
  // Checks run at call time and throw; the request code loads on the first subscription.
  const run = (
    where: string,
    params: unknown,
    options: ResponsesRequestOptions | undefined,
    build: (
      module: typeof Requests,
      request: ResolvedRequestOptions,
      resume: ResumeOptions | null,
    ) => AnyEvents,
  ): AnyResult => {
    checkParams(where, params);
    const request = resolveRequestOptions(client, options, where, RESUME_OPTION);
    const resume = resolveResume(where, options?.resume);
    return requestOutput(
      client,
      request,
      lazy('Responses API', loadRequests, (m) => build(m, request, resume)),
    );
  };

  function retrieve(id: string, params: ResponseRetrieveParams = {}, options?: ResponsesRequestOptions) {
    const where = 'responses.retrieve';
    checkId(where, id);
    const after = (params as ResponseRetrieveParams | null)?.starting_after;
    if (after !== undefined && !Number.isInteger(after)) {
      throw new TypeError(`${where}: "starting_after" must be an integer`);
    }
    return run(where, params, options, (m, request, resume) =>
      m.retrieveEvents(client, id, params.stream === true, after, request, resume),
    );
  }

  return Object.freeze({
    create: ((params: ResponseCreateParams, options?: ResponsesRequestOptions) =>
      run('responses.create', params, options, (m, request, resume) =>
        m.createEvents(client, params, request, resume),
      )) as ResponsesResource['create'],
    retrieve: retrieve as ResponsesResource['retrieve'],
    cancel: ((id: string, options?: ResponsesRequestOptions) => {
      checkId('responses.cancel', id);
      return run('responses.cancel', {}, options, (m, request) => m.cancelEvents(client, id, request));
    }) as ResponsesResource['cancel'],
  });
}

const loadRequests = (): Promise<typeof Requests> => import('./responses-requests.js');

function checkId(where: string, id: unknown): void {
  if (typeof id !== 'string' || id === '') throw new TypeError(`${where}: id must be a non-empty string`);
}
