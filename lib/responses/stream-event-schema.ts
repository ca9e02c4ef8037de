import * as z from 'zod/mini';
import { errorEventSchema, lifecycleEventSchemas, outputEventSchemas } from './lifecycle-event-schemas.js';
import { toolEventSchemas } from './tool-event-schemas.js';

function buildKnownSchemas() {
  return [
    ...lifecycleEventSchemas(),
    ...outputEventSchemas(),
    ...toolEventSchemas(),
    errorEventSchema(),
  ] as const;
}

let knownSchemas: ReturnType<typeof buildKnownSchemas> | undefined;
let schemaByType: Map<string, z.core.$ZodType> | undefined;

/**
 * The schema of every known event, built once, on first use (a chat-only app never builds them). Marked
 * free of side effects (it only caches) so a bundler drops the unions below when nothing uses them.
 */
/*#__NO_SIDE_EFFECTS__*/
function knownEventSchemas(): ReturnType<typeof buildKnownSchemas> {
  return (knownSchemas ??= buildKnownSchemas());
}

function schemasByType(): Map<string, z.core.$ZodType> {
  return (schemaByType ??= new Map(
    knownEventSchemas().map((schema): [string, z.core.$ZodType] => [
      schema.shape.type.def.values[0]!,
      schema,
    ]),
  ));
}

/**
 * Every documented Responses stream event, discriminated by `type`. Unknown keys are kept;
 * `sequence_number` is -1 when the server left it out.
 *
 * @example
 * ```ts
 * import { KnownResponseStreamEventSchema } from 'rxjs-openai-stream';
 *
 * KnownResponseStreamEventSchema.parse({ type: 'response.output_text.delta', sequence_number: 3, item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hi' });
 * ```
 */
export const KnownResponseStreamEventSchema = /*#__PURE__*/ z.discriminatedUnion('type', knownEventSchemas());
/**
 * A documented Responses stream event.
 *
 * @example
 * ```ts
 * import type { KnownResponseStreamEvent } from 'rxjs-openai-stream';
 *
 * const isText = (event: KnownResponseStreamEvent) => event.type === 'response.output_text.delta';
 * ```
 */
export type KnownResponseStreamEvent = z.infer<typeof KnownResponseStreamEventSchema>;

/**
 * An event whose `type` this library does not know (`keepalive`, or whatever OpenAI adds next). It is
 * passed through, never an error. Its own type is in `event_type` and its JSON, as received, in `payload`;
 * `type` is `'unknown'` so that a `switch (event.type)` still narrows the known events.
 *
 * @example
 * ```ts
 * import type { UnknownResponseStreamEvent } from 'rxjs-openai-stream';
 *
 * const log = (event: UnknownResponseStreamEvent) => console.debug('skipped', event.event_type, event.payload);
 * ```
 */
export interface UnknownResponseStreamEvent {
  type: 'unknown';
  /** The event's own `type`, e.g. `'keepalive'`. */
  event_type: string;
  /** Its `sequence_number`, or -1 when it has none. */
  sequence_number: number;
  /** The event's JSON as received. */
  payload: { type: string; [key: string]: unknown };
}

/**
 * Wraps an event of an unknown `type` as an {@link UnknownResponseStreamEvent} (the one place that does).
 *
 * @internal
 */
export function unknownEvent(payload: UnknownResponseStreamEvent['payload']): UnknownResponseStreamEvent {
  const sequence = payload['sequence_number'];
  return {
    type: 'unknown',
    event_type: payload.type,
    sequence_number: typeof sequence === 'number' ? sequence : -1,
    payload,
  };
}

/** Schema of {@link UnknownResponseStreamEvent}: accepts any object whose `type` is not a known one. */
const UnknownResponseStreamEventSchema = /*#__PURE__*/ unknownEventSchema();

/** Builds the schema above; a function so that a bundler sees the `.check` call as free of side effects. */
/*#__NO_SIDE_EFFECTS__*/
function unknownEventSchema() {
  return z.pipe(
    z.looseObject({
      type: z.string().check(z.refine((type) => !schemasByType().has(type), 'a known event type')),
    }),
    z.transform(unknownEvent),
  );
}

/**
 * Schema of one Responses stream event: a known event validated by its own schema, or any other object
 * with a string `type` turned into an {@link UnknownResponseStreamEvent}. A known `type` with bad fields
 * fails.
 *
 * @example
 * ```ts
 * import { ResponseStreamEventSchema } from 'rxjs-openai-stream';
 *
 * const event = ResponseStreamEventSchema.parse({ type: 'keepalive', sequence_number: 4 });
 * console.log(event.type === 'unknown' && event.event_type); // 'keepalive'
 * ```
 */
export const ResponseStreamEventSchema = /*#__PURE__*/ z.union([
  KnownResponseStreamEventSchema,
  UnknownResponseStreamEventSchema,
]);

/**
 * One event of a Responses stream: a {@link KnownResponseStreamEvent} or an
 * {@link UnknownResponseStreamEvent}, discriminated by `type`.
 *
 * @example
 * ```ts
 * import type { ResponseStreamEvent } from 'rxjs-openai-stream';
 *
 * const text = (event: ResponseStreamEvent) => (event.type === 'response.output_text.delta' ? event.delta : '');
 * ```
 */
export type ResponseStreamEvent = KnownResponseStreamEvent | UnknownResponseStreamEvent;

/**
 * The `type` strings of the documented events.
 *
 * @example
 * ```ts
 * import type { ResponseStreamEventType } from 'rxjs-openai-stream';
 *
 * const terminal: ResponseStreamEventType[] = ['response.completed', 'response.incomplete', 'response.failed'];
 * ```
 */
export type ResponseStreamEventType = KnownResponseStreamEvent['type'];

/**
 * The event type whose `type` is `T`.
 *
 * @example
 * ```ts
 * import type { ResponseStreamEventOf } from 'rxjs-openai-stream';
 *
 * const delta = (event: ResponseStreamEventOf<'response.output_text.delta'>) => event.delta;
 * ```
 */
export type ResponseStreamEventOf<T extends ResponseStreamEvent['type']> = Extract<
  ResponseStreamEvent,
  { type: T }
>;

/**
 * The schema of the known event `type`, or `undefined` for an unknown one.
 *
 * @internal
 */
export function knownEventSchema(type: string): z.ZodMiniType<KnownResponseStreamEvent> | undefined {
  return schemasByType().get(type) as z.ZodMiniType<KnownResponseStreamEvent> | undefined;
}
