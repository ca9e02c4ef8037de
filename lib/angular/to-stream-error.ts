import { OpenAIStreamError } from '../errors/index.js';

/**
 * The error a signal shows: this library's errors as they are; anything else (thrown by the app's own
 * operators) wrapped once, with the original as `cause`, so templates can rely on one type.
 * @internal
 */
export function toStreamError(error: unknown): OpenAIStreamError {
  if (error instanceof OpenAIStreamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OpenAIStreamError(message, { cause: error });
}
