import type { Observable } from 'rxjs';
import type { OpenAIClient } from '../client.js';
import { textDeltas } from '../chat/operators/text-deltas.js';
import type { ChatCompletionCreateParams, ChatCompletionMessageParam } from '../chat/schemas/index.js';
import type { RequestOptions } from '../http/request-options.js';

/**
 * What one turn of {@link injectChat} emits: strings are text deltas of the message being written; a
 * `message` event commits a finished message (it already holds the text streamed for it, if any) and
 * the following deltas start a new one. Other event kinds (tool activity, a structured object) pass
 * through `smoothText` untouched.
 * @internal
 */
export type ChatTurnEvent = string | { type: 'message'; message: ChatCompletionMessageParam };

/**
 * One turn without tools: the text deltas of one streamed completion of `params`. The tool loop of
 * `runTools` and structured output plug in beside it: they return the same events (committing the
 * assistant message with its tool calls and each tool result as `message` events).
 * @internal
 */
export function chatTurn(
  client: OpenAIClient,
  params: ChatCompletionCreateParams,
  requestOptions: Omit<RequestOptions, 'observe'> | undefined,
): Observable<ChatTurnEvent> {
  return client.chat.completions.create({ ...params, stream: true }, requestOptions).pipe(textDeltas());
}
