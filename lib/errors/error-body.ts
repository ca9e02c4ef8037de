import type { APIErrorBody } from './api-error.js';

const MAX_REASON = 300;

/**
 * Finds the error in a parsed body or frame: OpenAI's `{ error: { message, ... } }`, `{ error: "text" }`,
 * a bare `{ message, type, code }` (Responses `error` events, some compatible servers), and FastAPI's
 * `{ detail: "..." }` or `{ detail: [{ msg, loc }] }` (servers such as `transformers serve` answer 422 so).
 * A `message` that is not a string is stringified (short), so every caller can rely on a string there.
 * Returns `undefined` when the value holds no error.
 *
 * @internal
 */
export function errorBodyOf(value: unknown): APIErrorBody | undefined {
  if (!isRecord(value)) return undefined;
  const inner = value['error'];
  if (typeof inner === 'string') return { message: inner };
  if (isRecord(inner)) return withTextMessage(inner);
  if (typeof value['message'] === 'string') return withTextMessage(value);
  const detail = detailOf(value['detail']);
  return detail === undefined ? undefined : { message: detail };
}

/**
 * The server's side of an error message: its `message` (at most `maxLength` characters; `no message` when
 * it has none) and, when known, `[type/code]`, e.g. `Model overloaded. [overloaded/busy]`.
 *
 * @internal
 */
export function describeErrorBody(body: APIErrorBody, maxLength = Infinity): string {
  const said =
    typeof body.message === 'string' && body.message ? clip(body.message, maxLength) : 'no message';
  const kind = [body.type, body.code].filter(isText).join('/');
  return kind ? `${said} [${kind}]` : said;
}

/**
 * A short excerpt of a plain-text error body worth quoting (one line, at most 300 characters); `undefined`
 * for an empty body and for HTML, which is a page, not a reason.
 *
 * @internal
 */
export function textReasonOf(text: string, mediaType: string | null): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || mediaType === 'text/html' || /^<(!doctype|html)/i.test(trimmed)) return undefined;
  return clip(trimmed.replace(/\s+/g, ' '), MAX_REASON);
}

function detailOf(detail: unknown): string | undefined {
  if (typeof detail === 'string') return clip(detail, MAX_REASON);
  if (!Array.isArray(detail)) return undefined;
  const parts = detail.slice(0, 5).map((item) => {
    if (!isRecord(item) || typeof item['msg'] !== 'string') return undefined;
    const loc = Array.isArray(item['loc']) ? item['loc'].filter(isText).join('.') : '';
    return loc ? `${loc}: ${item['msg']}` : item['msg'];
  });
  const said = parts.filter((part) => part !== undefined).join('; ');
  return said ? clip(said, MAX_REASON) : undefined;
}

function withTextMessage(record: Record<string, unknown>): APIErrorBody {
  const message = record['message'];
  if (message === undefined || typeof message === 'string') return record as APIErrorBody;
  let text: string;
  try {
    text = JSON.stringify(message) ?? String(message);
  } catch {
    text = String(message);
  }
  return { ...record, message: clip(text, MAX_REASON) } as APIErrorBody;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string | number =>
  (typeof value === 'string' && value !== '') || typeof value === 'number';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
