import type { Observable } from 'rxjs';
import { lazy } from '../http/lazy.js';
import type { ResolvedClientOptions } from '../http/options.js';
import { resolveRequestOptions, type RequestOptions } from '../http/request-options.js';
import { requestOutput } from '../http/request-output.js';
import { retryEarlyErrors } from '../http/retry-early-errors.js';
import { checkParams } from '../http/validate.js';
import { sseRequest } from '../http/sse-request.js';
import type { ChatCompletionChunk } from './schemas/chat-chunk.js';
import type { ChatCompletion } from './schemas/chat-completion.js';
import type { ChatCompletionCreateParams } from './schemas/chat-params.js';
import type { StreamEvent } from '../http/events.js';
import { isServerStreamError } from '../http/is-server-stream-error.js';
import type * as CompletionRequest from './chat-completion-request.js';
import { decodeChatStream } from './decode-chat-stream.js';

type Streaming = ChatCompletionCreateParams & { stream: true };
type NonStreaming = ChatCompletionCreateParams & { stream?: false | null };
type Events = RequestOptions & { observe: 'events' };
type Body = RequestOptions & { observe?: 'body' };

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
  create(params: Streaming, options?: Body): Observable<ChatCompletionChunk>;
  create(params: Streaming, options: Events): Observable<StreamEvent<ChatCompletionChunk>>;
  create(params: NonStreaming, options?: Body): Observable<ChatCompletion>;
  create(params: NonStreaming, options: Events): Observable<StreamEvent<ChatCompletion>>;
  create(
    params: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): Observable<ChatCompletionChunk | ChatCompletion | StreamEvent<ChatCompletionChunk | ChatCompletion>>;
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
  function create(
    params: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): Observable<ChatCompletionChunk | ChatCompletion | StreamEvent<ChatCompletionChunk | ChatCompletion>> {
    checkParams(WHERE, params);
    const request = resolveRequestOptions(client, options, WHERE);
    const context = { method: 'POST', path: PATH };
    const events$: Observable<StreamEvent<ChatCompletionChunk | ChatCompletion>> =
      params.stream === true
        ? retryEarlyErrors(
            ({ previousAttempts, maxRetries }) =>
              sseRequest(
                client,
                { ...context, body: params, previousAttempts },
                { ...request, maxRetries },
              ).pipe(decodeChatStream(context)),
            { maxRetries: request.maxRetries, isRetryable: isServerStreamError },
          )
        : lazy('chat completion', loadCompletionRequest, (m) =>
            m.chatCompletionEvents(client, { ...context, body: params }, request),
          );
    return requestOutput(client, request, events$);
  }
  return Object.freeze({ completions: Object.freeze({ create: create as ChatCompletions['create'] }) });
}

const loadCompletionRequest = (): Promise<typeof CompletionRequest> => import('./chat-completion-request.js');
