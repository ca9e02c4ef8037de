import * as z from 'zod/mini';
import { withCompiledParser } from '../json/compile-parser.js';

type Shape = z.core.$ZodLooseShape;

/**
 * The schema of one Responses stream event: a loose object with the literal `type` and a
 * `sequence_number` that defaults to -1 when a server leaves it out, with its compiled fast path (one
 * event is parsed per streamed delta).
 *
 * @internal
 */
export function eventSchema<T extends string, S extends Shape>(type: T, shape: S) {
  return withCompiledParser(
    z.looseObject({ type: z.literal(type), sequence_number: z._default(z.number(), -1), ...shape }),
  );
}

/** The schema {@link eventSchema} builds for `type` and `shape`. @internal */
export type EventSchema<T extends string, S extends Shape> = ReturnType<typeof eventSchema<T, S>>;

/**
 * One event schema per name, all with the same `shape`: `eventFamily('response.mcp_call.', ['completed',
 * 'failed'], shape)` gives `response.mcp_call.completed` and `response.mcp_call.failed`.
 *
 * @internal
 */
export function eventFamily<P extends string, const N extends readonly string[], S extends Shape>(
  prefix: P,
  names: N,
  shape: S,
): { -readonly [K in keyof N]: EventSchema<`${P}${N[K]}`, S> } {
  return names.map((name) => eventSchema(prefix + name, shape)) as never;
}

/**
 * The `delta` and `done` events of one streamed string: `<prefix>delta` carries `delta`, `<prefix>done`
 * the whole string in `doneField` (plus `doneExtra`). Both carry `fields`.
 *
 * @internal
 */
export function deltaAndDone<
  P extends string,
  S extends Shape,
  F extends string,
  E extends Shape = Record<never, never>,
>(prefix: P, fields: S, doneField: F, doneExtra?: E) {
  return [
    eventSchema(`${prefix}delta`, { ...fields, delta: z.string() }),
    eventSchema(`${prefix}done`, {
      ...fields,
      ...(doneExtra as E),
      ...({ [doneField]: z.string() } as { [K in F]: z.ZodMiniString }),
    }),
  ] as const;
}

/** Fields of every event about one output item. @internal */
export const itemFields = () => ({ item_id: z._default(z.string(), ''), output_index: z.number() });

/** Fields of every event about one content part of an output item. @internal */
export const partFields = () => ({ ...itemFields(), content_index: z._default(z.number(), 0) });

/** Fields of every reasoning-summary event. @internal */
export const summaryFields = () => ({ ...itemFields(), summary_index: z._default(z.number(), 0) });
