export {
  DEFAULT_BASE_URL,
  resolveClientOptions,
  type ClientOptions,
  type ResolvedClientOptions,
  type TimeoutOptions,
  type HeadersOption,
} from './options.js';
export {
  resolveRequestOptions,
  type RequestOptions,
  type ResolvedRequestOptions,
} from './request-options.js';
export { isRetryableStatus, retryAfterMs, backoffMs, MAX_RETRY_AFTER_MS } from './retry-policy.js';
export type { RequestSpec } from './send.js';
export { sseRequest } from './sse-request.js';
export { jsonRequest, MAX_JSON_BODY_BYTES, type JSONResponse } from './json-request.js';
export { retryEarlyErrors, type AttemptBudget } from './retry-early-errors.js';
