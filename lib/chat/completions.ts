import type { Observable } from 'rxjs';
import type { ResolvedClientOptions } from '../http/options.js';
import type { StreamEvent } from '../http/events.js';
import { readJSON } from '../http/json-body.js';
import { requestOutput, type RequestObservable } from '../http/output.js';
import { requestAttempt } from '../http/request.js';
import { resolveRequestOptions, type RequestOptions } from '../http/request-options.js';
import { withRetries } from '../http/retry.js';
import { readEvents } from '../http/sse-body.js';
import { serializeParams } from '../http/validate.js';
import { decodeChatCompletion } from './decode-chat-completion.js';
import { chatStreamDecoder } from './decode-chat-stream.js';
import type { ChatRunEvent, ChatRunParams } from './run-events.js';
import { runChatTools } from './run-tools.js';
import type { RunToolsOptions } from '../tools/run-options.js';
import type { Tool } from '../tools/tool.js';
import type { ChatCompletionChunk } from './schemas/chat-chunk.js';
import type { ChatCompletion } from './schemas/chat-completion.js';
import type { ChatCompletionCreateParams } from './schemas/chat-params.js';

type Streaming = ChatCompletionCreateParams & { stream: true };
type NonStreaming = ChatCompletionCreateParams & { stream?: false | null };
type Events = RequestOptions & { observe: 'events' };
type Body = RequestOptions & { observe?: 'body' };
type Created = ChatCompletionChunk | ChatCompletion | StreamEvent<ChatCompletionChunk | ChatCompletion>;

/**
 * `client.chat.completions`: the Chat Completions endpoint as cold Observables.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 *
 * const client = createClient();
 * client.chat.completions
 *   .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Write a story about a robot.' }], stream: true })
 *   .subscribe((chunk) => process.stdout.write(chunk.choices[0]?.delta.content ?? ''));
 * ```
 */
export interface ChatCompletions {
  /**
   * Creates a chat completion. With `stream: true` it emits every `ChatCompletionChunk` and completes at
   * `data: [DONE]`; without, it emits one `ChatCompletion`. With `{ observe: 'events' }` it emits a typed
   * `open` event (status, headers, request id, attempts) first, then `{ type: 'data', data }` events.
   * Nothing is sent before subscribe; each subscription sends its own request; unsubscribing aborts it.
   * Unknown extra params are sent as they are. Throws a `TypeError` at once for bad request options.
   *
   * Retries (up to `maxRetries`) cover connection errors, request timeouts, 408/409/429/>= 500, and,
   * before the first chunk of a stream, a reset, an empty body, an idle or first-chunk timeout and a
   * server error frame (see `retryEarlyErrors`); never anything after the first chunk. A frame is a server
   * error when its `type` or `code` is `server_error` (or starts with `server`) or contains `internal` or
   * `overloaded`: the same rule as an `error` event of `client.responses` (`isServerStreamError`).
   * Errors never contain the API key, even when the server echoes it (it reads `[redacted]`).
   */
  create(params: Streaming, options?: Body): RequestObservable<ChatCompletionChunk>;
  create(params: Streaming, options: Events): RequestObservable<StreamEvent<ChatCompletionChunk>>;
  create(params: NonStreaming, options?: Body): RequestObservable<ChatCompletion>;
  create(params: NonStreaming, options: Events): RequestObservable<StreamEvent<ChatCompletion>>;
  create(params: ChatCompletionCreateParams, options?: RequestOptions): RequestObservable<Created>;
  /**
   * Runs a conversation with tools: streams a step, executes the tool calls it asked for (in parallel,
   * bounded by `toolConcurrency`), appends the assistant message and one `tool` message per call, and
   * starts the next step, until a step ends without tool calls or `maxSteps` is reached. Cold: each
   * subscription runs its own conversation; unsubscribing aborts the request in flight and every running
   * tool. See {@link runChatTools} for the events.
   */
  runTools<T extends Tool>(params: ChatRunParams, options: RunToolsOptions<T>): Observable<ChatRunEvent<T>>;
}

/**
 * The `chat` resource of a client.
 *
 * @example
 * ```ts
 * import { createClient, type ChatResource } from 'rxjs-openai-stream';
 *
 * const chat: ChatResource = createClient({ apiKey: 'sk-test' }).chat;
 * ```
 */
export interface ChatResource {
  readonly completions: ChatCompletions;
}

const PATH = '/chat/completions';
const WHERE = 'chat.completions.create';

/**
 * Builds the `chat` resource over a client's resolved options (what `createClient` does).
 *
 * @param client - resolved client options.
 * @returns `{ completions: { create } }`.
 *
 * @example
 * ```ts
 * import { createChatResource } from './completions.js';
 * import { resolveClientOptions } from '../http/options.js';
 *
 * const chat = createChatResource(resolveClientOptions({ apiKey: 'sk-test' }));
 * ```
 */
export function createChatResource(client: ResolvedClientOptions): ChatResource {
  function create(params: ChatCompletionCreateParams, options?: RequestOptions): RequestObservable<Created> {
    const body = serializeParams(WHERE, params, ['model', 'messages']);
    const request = resolveRequestOptions(client, options, WHERE);
    const stream = params.stream === true;
    const spec = {
      method: 'POST',
      path: PATH,
      body,
      accept: stream ? 'text/event-stream' : 'application/json',
    } as const;
    const includeUsage = params.stream_options?.include_usage === true;
    const read = stream
      ? readEvents<ChatCompletionChunk | ChatCompletion>((context) =>
          chatStreamDecoder(context, { includeUsage }),
        )
      : readJSON<ChatCompletionChunk | ChatCompletion>(decodeChatCompletion);
    return requestOutput(client, request, spec, (flow) =>
      withRetries(request.maxRetries, (number) => requestAttempt(client, spec, request, number, read, flow)),
    );
  }
  const completions: ChatCompletions = {
    create: create as ChatCompletions['create'],
    runTools: (params, options) => runChatTools(completions.create, params, options),
  };
  return Object.freeze({ completions: Object.freeze(completions) });
}
