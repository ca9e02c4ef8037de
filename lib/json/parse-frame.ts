import type { APIErrorInit } from '../errors/api-error.js';
import { ChunkParseError } from '../errors/validation.js';
import { jsonErrorPosition } from './json-error-position.js';

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

/**
 * Parses a frame's data as JSON. On failure it reports the character position where parsing stopped and
 * a short reason, but never the engine's message, which (in V8) quotes the payload. The position comes
 * from one linear scan of the text (the same in every engine), so a malformed frame costs about as much
 * as parsing it: never a search that parses prefixes again.
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
  } catch {
    const position = jsonErrorPosition(text);
    return {
      ok: false,
      position,
      reason: position === text.length ? 'unexpected end of JSON' : 'unexpected character',
    };
  }
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
