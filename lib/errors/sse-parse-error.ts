import { APIError, type APIErrorInit } from './api-error.js';
import { guardFor, named } from './base.js';

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
export class SSEParseError extends APIError {
  static {
    named(this, 'SSEParseError');
  }
  readonly kind: SSEParseErrorKind;
  /** The limit that was exceeded. */
  readonly limit: number;

  /**
   * @param init - what was exceeded, and (when the stream belongs to a request) the request's context,
   *   which names it in the message like every other error's.
   */
  constructor(message: string, init: APIErrorInit & { kind: SSEParseErrorKind; limit: number }) {
    super(message, init);
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
