import type { Observable } from 'rxjs';
import type { StreamEvent } from '../http/events.js';
import { readJSON } from '../http/json-body.js';
import type { ResolvedClientOptions } from '../http/options.js';
import { requestOutput, type RequestObservable } from '../http/output.js';
import { requestAttempt, type BodyReader, type Flow } from '../http/request.js';
import { resolveRequestOptions, type ResolvedRequestOptions } from '../http/request-options.js';
import { withRetries } from '../http/retry.js';
import { readEvents } from '../http/sse-body.js';
import { serializeParams } from '../http/validate.js';
import type { RequestSpec } from '../http/attempt.js';
import { decodeResponse } from './decode-response.js';
import { responseStreamDecoder } from './decode-response-stream.js';
import type { ResponseCreateParams, ResponseRetrieveParams } from './response-params.js';
import type { Response } from './response-schema.js';
import { resolveResume, RESUME_OPTION, type ResponsesRequestOptions } from './resume-options.js';
import { resumeResponseStream, type ResumeCursor, type ResumeOptions } from './resume-response-stream.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';
import type { ResponseRunEvent, ResponseRunParams } from './run-events.js';
import { runResponseTools } from './run-tools.js';
import type { RunToolsOptions } from '../tools/run-options.js';
import type { Tool } from '../tools/tool.js';

type Streaming = ResponseCreateParams & { stream: true };
type NonStreaming = ResponseCreateParams & { stream?: false | null };
type Events = ResponsesRequestOptions & { observe: 'events' };
type Body = ResponsesRequestOptions & { observe?: 'body' };
type Value = ResponseStreamEvent | Response;
type AnyResult = RequestObservable<Value | StreamEvent<Value>>;
type Events$ = Observable<StreamEvent<Value>>;

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
  create(params: Streaming, options?: Body): RequestObservable<ResponseStreamEvent>;
  create(params: Streaming, options: Events): RequestObservable<StreamEvent<ResponseStreamEvent>>;
  create(params: NonStreaming, options?: Body): RequestObservable<Response>;
  create(params: NonStreaming, options: Events): RequestObservable<StreamEvent<Response>>;
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
  ): RequestObservable<ResponseStreamEvent>;
  retrieve(
    id: string,
    params: ResponseRetrieveParams & { stream: true },
    options: Events,
  ): RequestObservable<StreamEvent<ResponseStreamEvent>>;
  retrieve(
    id: string,
    params?: ResponseRetrieveParams & { stream?: false | null },
    options?: Body,
  ): RequestObservable<Response>;
  retrieve(
    id: string,
    params: ResponseRetrieveParams & { stream?: false | null },
    options: Events,
  ): RequestObservable<StreamEvent<Response>>;
  retrieve(id: string, params?: ResponseRetrieveParams, options?: ResponsesRequestOptions): AnyResult;
  /** Cancels a background response (`POST /responses/{id}/cancel`) and emits it once. */
  /**
   * Runs a conversation with tools on the Responses API: `function_call` items are executed and answered
   * with `function_call_output` items, by resending the whole input (so it works with `store: false`), until
   * a response asks for no tool or `maxSteps` is reached. See {@link runResponseTools} for the events.
   */
  runTools<T extends Tool>(
    params: ResponseRunParams,
    options: RunToolsOptions<T> & Pick<ResponsesRequestOptions, 'resume'>,
  ): Observable<ResponseRunEvent<T>>;
  cancel(id: string, options?: Body): RequestObservable<Response>;
  cancel(id: string, options: Events): RequestObservable<StreamEvent<Response>>;
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
  const stream = readEvents<ResponseStreamEvent>(responseStreamDecoder);
  const json = readJSON<Response>(decodeResponse);

  /** One request with the one retry policy: what every method below sends. */
  const send = <V>(spec: RequestSpec, request: ResolvedRequestOptions, read: BodyReader<V>, flow: Flow) =>
    withRetries(request.maxRetries, (number) => requestAttempt(client, spec, request, number, read, flow));

  /** A stream of a stored response from a cursor (`GET /responses/{id}?stream=true&starting_after=n`). */
  const streamFrom = (request: ResolvedRequestOptions, cursor: ResumeCursor, flow: Flow) =>
    send(
      {
        method: 'GET',
        path: pathOf(cursor.responseId),
        accept: 'text/event-stream',
        query: streamQuery(cursor),
      },
      request,
      stream,
      flow,
    );

  const run = (
    where: string,
    options: ResponsesRequestOptions | undefined,
    spec: RequestSpec,
    events: (request: ResolvedRequestOptions, resume: ResumeOptions | null, flow: Flow) => Events$,
  ): AnyResult => {
    const request = resolveRequestOptions(client, options, where, RESUME_OPTION);
    const resume = resolveResume(where, options?.resume);
    return requestOutput(client, request, spec, (flow) => events(request, resume, flow));
  };

  function create(params: ResponseCreateParams, options?: ResponsesRequestOptions): AnyResult {
    const where = 'responses.create';
    const body = serializeParams(where, params, ['model']);
    const streamed = params.stream === true;
    const spec = {
      method: 'POST',
      path: '/responses',
      body,
      accept: streamed ? 'text/event-stream' : 'application/json',
    } as const;
    return run(where, options, spec, (request, resume, flow) => {
      if (!streamed) return send(spec, request, json, flow);
      const post = () => send(spec, request, stream, flow);
      if (params.background !== true || !resume) return post();
      return resumeResponseStream((cursor) => (cursor ? streamFrom(request, cursor, flow) : post()), resume);
    });
  }

  function retrieve(id: string, params: ResponseRetrieveParams = {}, options?: ResponsesRequestOptions) {
    const where = 'responses.retrieve';
    checkId(where, id);
    serializeParams(where, params);
    const after = (params as ResponseRetrieveParams | null)?.starting_after;
    if (after !== undefined && !Number.isInteger(after)) {
      throw new TypeError(`${where}: "starting_after" must be an integer`);
    }
    const initial: ResumeCursor = { responseId: id, startingAfter: after ?? -1 };
    const spec = { method: 'GET', path: pathOf(id), accept: 'application/json' } as const;
    return run(where, options, spec, (request, resume, flow) => {
      if (params.stream !== true) return send(spec, request, json, flow);
      return resume
        ? resumeResponseStream((cursor) => streamFrom(request, cursor ?? initial, flow), {
            ...resume,
            initial,
          })
        : streamFrom(request, initial, flow);
    });
  }

  function cancel(id: string, options?: ResponsesRequestOptions) {
    checkId('responses.cancel', id);
    const spec = { method: 'POST', path: pathOf(id, '/cancel'), accept: 'application/json' } as const;
    return run('responses.cancel', options, spec, (request, _resume, flow) =>
      send(spec, request, json, flow),
    );
  }

  const resource: ResponsesResource = {
    create: create as ResponsesResource['create'],
    retrieve: retrieve as ResponsesResource['retrieve'],
    cancel: cancel as ResponsesResource['cancel'],
    runTools: (params, options) => runResponseTools(resource.create, params, options),
  };
  return Object.freeze(resource);
}

const pathOf = (id: string, suffix = '') => `/responses/${encodeURIComponent(id)}${suffix}`;

function streamQuery(cursor: ResumeCursor) {
  return { stream: true, starting_after: cursor.startingAfter >= 0 ? cursor.startingAfter : undefined };
}

function checkId(where: string, id: unknown): void {
  if (typeof id !== 'string' || id === '') throw new TypeError(`${where}: id must be a non-empty string`);
}
