import type * as z from 'zod';
import { isZodSchema } from '../tools/json-schema.js';
import { shapeOf } from './schema-shape.js';

/** Checks an operator's schema (and the array key of an element stream) at call time. @internal */
export function checkAnswerSchema(
  where: string,
  schema: unknown,
  key?: unknown,
): asserts schema is z.core.$ZodType {
  if (!isZodSchema(schema)) throw new TypeError(`${where}: the schema must be a zod schema`);
  if (key === undefined) return;
  const shape = shapeOf(schema);
  const field =
    shape.kind === 'object' && typeof key === 'string' && Object.hasOwn(shape.fields, key)
      ? shape.fields[key]
      : undefined;
  if (!field || shapeOf(field).kind !== 'array')
    throw new TypeError(`${where}: "${String(key)}" must be the key of an array field of the object schema`);
}
