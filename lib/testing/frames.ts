import type { ReplyPlan } from './write-plan.js';

/**
 * Counters and clocks shared by the reply builders of one server.
 * @internal
 */
export interface ReplyContext {
  /** The parsed request body (an object when it was JSON). */
  body: Record<string, unknown>;
  /** The server's default pause between frames, in ms. */
  chunkDelayMs: number;
  /** A new id with a prefix, unique within the server (`chatcmpl-mock1`, `call_mock2`, ...). */
  nextId(prefix: string): string;
}

/**
 * Formats one SSE frame: an optional `event:` line, one `data:` line per line of `data`, a blank line.
 * @internal
 */
export function sseFrame(data: string, event?: string): string {
  const lines = data.split('\n').map((line) => `data: ${line}\n`);
  return `${event === undefined ? '' : `event: ${event}\n`}${lines.join('')}\n`;
}

/**
 * The response headers of a streamed reply.
 * @internal
 */
export function streamHeaders(): Record<string, string> {
  return { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
}

/**
 * The response headers of a JSON reply with this body.
 * @internal
 */
export function jsonHeaders(body: string, withLength = true): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (withLength) headers['content-length'] = String(Buffer.byteLength(body));
  return headers;
}

/**
 * Splits text into token-sized pieces: `size` code points each, or words with their leading whitespace.
 * @internal
 */
export function splitTokens(text: string, size?: number): string[] {
  if (text === '') return [];
  if (size !== undefined && size > 0) {
    const points = Array.from(text);
    const pieces: string[] = [];
    for (let i = 0; i < points.length; i += size) pieces.push(points.slice(i, i + size).join(''));
    return pieces;
  }
  return text.match(/\s*\S+|\s+/g) ?? [text];
}

/**
 * A rough token count (4 characters per token), at least 1 for non-empty input.
 * @internal
 */
export function estimateTokens(text: string): number {
  return text === '' ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/**
 * The plan of a 200 JSON reply with `value` as its body.
 * @internal
 */
export function jsonPlan(value: unknown): ReplyPlan {
  const body = JSON.stringify(value);
  return { status: 200, headers: jsonHeaders(body), frames: [body], hasTerminal: false, delayMs: 0 };
}
