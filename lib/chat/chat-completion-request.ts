// A non-streamed chat completion: loaded with import() on the first `stream: false` subscription (see
// completions.ts), so streaming-only apps do not bundle the JSON request and the completion schema.
import type { Observable } from 'rxjs';
import { jsonRequest } from '../http/json-request.js';
import type { ResolvedClientOptions } from '../http/options.js';
import type { ResolvedRequestOptions } from '../http/request-options.js';
import type { ChatCompletion } from './schemas/chat-completion.js';
import type { StreamEvent } from '../http/events.js';
import { decodeChatCompletion } from './decode-chat-completion.js';

/** `POST /chat/completions` without `stream`: one validated completion after the `open` event. */
export function chatCompletionEvents(
  client: ResolvedClientOptions,
  context: { method: string; path: string; body: unknown },
  request: ResolvedRequestOptions,
): Observable<StreamEvent<ChatCompletion>> {
  return jsonRequest(client, context, request).pipe(decodeChatCompletion(context));
}
