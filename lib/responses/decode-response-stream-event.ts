import type { APIErrorInit } from '../errors/api-error.js';
import { ChunkValidationError } from '../errors/validation.js';
import { parseJSONFrame, schemaError } from '../http/frames.js';
import type { ServerSentEvent } from '../sse/types.js';
import {
  knownEventSchema,
  unknownEvent,
  type ResponseStreamEvent,
  type UnknownResponseStreamEvent,
} from './stream-event-schema.js';

type Context = APIErrorInit;

/**
 * Decodes the data of one SSE event into a Responses stream event: JSON-parses it, dispatches on its
 * `type` (or on the SSE `event:` name when the JSON has none), validates known types and wraps unknown
 * ones.
 *
 * @throws ChunkParseError when the data is not JSON; ChunkValidationError when it is not an object with a
 *   `type`, or when a known event fails its schema.
 * @internal
 */
export function decodeResponseStreamEvent(
  sse: ServerSentEvent,
  eventIndex: number,
  context: Context = {},
): ResponseStreamEvent {
  const json = parseJSONFrame(sse.data, eventIndex, context);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(eventIndex, 'is not a JSON object', context);
  }
  const record = json as Record<string, unknown>;
  const type =
    typeof record['type'] === 'string' ? record['type'] : sse.event !== 'message' ? sse.event : undefined;
  if (type === undefined) throw invalid(eventIndex, 'has no "type"', context);
  const payload = record['type'] === type ? record : { ...record, type };
  const schema = knownEventSchema(type);
  if (!schema) return unknownEvent(payload as UnknownResponseStreamEvent['payload']);
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const problem = `SSE event ${eventIndex} is not a valid ${type} event`;
  throw schemaError(problem, result.error.issues, eventIndex, context);
}

function invalid(eventIndex: number, what: string, context: Context): ChunkValidationError {
  const message = `SSE event ${eventIndex} ${what}`;
  return new ChunkValidationError(message, { ...context, issues: [], eventIndex });
}
