import type { RequestOptions } from '../core/request-options.js';
import { checkOption } from '../core/validate.js';
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
  if (typeof resume !== 'object' || resume === null) {
    throw new TypeError(`${where}: option "resume" must be a boolean or { maxAttempts, backoff }`);
  }
  const { maxAttempts, backoff, ...rest } = resume as ResumeOptions;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new TypeError(`${where}: unknown option "resume.${unknown[0]}"`);
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    throw new TypeError(`${where}: option "resume.maxAttempts" must be an integer >= 1`);
  }
  if (backoff !== undefined && typeof backoff !== 'function') {
    if (typeof backoff !== 'number') {
      const got = backoff === null ? 'null' : typeof backoff;
      throw new TypeError(
        `${where}: option "resume.backoff" must be a number of ms or a function, got ${got}`,
      );
    }
    // Finite, >= 0 and at most 2^31 - 1 ms: a longer timer would fire at once and reconnect in a loop.
    checkOption(where, 'resume.backoff', backoff, 'ms');
  }
  return { maxAttempts, backoff };
}

/** Splits `resume` off the request options (the HTTP layer rejects unknown options). @internal */
export function splitResume(options: ResponsesRequestOptions | undefined): {
  resume: unknown;
  request: RequestOptions | undefined;
} {
  if (typeof options !== 'object' || options === null) return { resume: undefined, request: options };
  const { resume, ...request } = options;
  return { resume, request };
}
