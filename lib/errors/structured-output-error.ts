import type * as z from 'zod';
import { guardFor, named, OpenAIStreamError } from './base.js';

/**
 * Why a structured answer could not be delivered: the model refused (`refusal`), the output was cut off
 * (`length`, `content_filter`), a tool run ended with tool calls still pending (`max_steps`), the text is
 * not JSON (`invalid_json`) or the JSON fails the schema (`schema`).
 *
 * @example
 * ```ts
 * import type { StructuredOutputErrorKind } from 'rxjs-openai-stream';
 *
 * const retryable = (kind: StructuredOutputErrorKind) => kind === 'length' || kind === 'invalid_json';
 * ```
 */
export type StructuredOutputErrorKind =
  'refusal' | 'length' | 'content_filter' | 'max_steps' | 'invalid_json' | 'schema';

/**
 * A structured answer that could not be turned into the schema's value. Carries the `kind`, the raw
 * `text` the model produced (the refusal text for a refusal) and zod's `issues` for a schema failure.
 * The partial objects delivered before it stay delivered: this error only ends the stream.
 *
 * @example
 * ```ts
 * import { isStructuredOutputError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isStructuredOutputError(error)) console.error(error.kind, error.text, error.issues);
 * };
 * ```
 */
export class StructuredOutputError extends OpenAIStreamError {
  static {
    named(this, 'StructuredOutputError');
  }
  readonly kind: StructuredOutputErrorKind;
  /** The text the model produced (the refusal text, for a refusal). */
  readonly text: string;
  /** zod's issues for `schema`, each with its `path`; empty otherwise. */
  readonly issues: z.core.$ZodIssue[];

  constructor(
    message: string,
    init: { kind: StructuredOutputErrorKind; text: string; issues?: z.core.$ZodIssue[]; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.text = init.text;
    this.issues = init.issues ?? [];
  }
}

/**
 * True for a {@link StructuredOutputError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isStructuredOutputError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isStructuredOutputError(error) && error.kind === 'refusal') console.error('refused:', error.text);
 * };
 * ```
 */
export const isStructuredOutputError = /*#__PURE__*/ guardFor(StructuredOutputError);
