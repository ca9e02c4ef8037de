import { APIError, type APIErrorInit } from '../errors/api-error.js';
import { errorBodyOf } from '../errors/error-body.js';
import { schemaError } from '../http/frames.js';
import { ChatCompletionSchema, type ChatCompletion } from './schemas/chat-completion.js';

/**
 * A non-streamed chat completion from its JSON body: validated by `ChatCompletionSchema`; a 200 body that
 * holds an error object fails with `APIError` carrying the server's message.
 */
export function decodeChatCompletion(body: unknown, context: APIErrorInit): ChatCompletion {
  const error = typeof body === 'object' && body !== null && 'error' in body ? errorBodyOf(body) : undefined;
  if (error) {
    throw new APIError(`The server answered with an error: ${error.message ?? 'no message'}`, {
      ...context,
      error,
    });
  }
  const result = ChatCompletionSchema.safeParse(body);
  if (!result.success) {
    throw schemaError('The response is not a valid chat.completion', result.error.issues, 0, context);
  }
  return result.data;
}
