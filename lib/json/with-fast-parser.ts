import type { core } from 'zod/mini';

// Why: zod's own hook for this, `withParser`, clones the schema and walks it for cycles, which costs about
// 1.6 KB gzipped in a browser bundle. This installs the fast path in place, on a schema we just built,
// through `_zod.run`, the function every zod schema is run by (its own and its parents' parses).

/** A fast parser: the parsed value, or {@link INVALID} to hand the input to zod's runtime. @internal */
export type Parser = (input: unknown) => unknown;

/** What a {@link Parser} returns for input it leaves to zod's runtime. @internal */
export const INVALID: unknown = Symbol('invalid');

type Run = core.$ZodType['_zod']['run'];

/** The runtime `run` of each schema that got a fast path, for the parsers that need zod's runtime. */
const runtimeRuns = new WeakMap<core.$ZodType, Run>();

/**
 * zod's runtime as a parser (its own `run`, also after {@link withFastParser} replaced it): for the kinds
 * the compiled parsers do not model (transforms, pipes, catch, checks, ...).
 *
 * @internal
 */
export function runtimeParser(schema: core.$ZodType): Parser {
  const run = runtimeRuns.get(schema) ?? schema._zod.run;
  return (input) => {
    const result = run({ value: input, issues: [] }, {});
    return result instanceof Promise || result.issues.length > 0 ? INVALID : result.value;
  };
}

/**
 * Gives `schema` (in place) a fast path for valid input: `build(schema)`, called on the first parse, makes a
 * parser that returns the parsed value, or {@link INVALID} when zod's runtime must decide (and report the
 * issues). Encoding and async parses always take the runtime. A clone of the schema (`z.extend`, `.check`,
 * ...) has zod's runtime only: correct, without the fast path. Use the schema it returns: bundlers may
 * drop a call whose result is unused.
 *
 * @internal
 */
/*#__NO_SIDE_EFFECTS__*/
export function withFastParser<T extends core.$ZodType>(
  schema: T,
  build: (schema: core.$ZodType) => Parser,
): T {
  const internals = schema._zod;
  const run = internals.run;
  let parse: Parser | undefined;
  runtimeRuns.set(schema, run);
  internals.run = (payload, ctx) => {
    if (ctx?.direction !== 'backward' && !ctx?.async) {
      const value = (parse ??= build(schema))(payload.value);
      if (value !== INVALID) {
        payload.value = value;
        return payload;
      }
    }
    return run(payload, ctx);
  };
  return schema;
}
