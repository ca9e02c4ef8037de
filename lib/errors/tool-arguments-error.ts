import type * as z from 'zod';
import { guardFor, named, OpenAIStreamError } from './base.js';

/**
 * A complete tool call (or function call) whose `arguments` are not valid JSON, or fail the zod schema
 * given for that tool. Carries the call's identity, the raw `arguments` string and the zod `issues`.
 *
 * @example
 * ```ts
 * import { isToolArgumentsError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isToolArgumentsError(error)) console.error(error.toolName, error.rawArguments, error.issues);
 * };
 * ```
 */
export class ToolArgumentsError extends OpenAIStreamError {
  static {
    named(this, 'ToolArgumentsError');
  }
  readonly toolName: string;
  readonly callId: string | null;
  /** The arguments exactly as the model produced them. */
  readonly rawArguments: string;
  /** zod's issues when a schema failed; empty when the JSON itself was invalid. */
  readonly issues: z.core.$ZodIssue[];

  constructor(
    message: string,
    init: {
      toolName: string;
      callId: string | null;
      rawArguments: string;
      issues?: z.core.$ZodIssue[];
      cause?: unknown;
    },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.toolName = init.toolName;
    this.callId = init.callId;
    this.rawArguments = init.rawArguments;
    this.issues = init.issues ?? [];
  }
}

/**
 * True for a {@link ToolArgumentsError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isToolArgumentsError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isToolArgumentsError(error)) console.error(error.toolName, error.rawArguments);
 * };
 * ```
 */
export const isToolArgumentsError = /*#__PURE__*/ guardFor(ToolArgumentsError);
