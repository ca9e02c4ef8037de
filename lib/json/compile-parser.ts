import type { core } from 'zod/mini';
import { compileObject } from './compile-object.js';
import { INVALID, runtimeParser, withFastParser, type Parser } from './with-fast-parser.js';

// Why: zod's interpreted parser allocates a payload per property and, for loose objects, runs a schema per
// unknown key; zod's own `compile()` needs `new Function` (blocked by strict CSPs) and about 10 KB. This
// turns the few schema kinds our wire schemas use into plain closures, once: a valid value takes the
// closures (building fresh objects and arrays, unknown keys' values by reference), anything else goes to
// zod's runtime, which decides and reports the issues. A kind it does not model is run by zod's runtime.

type Def = Record<string, unknown> & { type: string; checks?: unknown[] };
type Schema = core.$ZodType;

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

/**
 * Compiles `schema` to a {@link Parser}. Modelled exactly: objects (strip or loose), arrays, strings,
 * numbers, booleans, literals, `unknown`, optional, nullable and default, all without checks. Everything
 * else (unions, pipes, transforms, catch, checks, ...) is run by zod's runtime, whose `run` still takes
 * the fast path of any part that has one.
 *
 * @internal
 */
export function compileParser(schema: Schema): Parser {
  if (compiling.has(schema)) return runtimeParser(schema);
  compiling.add(schema);
  try {
    return compileKind(schema);
  } finally {
    compiling.delete(schema);
  }
}

/** Schemas being compiled: one met again is recursive (a getter in a shape), left to zod's runtime. */
const compiling = new Set<Schema>();

function compileKind(schema: Schema): Parser {
  const def = defOf(schema);
  if (def.checks?.length) return runtimeParser(schema);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return def['coerce'] ? runtimeParser(schema) : primitive(def.type);
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
      if (innerType._zod.optin === 'defaulted') return runtimeParser(schema);
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
      return compileObject(schema, compileParser);
    default:
      return runtimeParser(schema);
  }
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

/**
 * `schema`, given in place a fast path compiled (see {@link compileParser}) on its first parse. It stays a
 * zod schema like any other: same type, same issues, same `parse`/`safeParse`.
 *
 * @internal
 */
/*#__NO_SIDE_EFFECTS__*/
export function withCompiledParser<T extends Schema>(schema: T): T {
  return withFastParser(schema, compileParser);
}
