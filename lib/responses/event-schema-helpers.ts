import * as z from 'zod';

/**
 * The schema of one Responses stream event: a loose object with the literal `type` and a
 * `sequence_number` that defaults to -1 when a server leaves it out.
 *
 * @internal
 */
export function eventSchema<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.looseObject({ type: z.literal(type), sequence_number: z.number().default(-1), ...shape });
}

/** Fields of every event about one output item. @internal */
export const itemFields = { item_id: z.string().default(''), output_index: z.number() };

/** Fields of every event about one content part of an output item. @internal */
export const partFields = { ...itemFields, content_index: z.number().default(0) };

/** Fields of every reasoning-summary event. @internal */
export const summaryFields = { ...itemFields, summary_index: z.number().default(0) };
