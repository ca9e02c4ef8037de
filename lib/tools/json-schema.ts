// zod schema -> the JSON Schema a model is given (tool parameters, response formats). The model writes the
// schema's input, so the conversion uses zod's `io: 'input'` view (a transformed field is described by what
// it accepts). Strict mode (OpenAI's Structured Outputs) needs every property required and no extra
// properties; a schema that cannot meet that is refused at once, naming the field, rather than by the API.
import * as z from 'zod';
import type { JSONSchema } from '../chat/schemas/index.js';

type Node = Record<string, unknown>;

/** True for a zod schema, classic (`zod`) or mini (`zod/mini`). @internal */
export function isZodSchema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/**
 * The JSON Schema of a zod object schema, for a model: no `$schema`, `additionalProperties: false` on
 * every object that does not say otherwise, and, when `strict`, checked against Structured Outputs'
 * rules (`oneOf` becomes the equivalent `anyOf`). Throws a `TypeError` that starts with `where`.
 *
 * @internal
 */
export function jsonSchemaOf(where: string, schema: unknown, strict: boolean): JSONSchema {
  if (!isZodSchema(schema)) throw new TypeError(`${where} must be a zod schema`);
  let json: Node;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as Node;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`${where} cannot be described as JSON Schema: ${reason}`, { cause: error });
  }
  delete json['$schema'];
  if (json['type'] !== 'object')
    throw new TypeError(`${where} must be an object schema (z.object), as the API requires`);
  visit(json, '', (node, path) => {
    if (node['type'] === 'object' && !('additionalProperties' in node)) node['additionalProperties'] = false;
    if (strict) checkStrict(where, node, path);
  });
  return json;
}

function checkStrict(where: string, node: Node, path: string): void {
  const at = path === '' ? 'the root object' : `"${path}"`;
  if (Array.isArray(node['oneOf'])) {
    node['anyOf'] = node['oneOf'];
    delete node['oneOf'];
  }
  if (node['type'] !== 'object') return;
  if (node['additionalProperties'] !== false)
    throw new TypeError(
      `${where}: ${at} allows extra properties (a record or loose object), which strict mode does not support`,
    );
  const required = new Set(Array.isArray(node['required']) ? (node['required'] as string[]) : []);
  for (const key of Object.keys((node['properties'] as Node | undefined) ?? {})) {
    if (!required.has(key))
      throw new TypeError(
        `${where}: "${path === '' ? key : `${path}.${key}`}" is optional (or has a default), which strict mode ` +
          'does not support: make it required, and .nullable() if it may be absent',
      );
  }
}

/** Calls `visit` on every subschema (properties, items, unions, definitions), depth first. */
function visit(node: Node, path: string, callback: (node: Node, path: string) => void): void {
  callback(node, path);
  const child = (value: unknown, childPath: string) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      visit(value as Node, childPath, callback);
  };
  const join = (key: string) => (path === '' ? key : `${path}.${key}`);
  for (const [key, value] of Object.entries((node['properties'] as Node | undefined) ?? {}))
    child(value, join(key));
  for (const key of ['$defs', 'definitions'])
    for (const [name, value] of Object.entries((node[key] as Node | undefined) ?? {})) child(value, name);
  child(node['items'], join('[]'));
  child(node['additionalProperties'], join('*'));
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const list = node[key];
    if (Array.isArray(list)) for (const entry of list) child(entry, path);
  }
}
