// How a partial object may be shown at one place of a zod schema. Only three shapes can be shown while
// incomplete without ever showing a value that later turns out different: an object (its complete fields),
// an array (its complete elements) and a plain string (its text so far, which only grows). Everything
// else (numbers, enums, literals, unions, transforms, records, tuples, ...) is shown once complete.
import type * as z from 'zod';

type Def = { type: string; [key: string]: unknown };

/** The shape of a schema, for partial objects. @internal */
export type SchemaShape =
  | { kind: 'object'; fields: Readonly<Record<string, z.core.$ZodType>> }
  | { kind: 'array'; element: z.core.$ZodType }
  | { kind: 'string' }
  | { kind: 'opaque' };

/** Wrappers that leave an object, array or string value as it is (they only matter for absent values). */
const TRANSPARENT = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional']);

const OPAQUE: SchemaShape = { kind: 'opaque' };
const STRING: SchemaShape = { kind: 'string' };

/** The shape of `schema`, through optional/nullable/default/readonly wrappers and `z.lazy`. @internal */
export function shapeOf(schema: z.core.$ZodType): SchemaShape {
  let current = schema;
  for (let hops = 0; hops < 64; hops++) {
    const def = current._zod.def as unknown as Def;
    if (TRANSPARENT.has(def.type)) current = def['innerType'] as z.core.$ZodType;
    else if (def.type === 'lazy') current = (def['getter'] as () => z.core.$ZodType)();
    else if (def.type === 'object')
      return { kind: 'object', fields: def['shape'] as Record<string, z.core.$ZodType> };
    else if (def.type === 'array') return { kind: 'array', element: def['element'] as z.core.$ZodType };
    else if (def.type === 'string') return rewrites(def) ? OPAQUE : STRING;
    else return OPAQUE;
  }
  return OPAQUE;
}

/** True for a string schema with checks that rewrite the value (`trim()`, `toLowerCase()`, ...). */
function rewrites(def: Def): boolean {
  const checks = (def['checks'] ?? []) as Array<{ _zod: { def: { check: string } } }>;
  return checks.some((check) => check._zod.def.check === 'overwrite');
}
