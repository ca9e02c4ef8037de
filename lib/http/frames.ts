import type * as z from 'zod/mini';
import type { APIErrorInit } from '../errors/api-error.js';
import { ChunkValidationError } from '../errors/validation.js';
import { chunkParseError, parseFrame } from '../json/parse-frame.js';

/**
 * The JSON of one SSE event, or a `ChunkParseError` naming the event and where the JSON broke (never the
 * payload, which V8's own message would quote). Shared by the chat and Responses decoders.
 */
export function parseJSONFrame(data: string, eventIndex: number, context: APIErrorInit): unknown {
  const parsed = parseFrame(data);
  if (!parsed.ok) throw chunkParseError(parsed, data, eventIndex, context);
  return parsed.value;
}

/** The `ChunkValidationError` for a value that failed its schema: the first issue's path and message. */
export function schemaError(
  problem: string,
  issues: readonly z.core.$ZodIssue[],
  eventIndex: number,
  context: APIErrorInit,
): ChunkValidationError {
  const first = issues[0];
  const path = first && first.path.length ? first.path.join('.') : '(root)';
  return new ChunkValidationError(`${problem}: ${path}: ${first?.message ?? 'invalid'}`, {
    ...context,
    issues: [...issues],
    eventIndex,
  });
}
