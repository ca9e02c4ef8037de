import * as z from 'zod/mini';

// Why: zod's interpreted parser allocates a payload per property and, for loose objects, runs a schema per
// unknown key; zod's own `compile()` needs `new Function` (blocked by strict CSPs) and about 10 KB. This
// turns the few schema kinds our wire schemas use into plain closures, once, and hands zod the result via
// `withParser`: a valid value takes the closures, anything else goes to zod's runtime, which decides and
// reports the issues. A kind it does not model is run by zod's runtime as a black box.

/** A compiled parser: the parsed value (always a fresh object or array), or `z.INVALID`. @internal */
export type Parser = (input: unknown) => unknown;

const INVALID: unknown = z.INVALID;

type Def = Record<string, unknown> & { type: string; checks?: unknown[] };
type Schema = z.core.$ZodType;

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Compiles `schema` to a {@link Parser}. Modelled exactly: objects (strip or loose), arrays, strings,
 * numbers, booleans, literals, `unknown`, optional, nullable, default, unions and discriminated unions,
 * all without checks. Everything else is run by zod's runtime.
 *
 * @internal
 */
export function compileParser(schema: Schema): Parser {
  const def = defOf(schema);
  if (def.checks?.length) return runtime(schema);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return def['coerce'] ? runtime(schema) : primitive(def.type);
    case 'unknown':
    case 'any':
      return (input) => input;
    case 'literal': {
      const values = new Set(def['values'] as unknown[]);
      return (input) => (values.has(input) ? input : INVALID);
    }
    case 'nullable': {
      const inner = compileParser(def['innerType'] as Schema);
      return (input) => (input === null ? null : inner(input));
    }
    case 'optional': {
      const innerType = def['innerType'] as Schema;
      if (innerType._zod.optin === 'defaulted') return runtime(schema);
      const inner = compileParser(innerType);
      return (input) => (input === undefined ? undefined : inner(input));
    }
    case 'default':
      return withDefault(def);
    case 'array': {
      const element = compileParser(def['element'] as Schema);
      return (input) => (Array.isArray(input) ? mapArray(input, element) : INVALID);
    }
    case 'object':
      return object(schema, def);
    case 'union':
      return union(schema, def);
    default:
      return runtime(schema);
  }
}

/** zod's runtime as a parser: for the kinds not modelled here (transforms, pipes, catch, checks, ...). */
function runtime(schema: Schema): Parser {
  return (input) => {
    const result = schema._zod.run({ value: input, issues: [] }, {});
    return result instanceof Promise || result.issues.length > 0 ? INVALID : result.value;
  };
}

function primitive(type: string): Parser {
  if (type === 'number')
    return (input) => (typeof input === 'number' && Number.isFinite(input) ? input : INVALID);
  return (input) => (typeof input === type ? input : INVALID);
}

function withDefault(def: Def): Parser {
  const inner = compileParser(def['innerType'] as Schema);
  // `defaultValue` is a getter that returns a fresh shallow copy each time.
  return (input) => {
    if (input === undefined) return def['defaultValue'];
    const value = inner(input);
    return value === undefined ? def['defaultValue'] : value;
  };
}

function mapArray(input: unknown[], element: Parser): unknown {
  const out = new Array<unknown>(input.length);
  for (let i = 0; i < input.length; i++) {
    const value = element(input[i]);
    if (value === INVALID) return INVALID;
    out[i] = value;
  }
  return out;
}

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
 * An object as zod builds it: every key of the shape validated (a missing optional key stays missing, a
 * missing defaulted one gets its default), and for a loose object every other key's value by reference.
 * One `for...in` over the input finds the declared keys (V8 reads them fast from its enum cache); a
 * declared key it did not see is looked up as zod does (`in`: inherited or non-enumerable). Keys keep the
 * input's order.
 */
function object(schema: Schema, def: Def): Parser {
  const catchall = def['catchall'] as Schema | undefined;
  const loose =
    catchall !== undefined && defOf(catchall).type === 'unknown' && !defOf(catchall).checks?.length;
  if (catchall !== undefined && !loose) return runtime(schema);
  const shape = def['shape'] as Record<string, Schema>;
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0 || keys.length > 30 || keys.includes('__proto__'))
    return runtime(schema);
  const fields = keys.map((key, index): Field => {
    const { optin, optout } = shape[key]!._zod;
    return {
      key,
      bit: 1 << index,
      parse: compileParser(shape[key]!),
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

/** A union: the first option that accepts the input; a discriminated union picks the option by its tag. */
function union(schema: Schema, def: Def): Parser {
  const options = def['options'] as Schema[];
  const discriminator = def['discriminator'] as string | undefined;
  if (discriminator === undefined) {
    if (def['inclusive'] === false) return runtime(schema);
    const parsers = options.map(compileParser);
    return (input) => {
      for (const parse of parsers) {
        const value = parse(input);
        if (value !== INVALID) return value;
      }
      return INVALID;
    };
  }
  const byTag = new Map<unknown, Parser>();
  for (const option of options) {
    const tags = option._zod.propValues?.[discriminator];
    if (!tags) return runtime(schema);
    const parse = compileParser(option);
    for (const tag of tags) if (tag !== undefined && !byTag.has(tag)) byTag.set(tag, parse);
  }
  return (input) => {
    if (!isObject(input)) return INVALID;
    const parse = byTag.get(input[discriminator]);
    return parse ? parse(input) : INVALID;
  };
}

/**
 * `schema` with a compiled fast path (see {@link compileParser}), compiled on its first parse. The result
 * is a zod schema like any other: same type, same issues, same `parse`/`safeParse`.
 *
 * @internal
 */
/*#__NO_SIDE_EFFECTS__*/
export function withCompiledParser<T extends Schema>(schema: T): T {
  let parse: Parser | undefined;
  return z.withParser(schema, (input) => (parse ??= compileParser(schema))(input) as z.core.output<T>);
}
