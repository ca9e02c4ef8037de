import type { core } from 'zod/mini';
import { INVALID, runtimeParser, type Parser } from './with-fast-parser.js';

// The object part of compile-parser.ts: the shape every wire schema is made of, so the one that matters.

type Schema = core.$ZodType;
type Def = Record<string, unknown> & { type: string; checks?: unknown[] };

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

interface Field {
  key: string;
  bit: number;
  parse: Parser;
  /** Whether a missing key is left out (optional), parsed as `undefined` (default, catch) or a failure. */
  missing: 'omit' | 'parse' | 'fail';
  /** Whether a missing key whose parse gives `undefined` still gets the key (a default of `undefined`). */
  keepUndefined: boolean;
  /** The `typeof` of a present value that is valid as it is, checked inline without calling `parse`. */
  fastType: string | undefined;
  /** Whether a present `null` is valid as it is. */
  fastNull: boolean;
}

/**
 * Compiles an object schema (strip or loose; any other catch-all goes to zod's runtime), its fields with
 * `compileField`. The parser builds the object as zod does: every key of the shape validated (a missing optional key stays missing, a
 * missing defaulted one gets its default), and for a loose object every other key's value by reference.
 * One `for...in` over the input finds the declared keys (V8 reads them fast from its enum cache); a
 * declared key it did not see is looked up as zod does (`in`: inherited or non-enumerable). Keys keep the
 * input's order.
 *
 * @internal
 */
export function compileObject(schema: Schema, compileField: (schema: Schema) => Parser): Parser {
  const def = defOf(schema);
  const catchall = def['catchall'] as Schema | undefined;
  const loose =
    catchall !== undefined && defOf(catchall).type === 'unknown' && !defOf(catchall).checks?.length;
  if (catchall !== undefined && !loose) return runtimeParser(schema);
  const shape = def['shape'] as Record<string, Schema>;
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0 || keys.length > 30 || keys.includes('__proto__'))
    return runtimeParser(schema);
  const fields = keys.map((key, index): Field => {
    const { optin, optout } = shape[key]!._zod;
    return {
      key,
      bit: 1 << index,
      parse: compileField(shape[key]!),
      missing:
        optin === undefined ? 'fail' : optin === 'optional' && optout === 'optional' ? 'omit' : 'parse',
      keepUndefined: optin === 'defaulted' && optout !== 'optional',
      ...fastPath(shape[key]!),
    };
  });
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const all = 2 ** keys.length - 1;
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return INVALID;
    const record = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let seen = 0;
    for (const key in record) {
      const field = byKey.get(key);
      if (field === undefined) {
        if (loose && key !== '__proto__') out[key] = record[key];
        continue;
      }
      const raw = record[key];
      const type = typeof raw;
      const value =
        (type === field.fastType && (type !== 'number' || Number.isFinite(raw))) ||
        (raw === null && field.fastNull)
          ? raw
          : field.parse(raw);
      if (value === INVALID) return INVALID;
      out[key] = value;
      seen |= field.bit;
    }
    if (seen !== all) {
      for (const field of fields) {
        if (seen & field.bit) continue;
        if (field.key in record) return INVALID;
        if (field.missing === 'omit') continue;
        if (field.missing === 'fail') return INVALID;
        const value = field.parse(undefined);
        if (value === INVALID) return INVALID;
        if (value !== undefined || field.keepUndefined) out[field.key] = value;
      }
    }
    return out;
  };
}

/**
 * The values a field's schema accepts unchanged, to check them inline: a string, number or boolean
 * schema without checks, under any optional, nullable and default wrappers (these only act on `undefined`
 * and `null`).
 */
function fastPath(schema: Schema): { fastType: string | undefined; fastNull: boolean } {
  let def = defOf(schema);
  let fastNull = false;
  while (
    !def.checks?.length &&
    (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')
  ) {
    if (def.type === 'optional' && (def['innerType'] as Schema)._zod.optin === 'defaulted') break;
    fastNull ||= def.type === 'nullable';
    def = defOf(def['innerType'] as Schema);
  }
  const primitive =
    ['string', 'number', 'boolean'].includes(def.type) && !def.checks?.length && !def['coerce'];
  return { fastType: primitive ? def.type : undefined, fastNull: primitive && fastNull };
}
