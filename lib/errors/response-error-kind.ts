// Kept apart from the Responses error classes so that code needing only the classification (the chat
// client's retry check) does not bundle those classes.

/**
 * What kind of failure a Responses error code names: `'rate_limit'` (`rate_limit_exceeded`), `'quota'`
 * (`insufficient_quota`), `'server'` (`server_error` and the like), or `'other'`.
 *
 * @example
 * ```ts
 * import { responseErrorKind, type ResponseErrorKind } from 'rxjs-openai-stream';
 *
 * const kind: ResponseErrorKind = responseErrorKind('rate_limit_exceeded'); // 'rate_limit'
 * ```
 */
export type ResponseErrorKind = 'rate_limit' | 'quota' | 'server' | 'other';

/**
 * Classifies a Responses error code, so rate limits and exhausted quotas are easy to recognise.
 *
 * @param code - The `code` of an `error` event or of `response.error`.
 * @returns The {@link ResponseErrorKind}.
 * @example
 * ```ts
 * import { responseErrorKind } from 'rxjs-openai-stream';
 *
 * responseErrorKind('insufficient_quota'); // 'quota'
 * ```
 */
export function responseErrorKind(code: string | null | undefined): ResponseErrorKind {
  if (typeof code !== 'string' || !code) return 'other';
  if (code.includes('rate_limit')) return 'rate_limit';
  if (code.includes('quota')) return 'quota';
  if (code.startsWith('server') || code.includes('internal') || code.includes('overloaded')) return 'server';
  return 'other';
}
