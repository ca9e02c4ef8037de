import { describe, expect, it } from '@jest/globals';
import * as api from '../lib/index.js';
import * as server from '../lib/server/index.js';

// The public surface is a contract: adding or removing an export is a deliberate change to this list.
const EXPECTED = [
  // client
  'createClient',
  'DEFAULT_BASE_URL',
  'toAsyncIterable',
  'RequestObservable',
  // SSE
  'parseSSE',
  'createSSEParser',
  'createSSEDecoder',
  'DEFAULT_MAX_EVENT_BYTES',
  // chat schemas
  'CompletionUsageSchema',
  'TokenLogprobSchema',
  'ChoiceLogprobsSchema',
  'ChatCompletionChunkToolCallSchema',
  'ChatCompletionChunkDeltaSchema',
  'ChatCompletionChunkChoiceSchema',
  'ChatCompletionChunkSchema',
  'ChatCompletionMessageToolCallSchema',
  'ChatCompletionMessageSchema',
  'ChatCompletionSchema',
  // chat operators
  'textDeltas',
  'accumulateText',
  'accumulateChatCompletion',
  'finalChatCompletion',
  'toolCalls',
  'toolCallDeltas',
  'createPartialJSONParser',
  'parsePartialJSON',
  // text pacing
  'smoothText',
  // Responses API
  'ResponseSchema',
  'ResponseOutputItemSchema',
  'ResponseContentPartSchema',
  'ResponseUsageSchema',
  'ResponseStreamEventSchema',
  'KnownResponseStreamEventSchema',
  'outputTextOf',
  'accumulateResponse',
  'responseTextDeltas',
  'responseFunctionCalls',
  // tool runs and structured output
  'tool',
  'finalMessages',
  'responseFinalInput',
  'zodResponseFormat',
  'zodTextFormat',
  'partialObject',
  'finalObject',
  'elementStream',
  'responsePartialObject',
  'responseFinalObject',
  'responseElementStream',
  'StructuredOutputError',
  'isStructuredOutputError',
  // errors
  'OpenAIStreamError',
  'APIError',
  'APIStreamError',
  'APIStatusError',
  'BadRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'UnprocessableEntityError',
  'RateLimitError',
  'InternalServerError',
  'APIConnectionError',
  'StreamTruncatedError',
  'APIConnectionTimeoutError',
  'RequestTimeoutError',
  'IdleTimeoutError',
  'FirstChunkTimeoutError',
  'APIUserAbortError',
  'ChunkParseError',
  'ChunkValidationError',
  'UnexpectedResponseError',
  'SSEParseError',
  'ToolArgumentsError',
  'EmptyStreamError',
  'ResponseFailedError',
  'ResponseStreamError',
  'ResponseResumeError',
  'createStatusError',
  'responseErrorKind',
  'isAPIError',
  'isAPIStreamError',
  'isAPIStatusError',
  'isBadRequestError',
  'isAuthenticationError',
  'isPermissionDeniedError',
  'isNotFoundError',
  'isConflictError',
  'isUnprocessableEntityError',
  'isRateLimitError',
  'isInternalServerError',
  'isAPIConnectionError',
  'isStreamTruncatedError',
  'isAPIConnectionTimeoutError',
  'isRequestTimeoutError',
  'isIdleTimeoutError',
  'isFirstChunkTimeoutError',
  'isAPIUserAbortError',
  'isChunkParseError',
  'isChunkValidationError',
  'isUnexpectedResponseError',
  'isSSEParseError',
  'isToolArgumentsError',
  'isEmptyStreamError',
  'isResponseFailedError',
  'isResponseStreamError',
  'isResponseResumeError',
  'StreamLimitError',
  'isStreamLimitError',
];

describe('rxjs-openai-stream (lib/index.ts)', () => {
  it('exports exactly the documented runtime API', () => {
    expect(Object.keys(api).sort()).toEqual([...EXPECTED].sort());
  });

  it('error classes keep their names (they survive minification via the prototype)', () => {
    for (const name of EXPECTED.filter((n) => /^[A-Z].*Error$/.test(n))) {
      const Ctor = (api as unknown as Record<string, { prototype: Error }>)[name]!;
      expect(Ctor.prototype.name).toBe(name);
    }
  });

  it('instanceof recognises errors from another copy of the library by their recorded class chain', () => {
    const foreign = new api.RateLimitError('429 Slow down', { status: 429, headers: new Headers() });
    // Simulate a second bundle: a plain object carrying the same recorded kinds, but another prototype.
    const copy = Object.create(Error.prototype, {
      [Symbol.for('rxjs-openai-stream/error-kinds')]: {
        value: (foreign as unknown as Record<symbol, unknown>)[Symbol.for('rxjs-openai-stream/error-kinds')],
      },
    });
    expect(copy instanceof api.RateLimitError).toBe(true);
    expect(copy instanceof api.APIStatusError).toBe(true);
    expect(copy instanceof api.APIConnectionError).toBe(false);
    expect(api.isRateLimitError(copy)).toBe(true);
    expect(api.isAPIStatusError(copy)).toBe(true);
    expect(api.isAPIError(copy)).toBe(true);
    expect(api.isAPIConnectionError(copy)).toBe(false);
  });

  it('every status and timeout class has a guard that accepts it, its copies, and no sibling', () => {
    const kinds = Symbol.for('rxjs-openai-stream/error-kinds');
    const copyOf = (error: Error) =>
      Object.create(Error.prototype, {
        [kinds]: { value: (error as unknown as Record<symbol, unknown>)[kinds] },
      });
    const statuses = [
      [400, api.BadRequestError, api.isBadRequestError],
      [403, api.PermissionDeniedError, api.isPermissionDeniedError],
      [404, api.NotFoundError, api.isNotFoundError],
      [409, api.ConflictError, api.isConflictError],
      [422, api.UnprocessableEntityError, api.isUnprocessableEntityError],
      [500, api.InternalServerError, api.isInternalServerError],
      [503, api.InternalServerError, api.isInternalServerError],
    ] as const;
    for (const [status, Ctor, guard] of statuses) {
      const error = api.createStatusError(status, { headers: new Headers() });
      expect(error).toBeInstanceOf(Ctor);
      expect(guard(error)).toBe(true);
      expect(guard(copyOf(error))).toBe(true);
      expect(guard(api.createStatusError(401, { headers: new Headers() }))).toBe(false);
      expect(guard(new Error(Ctor.name))).toBe(false);
    }
    const timeouts = [
      ['request', api.RequestTimeoutError, api.isRequestTimeoutError],
      ['idle', api.IdleTimeoutError, api.isIdleTimeoutError],
      ['firstChunk', api.FirstChunkTimeoutError, api.isFirstChunkTimeoutError],
    ] as const;
    for (const [timeout, Ctor, guard] of timeouts) {
      const error = new Ctor('timed out', { timeout, ms: 1 });
      expect(guard(error)).toBe(true);
      expect(guard(copyOf(error))).toBe(true);
      expect(api.isAPIConnectionTimeoutError(error)).toBe(true);
      const others = timeouts.filter(([, Other]) => Other !== Ctor);
      for (const [otherTimeout, Other] of others) {
        expect(guard(new Other('timed out', { timeout: otherTimeout, ms: 1 }))).toBe(false);
      }
    }
  });
});

// The server entry's public surface, pinned the same way.
const SERVER_EXPECTED = [
  'toServerSentEvents',
  'sseResponse',
  'pipeServerSentEvents',
  'toOpenAIError',
  'RelayError',
  'createRelay',
  'STREAM_ID_HEADER',
  'StreamStoreError',
  'StreamNotFoundError',
  'StreamOwnerLostError',
  'StreamStoreFullError',
  'createMemoryStreamStore',
  'createRedisStreamStore',
];

describe('rxjs-openai-stream/server (lib/server/index.ts)', () => {
  it('exports exactly the documented runtime API', () => {
    expect(Object.keys(server).sort()).toEqual([...SERVER_EXPECTED].sort());
  });

  it('error classes keep their names', () => {
    for (const name of SERVER_EXPECTED.filter((n) => /^[A-Z].*Error$/.test(n))) {
      const Ctor = (server as unknown as Record<string, { prototype: Error }>)[name]!;
      expect(Ctor.prototype.name).toBe(name);
    }
  });
});
