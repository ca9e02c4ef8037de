import type { APIErrorBody } from './api-error.js';

/**
 * Finds the OpenAI-shaped error object in a parsed body or frame: `{ error: { message, ... } }`,
 * `{ error: "text" }`, or a bare `{ message, type, code }` (as Responses `error` events and some
 * compatible servers send). Returns `undefined` when the value holds no error.
 *
 * @internal
 */
export function errorBodyOf(value: unknown): APIErrorBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const inner = record['error'];
  if (typeof inner === 'string') return { message: inner };
  if (typeof inner === 'object' && inner !== null) return inner as APIErrorBody;
  if (typeof record['message'] === 'string') return record as APIErrorBody;
  return undefined;
}
