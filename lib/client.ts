import { createChatResource, type ChatResource } from './chat/completions.js';
import { createResponsesResource, type ResponsesResource } from './responses/responses-resource.js';
import { resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from './http/options.js';

/**
 * A client of an OpenAI-compatible API. Every method returns a cold Observable: nothing is sent before
 * subscribe, and unsubscribing aborts the request.
 *
 * @example
 * ```ts
 * import { createClient, type OpenAIClient } from 'rxjs-openai-stream';
 *
 * const client: OpenAIClient = createClient({ apiKey: 'sk-test' });
 * ```
 */
export interface OpenAIClient {
  /** The validated, frozen options (the API key is a non-enumerable property). */
  readonly options: ResolvedClientOptions;
  /** `chat.completions.create(params, requestOptions?)`. */
  readonly chat: ChatResource;
  /** `responses.create(params, requestOptions?)`, `responses.retrieve(id, params?)`, `responses.cancel(id)`. */
  readonly responses: ResponsesResource;
}

/**
 * Creates a client. Options are validated once: a bad one throws a `TypeError` naming it. `apiKey` and
 * `baseURL` default to `OPENAI_API_KEY` and `OPENAI_BASE_URL` where an environment exists. In a browser an
 * `apiKey` needs `dangerouslyAllowBrowser: true`.
 *
 * @param options - see {@link ClientOptions}.
 * @returns the client, with one property per API resource.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 *
 * const client = createClient(); // OPENAI_API_KEY and OPENAI_BASE_URL from the environment
 * client.chat.completions
 *   .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Write a story about a robot.' }], stream: true })
 *   .subscribe((chunk) => process.stdout.write(chunk.choices[0]?.delta.content ?? ''));
 * ```
 */
export function createClient(options?: ClientOptions): OpenAIClient {
  const resolved = resolveClientOptions(options);
  return Object.freeze({
    options: resolved,
    chat: createChatResource(resolved),
    responses: createResponsesResource(resolved),
  });
}
