// The public surface of rxjs-openai-stream. Every export is named here on purpose (no `export *`), and
// spec/index.spec.ts asserts this list, so nothing becomes public by accident.

// Client
export { createClient, type OpenAIClient } from './client.js';
export {
  DEFAULT_BASE_URL,
  type ClientOptions,
  type ResolvedClientOptions,
  type TimeoutOptions,
  type HeadersOption,
  type ClientHooks,
} from './http/options.js';
export { toAsyncIterable, RequestObservable } from './http/output.js';
export type { RequestOptions } from './http/request-options.js';
export type { ChatCompletions, ChatResource } from './chat/completions.js';
export type { ResponseInfo, StreamOpenEvent, StreamDataEvent, StreamEvent } from './http/events.js';

// Server-Sent Events
export {
  parseSSE,
  createSSEParser,
  createSSEDecoder,
  DEFAULT_MAX_EVENT_BYTES,
  type SSEParser,
  type SSEParserCallbacks,
  type SSEParserOptions,
  type SSEDecoder,
  type ParseSSEOptions,
  type ServerSentEvent,
} from './sse/index.js';

// Chat schemas and types
export {
  CompletionUsageSchema,
  TokenLogprobSchema,
  ChoiceLogprobsSchema,
  ChatCompletionChunkToolCallSchema,
  ChatCompletionChunkDeltaSchema,
  ChatCompletionChunkChoiceSchema,
  ChatCompletionChunkSchema,
  ChatCompletionMessageToolCallSchema,
  ChatCompletionMessageSchema,
  ChatCompletionSchema,
  type CompletionUsage,
  type TokenLogprob,
  type ChoiceLogprobs,
  type ChatCompletionChunkToolCall,
  type ChatCompletionChunkDelta,
  type ChatCompletionChunkChoice,
  type ChatCompletionChunk,
  type ChatCompletionMessageToolCall,
  type ChatCompletionMessage,
  type ChatCompletion,
  type ChatCompletionContentPart,
  type ChatCompletionToolCallParam,
  type ChatCompletionMessageParam,
  type JSONSchema,
  type FunctionDefinition,
  type ChatCompletionTool,
  type ChatCompletionToolChoice,
  type ResponseFormat,
  type ChatCompletionCreateParams,
} from './chat/schemas/index.js';

// Chat operators
export {
  textDeltas,
  accumulateText,
  accumulateChatCompletion,
  finalChatCompletion,
  toolCalls,
  toolCallDeltas,
  createPartialJSONParser,
  parsePartialJSON,
  type TextOptions,
  type ChatCompletionSnapshot,
  type ChatCompletionSnapshotChoice,
  type ChatCompletionSnapshotMessage,
  type ChoiceLogprobsSnapshot,
  type ToolCallSnapshot,
  type CompleteToolCall,
  type ToolCallInfo,
  type ToolSchemas,
  type ToolCallDelta,
  type PartialJSONParser,
} from './chat/operators/index.js';

// Text pacing
export { smoothText, type SmoothTextOptions } from './text/smooth-text.js';
export type { SmoothTextUnit } from './text/text-steps.js';

// Responses API
export {
  ResponseSchema,
  ResponseOutputItemSchema,
  ResponseContentPartSchema,
  ResponseUsageSchema,
  ResponseStreamEventSchema,
  KnownResponseStreamEventSchema,
  outputTextOf,
  accumulateResponse,
  responseTextDeltas,
  responseFunctionCalls,
  type Response,
  type ResponseOutputItem,
  type ResponseContentPart,
  type ResponseUsage,
  type ResponseStreamEvent,
  type KnownResponseStreamEvent,
  type UnknownResponseStreamEvent,
  type ResponseStreamEventType,
  type ResponseStreamEventOf,
  type ResponseCreateParams,
  type ResponseRetrieveParams,
  type ResponseInputItem,
  type ResponseTool,
  type ResumeOptions,
  type ResumeCursor,
  type ResponsesRequestOptions,
  type ResponsesResource,
  type ResponseSnapshot,
  type ResponseFunctionCallInfo,
  type CompleteResponseFunctionCall,
} from './responses/index.js';

// Tool runs and structured output
export { tool, type Tool, type ToolDefinition, type ToolContext, type ToolResult } from './tools/tool.js';
export type { RunToolsOptions } from './tools/run-options.js';
export type {
  ToolCallRequest,
  RunToolCall,
  ToolCallEvent,
  ToolResultEvent,
  ToolErrorEvent,
  ToolErrorReason,
  ToolEvent,
  RunFinishReason,
} from './tools/tool-events.js';
export { finalMessages } from './chat/final-messages.js';
export type {
  ChatRunEvent,
  ChatRunParams,
  ChatAssistantMessage,
  ChatChunkEvent,
  ChatStepEvent,
  ChatFinishEvent,
} from './chat/run-events.js';
export { responseFinalInput } from './responses/final-input.js';
export type {
  ResponseRunEvent,
  ResponseRunParams,
  ResponseRunStreamEvent,
  ResponseStepEvent,
  ResponseFinishEvent,
} from './responses/run-events.js';
export {
  zodResponseFormat,
  zodTextFormat,
  type ZodFormatOptions,
  type ZodResponseFormat,
  type ZodTextFormat,
} from './structured/zod-format.js';
export { partialObject, finalObject, elementStream } from './structured/partial-object.js';
export {
  responsePartialObject,
  responseFinalObject,
  responseElementStream,
} from './structured/response-partial-object.js';
export type { DeepPartial, ArrayKeys, ElementOf } from './structured/deep-partial.js';
export {
  StructuredOutputError,
  isStructuredOutputError,
  type StructuredOutputErrorKind,
} from './errors/structured-output-error.js';

// Errors
export {
  OpenAIStreamError,
  APIError,
  APIStreamError,
  APIStatusError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  StreamTruncatedError,
  APIConnectionTimeoutError,
  RequestTimeoutError,
  IdleTimeoutError,
  FirstChunkTimeoutError,
  APIUserAbortError,
  ChunkParseError,
  ChunkValidationError,
  UnexpectedResponseError,
  SSEParseError,
  ToolArgumentsError,
  EmptyStreamError,
  ResponseFailedError,
  ResponseStreamError,
  ResponseResumeError,
  createStatusError,
  responseErrorKind,
  isAPIError,
  isAPIStreamError,
  isAPIStatusError,
  isBadRequestError,
  isAuthenticationError,
  isPermissionDeniedError,
  isNotFoundError,
  isConflictError,
  isUnprocessableEntityError,
  isRateLimitError,
  isInternalServerError,
  isAPIConnectionError,
  isStreamTruncatedError,
  isAPIConnectionTimeoutError,
  isRequestTimeoutError,
  isIdleTimeoutError,
  isFirstChunkTimeoutError,
  isAPIUserAbortError,
  isChunkParseError,
  isChunkValidationError,
  isUnexpectedResponseError,
  isSSEParseError,
  isToolArgumentsError,
  isEmptyStreamError,
  isResponseFailedError,
  isResponseStreamError,
  isResponseResumeError,
  type APIErrorBody,
  type APIErrorInit,
  type TimeoutKind,
  type SSEParseErrorKind,
  type ResponseErrorKind,
} from './errors/index.js';
// The bound that keeps accumulation linear on hostile streams (issue 11).
export { StreamLimitError, isStreamLimitError } from './errors/stream-limit-error.js';
