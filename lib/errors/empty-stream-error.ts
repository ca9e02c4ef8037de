import { guardFor, named, OpenAIStreamError } from './base.js';

/**
 * A stream that completed without a single chunk, where an operator needs at least one (such as
 * `finalChatCompletion()`).
 *
 * @example
 * ```ts
 * import { EMPTY } from 'rxjs';
 * import { finalChatCompletion, isEmptyStreamError } from 'rxjs-openai-stream';
 *
 * EMPTY.pipe(finalChatCompletion()).subscribe({ error: (error) => console.log(isEmptyStreamError(error)) }); // true
 * ```
 */
export class EmptyStreamError extends OpenAIStreamError {
  static {
    named(this, 'EmptyStreamError');
  }
}

/**
 * True for an {@link EmptyStreamError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isEmptyStreamError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isEmptyStreamError(error)) console.error('the stream had no chunk');
 * };
 * ```
 */
export const isEmptyStreamError = /*#__PURE__*/ guardFor(EmptyStreamError);
