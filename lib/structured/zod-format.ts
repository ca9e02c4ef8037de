import type * as z from 'zod';
import type { JSONSchema } from '../chat/schemas/index.js';
import { jsonSchemaOf } from '../tools/json-schema.js';

/**
 * Options of {@link zodResponseFormat} and {@link zodTextFormat}.
 *
 * @example
 * ```ts
 * import type { ZodFormatOptions } from 'rxjs-openai-stream';
 *
 * const options: ZodFormatOptions = { description: 'A recipe with its steps' };
 * ```
 */
export interface ZodFormatOptions {
  /** Tells the model what the format is for. */
  description?: string;
  /**
   * Structured Outputs' strict mode: the model can only produce JSON that matches the schema. Every field
   * must then be required (use `.nullable()` for one that may be absent) and objects closed.
   *
   * @defaultValue true
   */
  strict?: boolean;
}

/**
 * The chat `response_format` made by {@link zodResponseFormat}.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { zodResponseFormat, type ZodResponseFormat } from 'rxjs-openai-stream';
 *
 * const format: ZodResponseFormat = zodResponseFormat(z.object({ answer: z.string() }), 'answer');
 * ```
 */
export interface ZodResponseFormat {
  type: 'json_schema';
  json_schema: { name: string; schema: JSONSchema; strict: boolean; description?: string };
}

/**
 * The Responses `text.format` made by {@link zodTextFormat}.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { zodTextFormat, type ZodTextFormat } from 'rxjs-openai-stream';
 *
 * const format: ZodTextFormat = zodTextFormat(z.object({ answer: z.string() }), 'answer');
 * ```
 */
export interface ZodTextFormat {
  type: 'json_schema';
  name: string;
  schema: JSONSchema;
  strict: boolean;
  description?: string;
  [key: string]: unknown;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function parts(where: string, schema: z.core.$ZodType, name: string, options: ZodFormatOptions) {
  if (typeof name !== 'string' || !NAME.test(name))
    throw new TypeError(`${where}: "name" must be 1 to 64 letters, digits, "_" or "-"`);
  const strict = options.strict ?? true;
  const json = jsonSchemaOf(`${where}: the schema`, schema, strict);
  const description = options.description === undefined ? {} : { description: options.description };
  return { name, schema: json, strict, ...description };
}

/**
 * The chat `response_format` for a zod object schema (classic or `zod/mini`): its JSON Schema (zod 4's
 * `toJSONSchema`, describing what the model must write), in strict mode unless told otherwise. Read the
 * answer with `partialObject(schema)`, `finalObject(schema)` or `elementStream(schema, key)`, which
 * validate with the same schema. Throws a `TypeError` for a bad name or a schema that strict mode cannot
 * express (an optional field, a record), naming the field.
 *
 * @param schema - a zod object schema.
 * @param name - the format's name: 1 to 64 letters, digits, `_` or `-`.
 * @param options - {@link ZodFormatOptions}
 * @returns `{ type: 'json_schema', json_schema: { name, schema, strict } }`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, finalObject, zodResponseFormat } from 'rxjs-openai-stream';
 *
 * const Recipe = z.object({ title: z.string(), steps: z.array(z.string()) });
 * createClient()
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'A pancake recipe' }],
 *     response_format: zodResponseFormat(Recipe, 'recipe'), stream: true })
 *   .pipe(finalObject(Recipe))
 *   .subscribe((recipe) => console.log(recipe.title, recipe.steps.length));
 * ```
 */
export function zodResponseFormat(
  schema: z.core.$ZodType,
  name: string,
  options: ZodFormatOptions = {},
): ZodResponseFormat {
  return { type: 'json_schema', json_schema: parts('zodResponseFormat', schema, name, options) };
}

/**
 * The Responses `text.format` for a zod object schema (classic or `zod/mini`), as
 * {@link zodResponseFormat} makes the chat `response_format`. Read the answer with
 * `responsePartialObject(schema)`, `responseFinalObject(schema)` or `responseElementStream(schema, key)`.
 *
 * @param schema - a zod object schema.
 * @param name - the format's name: 1 to 64 letters, digits, `_` or `-`.
 * @param options - {@link ZodFormatOptions}
 * @returns `{ type: 'json_schema', name, schema, strict }`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, responseFinalObject, zodTextFormat } from 'rxjs-openai-stream';
 *
 * const Answer = z.object({ answer: z.string(), confidence: z.number() });
 * createClient()
 *   .responses.create({ model: 'gpt-4o', input: 'Is the sky blue?', text: { format: zodTextFormat(Answer, 'answer') }, stream: true })
 *   .pipe(responseFinalObject(Answer))
 *   .subscribe(({ answer, confidence }) => console.log(answer, confidence));
 * ```
 */
export function zodTextFormat(
  schema: z.core.$ZodType,
  name: string,
  options: ZodFormatOptions = {},
): ZodTextFormat {
  return { type: 'json_schema', ...parts('zodTextFormat', schema, name, options) };
}
