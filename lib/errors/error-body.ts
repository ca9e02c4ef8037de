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

/**
 * The server's side of an error message: its `message` (at most `maxLength` characters; `no message` when
 * it has none) and, when known, `[type/code]`, e.g. `Model overloaded. [overloaded/busy]`.
 *
 * @internal
 */
export function describeErrorBody(body: APIErrorBody, maxLength = Infinity): string {
  const said =
    typeof body.message === 'string' && body.message ? body.message.slice(0, maxLength) : 'no message';
  const kind = [body.type, body.code].filter((part) => part != null && part !== '').join('/');
  return kind ? `${said} [${kind}]` : said;
}
