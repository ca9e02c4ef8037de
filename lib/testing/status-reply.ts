import { jsonHeaders, streamHeaders, type ReplyContext } from './frames.js';
import type { MockError, MockRawReply, MockStatusReply } from './types.js';
import type { ReplyPlan } from './write-plan.js';

const DEFAULT_ERRORS: Record<number, MockError> = {
  400: { message: 'Bad request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: {
    message: 'You are not allowed to sample from this model.',
    type: 'invalid_request_error',
    code: null,
  },
  404: { message: 'The requested resource does not exist.', type: 'invalid_request_error', code: null },
  405: { message: 'Method not allowed.', type: 'invalid_request_error', code: null },
  409: { message: 'Conflict.', type: 'invalid_request_error', code: null },
  422: { message: 'Unprocessable entity.', type: 'invalid_request_error', code: null },
  429: { message: 'Rate limit reached for requests.', type: 'requests', code: 'rate_limit_exceeded' },
  500: {
    message: 'The server had an error while processing your request.',
    type: 'server_error',
    code: null,
  },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    code: null,
  },
};

/**
 * The default OpenAI-shaped error object for a status.
 * @internal
 */
export function defaultError(status: number): MockError {
  return (
    DEFAULT_ERRORS[status] ?? {
      message: `Mock error ${status}.`,
      type: status >= 500 ? 'server_error' : 'invalid_request_error',
      code: null,
    }
  );
}

/**
 * Builds the plan of a `status` reply (an OpenAI error body unless a raw `body` is given).
 * @internal
 */
export function statusPlan(reply: MockStatusReply): ReplyPlan {
  const body =
    reply.body ??
    JSON.stringify({ error: { param: null, code: null, ...defaultError(reply.status), ...reply.error } });
  const headers = jsonHeaders(body);
  if (reply.contentType !== undefined || reply.body !== undefined) {
    headers['content-type'] = reply.contentType ?? 'text/html; charset=utf-8';
  }
  return {
    status: reply.status,
    headers: { ...headers, ...reply.headers },
    frames: [body],
    hasTerminal: false,
    delayMs: 0,
  };
}

/**
 * Builds the plan of a `raw` reply: exactly its chunks, paced by `delayMs`.
 * @internal
 */
export function rawPlan(reply: MockRawReply, ctx: ReplyContext): ReplyPlan {
  return {
    status: reply.status ?? 200,
    headers: { ...streamHeaders(), ...reply.headers },
    frames: reply.chunks,
    hasTerminal: false,
    delayMs: reply.delayMs ?? ctx.chunkDelayMs,
    fault: reply.fault,
  };
}
