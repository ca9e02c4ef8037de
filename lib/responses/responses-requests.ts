// The request side of `client.responses`, loaded with import() on the first subscription (see
// responses-resource.ts): the event schemas, decoders and resume logic stay out of bundles that never
// call the Responses API. Arguments arrive already checked.
import type { Observable } from 'rxjs';
import { jsonRequest } from '../http/json-request.js';
import type { ResolvedClientOptions } from '../http/options.js';
import type { ResolvedRequestOptions } from '../http/request-options.js';
import { retryEarlyErrors } from '../http/retry-early-errors.js';
import { sseRequest } from '../http/sse-request.js';
import type { StreamEvent } from '../http/events.js';
import { isServerStreamError } from '../http/is-server-stream-error.js';
import { decodeResponse } from './decode-response.js';
import { decodeResponseStream } from './decode-response-stream.js';
import type { ResponseCreateParams } from './response-params.js';
import type { Response } from './response-schema.js';
import { resumeResponseStream, type ResumeCursor, type ResumeOptions } from './resume-response-stream.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

/** The typed events of a Responses request, before `observe` picks payloads or events. */
export type ResponseEvents = Observable<StreamEvent<ResponseStreamEvent | Response>>;
type StreamEvents = Observable<StreamEvent<ResponseStreamEvent>>;

const pathOf = (id: string, suffix = '') => `/responses/${encodeURIComponent(id)}${suffix}`;

function streamFrom(
  client: ResolvedClientOptions,
  request: ResolvedRequestOptions,
  cursor: ResumeCursor,
): StreamEvents {
  const context = { method: 'GET', path: pathOf(cursor.responseId) };
  const after = cursor.startingAfter >= 0 ? cursor.startingAfter : undefined;
  const query = { ...request.query, stream: true, starting_after: after };
  return sseRequest(client, context, { ...request, query }).pipe(decodeResponseStream(context));
}

function fetchResponse(
  client: ResolvedClientOptions,
  request: ResolvedRequestOptions,
  context: { method: string; path: string; body?: unknown },
): ResponseEvents {
  return jsonRequest(client, context, request).pipe(decodeResponse(context));
}

/** `POST /responses`: streamed (retried before the first event, resumed when `background`) or not. */
export function createEvents(
  client: ResolvedClientOptions,
  params: ResponseCreateParams,
  request: ResolvedRequestOptions,
  resume: ResumeOptions | null,
): ResponseEvents {
  const context = { method: 'POST', path: '/responses' };
  if (params.stream !== true) return fetchResponse(client, request, { ...context, body: params });
  const post = (): StreamEvents =>
    retryEarlyErrors(
      ({ previousAttempts, maxRetries }) =>
        sseRequest(client, { ...context, body: params, previousAttempts }, { ...request, maxRetries }).pipe(
          decodeResponseStream(context),
        ),
      { maxRetries: request.maxRetries, isRetryable: isServerStreamError },
    );
  if (params.background !== true || !resume) return post();
  return resumeResponseStream((cursor) => (cursor ? streamFrom(client, request, cursor) : post()), resume);
}

/** `GET /responses/{id}`: the stored response, or its event stream from `startingAfter` on. */
export function retrieveEvents(
  client: ResolvedClientOptions,
  id: string,
  stream: boolean,
  startingAfter: number | undefined,
  request: ResolvedRequestOptions,
  resume: ResumeOptions | null,
): ResponseEvents {
  if (!stream) return fetchResponse(client, request, { method: 'GET', path: pathOf(id) });
  const initial: ResumeCursor = { responseId: id, startingAfter: startingAfter ?? -1 };
  return resume
    ? resumeResponseStream((cursor) => streamFrom(client, request, cursor ?? initial), { ...resume, initial })
    : streamFrom(client, request, initial);
}

/** `POST /responses/{id}/cancel`. */
export function cancelEvents(
  client: ResolvedClientOptions,
  id: string,
  request: ResolvedRequestOptions,
): ResponseEvents {
  return fetchResponse(client, request, { method: 'POST', path: pathOf(id, '/cancel') });
}
