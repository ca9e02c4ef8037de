import { guardFor, named, OpenAIStreamError } from './base.js';

/**
 * What went wrong in the SSE parser (today only `'max-event-bytes'`).
 *
 * @example
 * ```ts
 * import { isSSEParseError, type SSEParseErrorKind } from 'rxjs-openai-stream';
 *
 * const kindOf = (error: unknown): SSEParseErrorKind | undefined => (isSSEParseError(error) ? error.kind : undefined);
 * ```
 */
export type SSEParseErrorKind = 'max-event-bytes';

/**
 * The SSE parser refused its input: an event (or a single line) grew past `maxEventBytes`. Raised instead
 * of buffering without bound; events dispatched before it were delivered.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { parseSSE, isSSEParseError } from 'rxjs-openai-stream';
 *
 * of('data: ' + 'x'.repeat(100) + '\n\n')
 *   .pipe(parseSSE({ maxEventBytes: 10 }))
 *   .subscribe({ error: (error) => console.log(isSSEParseError(error) && error.limit) }); // 10
 * ```
 */
export class SSEParseError extends OpenAIStreamError {
  static {
    named(this, 'SSEParseError');
  }
  readonly kind: SSEParseErrorKind;
  /** The limit that was exceeded. */
  readonly limit: number;

  constructor(message: string, init: { kind: SSEParseErrorKind; limit: number }) {
    super(message);
    this.kind = init.kind;
    this.limit = init.limit;
  }
}

/**
 * True for an {@link SSEParseError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isSSEParseError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isSSEParseError(error)) console.error(error.kind, error.limit);
 * };
 * ```
 */
export const isSSEParseError = /*#__PURE__*/ guardFor(SSEParseError);
