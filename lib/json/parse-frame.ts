import type { APIErrorInit } from '../errors/api-error.js';
import { ChunkParseError } from '../errors/validation.js';

/**
 * The outcome of {@link parseFrame}: the value, or where the JSON went wrong.
 *
 * @example
 * ```ts
 * import { parseFrame, type ParsedFrame } from './parse-frame.js';
 *
 * const parsed: ParsedFrame = parseFrame('{"a":1}');
 * if (parsed.ok) console.log(parsed.value);
 * ```
 */
export type ParsedFrame =
  { ok: true; value: unknown } | { ok: false; position: number | null; reason: string };

const END_OF_INPUT = /end of (json )?(input|data)|unterminated|unexpected eof/i;

/**
 * Parses a frame's data as JSON. On failure it reports the character position where parsing stopped and
 * a short reason, but never the engine's message, which (in V8) quotes the payload.
 *
 * @param text - the frame's data.
 * @returns `{ ok: true, value }`, or `{ ok: false, position, reason }`.
 *
 * @example
 * ```ts
 * import { parseFrame } from './parse-frame.js';
 *
 * parseFrame('{"a":1,}'); // { ok: false, position: 7, reason: 'unexpected character' }
 * ```
 */
export function parseFrame(text: string): ParsedFrame {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (isEndOfInput(message, text.length))
      return { ok: false, position: text.length, reason: 'unexpected end of JSON' };
    return {
      ok: false,
      position: positionIn(message) ?? firstBadPosition(text),
      reason: 'unexpected character',
    };
  }
}

function positionIn(message: string): number | null {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

function isEndOfInput(message: string, length: number): boolean {
  const position = positionIn(message);
  return END_OF_INPUT.test(message)
    ? position === null || position >= length
    : position !== null && position >= length;
}

/**
 * Finds the first position where the text stops being a valid JSON prefix by parsing prefixes (binary
 * search; only on the error path, for engines whose message names no position).
 */
function firstBadPosition(text: string): number | null {
  const bad = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      return !isEndOfInput(error instanceof Error ? error.message : '', length);
    }
  };
  if (!bad(text.length)) return null;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (bad(mid)) high = mid;
    else low = mid + 1;
  }
  return Math.max(0, low - 1);
}

/**
 * The `ChunkParseError` for SSE event data that {@link parseFrame} could not parse.
 *
 * @internal
 */
export function chunkParseError(
  parsed: Extract<ParsedFrame, { ok: false }>,
  data: string,
  eventIndex: number,
  context: APIErrorInit,
): ChunkParseError {
  const where = parsed.position === null ? '' : ` at position ${parsed.position}`;
  const message = `SSE event ${eventIndex} is not valid JSON: ${parsed.reason}${where} (${data.length} characters)`;
  return new ChunkParseError(message, {
    ...context,
    eventIndex,
    length: data.length,
  });
}
