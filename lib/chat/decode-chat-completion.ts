import { Observable, type OperatorFunction } from 'rxjs';
import { APIError, describeRequest } from '../errors/api-error.js';
import { errorBodyOf } from '../errors/error-body.js';
import { ChatCompletionSchema, type ChatCompletion } from './schemas/chat-completion.js';
import type { ResponseInfo, StreamEvent } from '../http/events.js';
import { requestContext, schemaError } from '../http/request-context.js';

/**
 * Validates a non-streaming Chat Completions body: emits `{ type: 'open', response }` then
 * `{ type: 'data', data: completion }`. A body with an `error` object (some servers answer errors with
 * 200) fails with `APIError`; a body that fails `ChatCompletionSchema` fails with `ChunkValidationError`.
 * Pure: no I/O.
 *
 * @param options - method and path for error messages.
 * @returns an operator from `{ response, body }` to stream events.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { decodeChatCompletion } from './decode-chat-completion.js';
 *
 * const response = { status: 200, statusText: 'OK', headers: new Headers(), requestId: null, url: '', attempts: 1 };
 * const body = { id: 'c', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }] };
 * of({ response, body }).pipe(decodeChatCompletion()).subscribe(console.log);
 * ```
 */
export function decodeChatCompletion(
  options: { method?: string; path?: string } = {},
): OperatorFunction<{ response: ResponseInfo; body: unknown }, StreamEvent<ChatCompletion>> {
  return (source) =>
    new Observable<StreamEvent<ChatCompletion>>((subscriber) =>
      source.subscribe({
        next: ({ response, body }) => {
          const context = requestContext(options, response);
          subscriber.next({ type: 'open', response });
          const error =
            typeof body === 'object' && body !== null && 'error' in body ? errorBodyOf(body) : undefined;
          if (error) {
            const message = `The server answered with an error: ${error.message ?? 'no message'}`;
            return subscriber.error(new APIError(message + describeRequest(context), { ...context, error }));
          }
          const result = ChatCompletionSchema.safeParse(body);
          if (!result.success) {
            return subscriber.error(
              schemaError('The response is not a valid chat.completion', result.error.issues, 0, context),
            );
          }
          subscriber.next({ type: 'data', data: result.data });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}
