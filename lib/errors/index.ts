export { OpenAIStreamError } from './base.js';
export {
  APIError,
  APIStreamError,
  isAPIError,
  isAPIStreamError,
  type APIErrorBody,
  type APIErrorInit,
} from './api-error.js';
export {
  APIStatusError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  createStatusError,
  isAPIStatusError,
  isBadRequestError,
  isAuthenticationError,
  isPermissionDeniedError,
  isNotFoundError,
  isConflictError,
  isUnprocessableEntityError,
  isRateLimitError,
  isInternalServerError,
} from './status.js';
export {
  APIConnectionError,
  StreamTruncatedError,
  APIConnectionTimeoutError,
  RequestTimeoutError,
  IdleTimeoutError,
  FirstChunkTimeoutError,
  APIUserAbortError,
  isAPIConnectionError,
  isStreamTruncatedError,
  isAPIConnectionTimeoutError,
  isRequestTimeoutError,
  isIdleTimeoutError,
  isFirstChunkTimeoutError,
  isAPIUserAbortError,
  type TimeoutKind,
} from './connection.js';
export {
  ChunkParseError,
  ChunkValidationError,
  isChunkParseError,
  isChunkValidationError,
} from './validation.js';
export { UnexpectedResponseError, isUnexpectedResponseError } from './unexpected-response-error.js';
export { SSEParseError, isSSEParseError, type SSEParseErrorKind } from './sse-parse-error.js';
export { ToolArgumentsError, isToolArgumentsError } from './tool-arguments-error.js';
export {
  ResponseFailedError,
  ResponseStreamError,
  ResponseResumeError,
  isResponseFailedError,
  isResponseStreamError,
  isResponseResumeError,
} from './responses.js';
export { responseErrorKind, type ResponseErrorKind } from './response-error-kind.js';
export { EmptyStreamError, isEmptyStreamError } from './empty-stream-error.js';
