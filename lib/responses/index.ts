export {
  ResponseSchema,
  ResponseOutputItemSchema,
  ResponseContentPartSchema,
  ResponseUsageSchema,
  outputTextOf,
  type Response,
  type ResponseOutputItem,
  type ResponseContentPart,
  type ResponseUsage,
} from './response-schema.js';
export {
  ResponseStreamEventSchema,
  KnownResponseStreamEventSchema,
  type ResponseStreamEvent,
  type KnownResponseStreamEvent,
  type UnknownResponseStreamEvent,
  type ResponseStreamEventType,
  type ResponseStreamEventOf,
} from './stream-event-schema.js';
export type {
  ResponseCreateParams,
  ResponseRetrieveParams,
  ResponseInputItem,
  ResponseTool,
} from './response-params.js';
export type { ResumeOptions, ResumeCursor } from './resume-response-stream.js';
export type { ResponsesRequestOptions } from './resume-options.js';
export { createResponsesResource, type ResponsesResource } from './responses-resource.js';
export { accumulateResponse } from './operators/accumulate-response.js';
export type { ResponseSnapshot } from './operators/response-snapshot.js';
export { responseTextDeltas } from './operators/response-text-deltas.js';
export {
  responseFunctionCalls,
  type ResponseFunctionCallInfo,
  type CompleteResponseFunctionCall,
} from './operators/response-function-calls.js';
