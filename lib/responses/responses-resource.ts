import type { Observable } from 'rxjs';
import { jsonRequest } from '../core/json-request.js';
import type { ResolvedClientOptions } from '../core/options.js';
import { resolveRequestOptions, type ResolvedRequestOptions } from '../core/request-options.js';
import { requestOutput } from '../core/request-output.js';
import { retryEarlyErrors } from '../core/retry-early-errors.js';
import { sseRequest } from '../core/sse-request.js';
import type { StreamEvent } from '../streaming/events.js';
import { isServerStreamError } from '../streaming/is-server-stream-error.js';
import { decodeResponse } from './decode-response.js';
import { decodeResponseStream } from './decode-response-stream.js';
import type { ResponseCreateParams, ResponseRetrieveParams } from './response-params.js';
import type { Response } from './response-schema.js';
import { resolveResume, splitResume, type ResponsesRequestOptions } from './resume-options.js';
import { resumeResponseStream, type ResumeCursor } from './resume-response-stream.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

type Streaming = ResponseCreateParams & { stream: true };
type NonStreaming = ResponseCreateParams & { stream?: false | null };
type Events = ResponsesRequestOptions & { observe: 'events' };
type Body = ResponsesRequestOptions & { observe?: 'body' };
type AnyEvents = Observable<StreamEvent<ResponseStreamEvent | Response>>;
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
 * import { resolveClientOptions } from '../core/options.js';
 * import { createResponsesResource } from './responses-resource.js';
 *
 * const responses = createResponsesResource(resolveClientOptions({ apiKey: 'sk-test' }));
 * ```
 */
export function createResponsesResource(client: ResolvedClientOptions): ResponsesResource {
  const streamFrom = (cursor: ResumeCursor, request: ResolvedRequestOptions) => {
    const path = `/responses/${encodeURIComponent(cursor.responseId)}`;
    const after = cursor.startingAfter >= 0 ? cursor.startingAfter : undefined;
    const query = { ...request.query, stream: true, starting_after: after };
    return sseRequest(client, { method: 'GET', path }, { ...request, query }).pipe(
      decodeResponseStream({ method: 'GET', path }),
    );
  };

  function create(params: ResponseCreateParams, options?: ResponsesRequestOptions): AnyResult {
    const where = 'responses.create';
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new TypeError(`${where}: params must be an object`);
    }
    const split = splitResume(options);
    const request = resolveRequestOptions(client, split.request, where);
    const resume = resolveResume(where, split.resume);
    const context = { method: 'POST', path: '/responses' };
    let events$: AnyEvents;
    if (params.stream === true) {
      const post = () =>
        retryEarlyErrors(
          ({ previousAttempts, maxRetries }) =>
            sseRequest(
              client,
              { ...context, body: params, previousAttempts },
              { ...request, maxRetries },
            ).pipe(decodeResponseStream(context)),
          { maxRetries: request.maxRetries, isRetryable: isServerStreamError },
        );
      events$ =
        params.background === true && resume
          ? resumeResponseStream((cursor) => (cursor ? streamFrom(cursor, request) : post()), resume)
          : post();
    } else {
      events$ = jsonRequest(client, { ...context, body: params }, request).pipe(decodeResponse(context));
    }
    return requestOutput(client, request, events$);
  }

  function retrieve(
    id: string,
    params: ResponseRetrieveParams = {},
    options?: ResponsesRequestOptions,
  ): AnyResult {
    const where = 'responses.retrieve';
    checkId(where, id);
    if (typeof params !== 'object' || params === null)
      throw new TypeError(`${where}: params must be an object`);
    const after = params.starting_after;
    if (after !== undefined && !Number.isInteger(after)) {
      throw new TypeError(`${where}: "starting_after" must be an integer`);
    }
    const split = splitResume(options);
    const request = resolveRequestOptions(client, split.request, where);
    const resume = resolveResume(where, split.resume);
    let events$: AnyEvents;
    if (params.stream === true) {
      const initial: ResumeCursor = { responseId: id, startingAfter: after ?? -1 };
      events$ = resume
        ? resumeResponseStream((cursor) => streamFrom(cursor ?? initial, request), { ...resume, initial })
        : streamFrom(initial, request);
    } else {
      const path = `/responses/${encodeURIComponent(id)}`;
      events$ = jsonRequest(client, { method: 'GET', path }, request).pipe(
        decodeResponse({ method: 'GET', path }),
      );
    }
    return requestOutput(client, request, events$);
  }

  function cancel(id: string, options?: ResponsesRequestOptions): AnyResult {
    const where = 'responses.cancel';
    checkId(where, id);
    const request = resolveRequestOptions(client, splitResume(options).request, where);
    const path = `/responses/${encodeURIComponent(id)}/cancel`;
    const events$ = jsonRequest(client, { method: 'POST', path }, request).pipe(
      decodeResponse({ method: 'POST', path }),
    );
    return requestOutput(client, request, events$);
  }

  return Object.freeze({
    create: create as ResponsesResource['create'],
    retrieve: retrieve as ResponsesResource['retrieve'],
    cancel: cancel as ResponsesResource['cancel'],
  });
}

function checkId(where: string, id: unknown): void {
  if (typeof id !== 'string' || id === '') throw new TypeError(`${where}: id must be a non-empty string`);
}
