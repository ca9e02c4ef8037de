import type { RequestOptions } from '../http/request-options.js';
import { checkOptions, type OptionKind } from '../http/validate.js';
import type { ResumeOptions } from './resume-response-stream.js';

/**
 * Request options of `client.responses`: the usual {@link RequestOptions} plus `resume`, which controls
 * how a dropped stream of a background response (`background: true`, or `retrieve(id, { stream: true })`)
 * is resumed. `false` turns resuming off.
 *
 * @example
 * ```ts
 * import type { ResponsesRequestOptions } from 'rxjs-openai-stream';
 *
 * const options: ResponsesRequestOptions = { resume: { maxAttempts: 3, backoff: 1_000 }, idleTimeout: 60_000 };
 * ```
 */
export interface ResponsesRequestOptions extends RequestOptions {
  /** @defaultValue `{ maxAttempts: 5 }` with exponential backoff, for background responses only */
  resume?: boolean | ResumeOptions;
}

/**
 * Validates `resume` and returns the options to resume with, or `null` when resuming is off. Throws a
 * `TypeError` naming the bad field; a numeric `backoff` must be finite, >= 0 and at most 2147483647 ms
 * (the longest timer `setTimeout` supports).
 *
 * @internal
 */
export function resolveResume(where: string, resume: unknown): ResumeOptions | null {
  if (resume === undefined || resume === true) return {};
  if (resume === false) return null;
  // Finite, >= 0 and at most 2^31 - 1 ms: a longer timer would fire at once and reconnect in a loop.
  checkOptions(where, 'option "resume"', resume, RESUME_KINDS, 'resume.');
  const { maxAttempts, backoff } = resume as ResumeOptions;
  return { maxAttempts, backoff };
}

/** The `resume` option, for {@link resolveRequestOptions}' `extra` kinds. @internal */
export const RESUME_OPTION = { resume: 'resume' } as const satisfies Record<string, OptionKind>;

const RESUME_KINDS = {
  maxAttempts: 'attempts',
  backoff: 'backoff',
} as const satisfies Record<keyof ResumeOptions, OptionKind>;
