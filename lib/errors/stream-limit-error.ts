import { guardFor, named, OpenAIStreamError } from './base.js';

/**
 * A stream that went past one of the documented bounds that keep the accumulating operators' work per
 * chunk small whatever a server sends: a chat choice index of 128 or more (the API allows at most
 * `n: 128`), more than 1,024 tool calls in one choice, or a Responses index (`output_index`,
 * `content_index`, `summary_index`, `annotation_index`) of 4,096 or more. The message names what was
 * exceeded; the values emitted before it are kept.
 *
 * @example
 * ```ts
 * import { isStreamLimitError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isStreamLimitError(error)) console.error(error.limit, error.value, error.maximum);
 * };
 * ```
 */
export class StreamLimitError extends OpenAIStreamError {
  static {
    named(this, 'StreamLimitError');
  }
  /** What was limited, such as `'choice index'` or `'tool calls in choice 0'`. */
  readonly limit: string;
  /** The value the stream reached. */
  readonly value: number;
  /** The largest value allowed. */
  readonly maximum: number;

  constructor(init: { limit: string; value: number; maximum: number; reason: string }) {
    super(
      `The stream went past a limit: ${init.limit} ${init.value} (at most ${init.maximum}; ${init.reason})`,
    );
    this.limit = init.limit;
    this.value = init.value;
    this.maximum = init.maximum;
  }
}

/**
 * True for a {@link StreamLimitError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isStreamLimitError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isStreamLimitError(error)) console.error(`the server sent too much: ${error.message}`);
 * };
 * ```
 */
export const isStreamLimitError = /*#__PURE__*/ guardFor(StreamLimitError);
