/**
 * What is known about an HTTP response once its headers have arrived.
 *
 * @example
 * ```ts
 * import type { ResponseInfo } from 'rxjs-openai-stream';
 *
 * const describe = (info: ResponseInfo) => `${info.status} ${info.requestId ?? '-'} after ${info.attempts} attempt(s)`;
 * ```
 */
export interface ResponseInfo {
  status: number;
  statusText: string;
  headers: Headers;
  /** The `x-request-id` header, if any. */
  requestId: string | null;
  url: string;
  /** How many attempts it took (1 when the first try answered). */
  attempts: number;
}

/**
 * Emitted first by a request made with `{ observe: 'events' }`, as soon as the response headers arrive.
 *
 * @example
 * ```ts
 * import type { StreamOpenEvent } from 'rxjs-openai-stream';
 *
 * const onOpen = (event: StreamOpenEvent) => console.log(event.response.headers.get('openai-processing-ms'));
 * ```
 */
export interface StreamOpenEvent {
  type: 'open';
  response: ResponseInfo;
}

/**
 * One payload (a chunk, a Responses event, or a whole completion) of a request made with
 * `{ observe: 'events' }`.
 *
 * @example
 * ```ts
 * import type { StreamDataEvent, ChatCompletionChunk } from 'rxjs-openai-stream';
 *
 * const text = (event: StreamDataEvent<ChatCompletionChunk>) => event.data.choices[0]?.delta.content ?? '';
 * ```
 */
export interface StreamDataEvent<T> {
  type: 'data';
  data: T;
}

/**
 * What a request made with `{ observe: 'events' }` emits: one `open` event with the response metadata
 * (status, headers, `x-request-id`), then a `data` event per payload. In the manner of Angular's
 * `HttpClient` `observe: 'events'`.
 *
 * @example
 * ```ts
 * import { createClient, type StreamEvent, type ChatCompletionChunk } from 'rxjs-openai-stream';
 *
 * const client = createClient({ apiKey: 'sk-test' });
 * client.chat.completions
 *   .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { observe: 'events' })
 *   .subscribe((event: StreamEvent<ChatCompletionChunk>) => {
 *     if (event.type === 'open') console.log('request id', event.response.requestId);
 *     else process.stdout.write(event.data.choices[0]?.delta.content ?? '');
 *   });
 * ```
 */
export type StreamEvent<T> = StreamOpenEvent | StreamDataEvent<T>;
