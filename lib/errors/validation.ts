import type * as z from 'zod';
import { APIError, type APIErrorInit } from './api-error.js';
import { guardFor, named } from './base.js';

/**
 * A data frame whose payload is not valid JSON. The message says what failed and where (event index and
 * the parser's position) and its length, never the payload itself.
 *
 * @example
 * ```ts
 * import { isChunkParseError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => isChunkParseError(error) && console.error(error.eventIndex, error.message);
 * ```
 */
export class ChunkParseError extends APIError {
  static {
    named(this, 'ChunkParseError');
  }
  /** 0-based index of the SSE event in the stream. */
  readonly eventIndex: number;
  /** Length of the payload in characters. */
  readonly length: number;

  constructor(message: string, init: APIErrorInit & { eventIndex: number; length: number }) {
    super(message, init);
    this.eventIndex = init.eventIndex;
    this.length = init.length;
  }
}

/**
 * A chunk (or event) that is valid JSON but fails its zod schema. `issues` are zod's, each with a `path`.
 *
 * @example
 * ```ts
 * import { isChunkValidationError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isChunkValidationError(error)) for (const issue of error.issues) console.error(issue.path, issue.message);
 * };
 * ```
 */
export class ChunkValidationError extends APIError {
  static {
    named(this, 'ChunkValidationError');
  }
  readonly issues: z.core.$ZodIssue[];
  readonly eventIndex: number;

  constructor(message: string, init: APIErrorInit & { issues: z.core.$ZodIssue[]; eventIndex: number }) {
    super(message, init);
    this.issues = init.issues;
    this.eventIndex = init.eventIndex;
  }
}

/**
 * True for a {@link ChunkParseError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isChunkParseError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isChunkParseError(error)) console.error(error.eventIndex, error.length);
 * };
 * ```
 */
export const isChunkParseError = /*#__PURE__*/ guardFor(ChunkParseError);
/**
 * True for a {@link ChunkValidationError}, also from another bundle of this library.
 *
 * @example
 * ```ts
 * import { isChunkValidationError } from 'rxjs-openai-stream';
 *
 * const onError = (error: unknown) => {
 *   if (isChunkValidationError(error)) console.error(error.issues.map((issue) => issue.path.join('.')));
 * };
 * ```
 */
export const isChunkValidationError = /*#__PURE__*/ guardFor(ChunkValidationError);
