import type * as z from 'zod';
import { describeRequest, type APIErrorInit } from '../errors/api-error.js';
import { ChunkValidationError } from '../errors/validation.js';
import type { ResponseInfo } from './events.js';

/** The method and path a request was sent to. */
type RequestTarget = { method?: string | undefined; path?: string | undefined };

/**
 * What every error of a request carries, from the transport to the decoders: the method and path it was
 * sent to, and what the response said about itself (none of it before the response arrived).
 *
 * @internal
 */
export function requestContext(
  options: RequestTarget,
  info: ResponseInfo,
): APIErrorInit & { headers: Headers };
export function requestContext(options: RequestTarget, info: ResponseInfo | undefined): APIErrorInit;
export function requestContext(options: RequestTarget, info: ResponseInfo | undefined): APIErrorInit {
  return {
    method: options.method,
    path: options.path,
    status: info?.status,
    headers: info?.headers,
    requestId: info?.requestId,
    attempts: info?.attempts,
  };
}

/**
 * A `ChunkValidationError` for a payload that failed its schema: `<problem>: <path>: <message>` of the first
 * issue, then the request.
 *
 * @internal
 */
export function schemaError(
  problem: string,
  issues: z.core.$ZodIssue[],
  eventIndex: number,
  context: APIErrorInit,
): ChunkValidationError {
  const first = issues[0];
  const path = first && first.path.length ? first.path.join('.') : '(root)';
  const message = `${problem}: ${path}: ${first?.message ?? 'invalid'}`;
  return new ChunkValidationError(message + describeRequest(context), { ...context, issues, eventIndex });
}
