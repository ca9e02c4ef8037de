import type { MockReply, RecordedRequest } from '../../lib/testing/index.js';

/** A JSON Schema, as far as {@link sampleOf} reads it. */
interface JSONSchemaLike {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JSONSchemaLike>;
  items?: JSONSchemaLike;
  anyOf?: JSONSchemaLike[];
  oneOf?: JSONSchemaLike[];
  $ref?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * From this depth on, {@link sampleOf} ends a recursive schema: arrays are empty and a union takes its
 * `null` variant when it has one. Past twice this depth it gives up with `{}`.
 */
const MAX_DEPTH = 8;

/**
 * A value that fits a JSON Schema (every property filled in), so that a documented tool call or structured
 * answer is parsed and validated by the example's own zod schema when it runs. `$ref`s to `#` and to
 * `#/$defs/…` (what zod writes for a recursive schema) are followed.
 */
export function sampleOf(schema: unknown, depth = 0, root: unknown = schema): unknown {
  if (!isObject(schema) || depth > 2 * MAX_DEPTH) return {};
  const json = schema as JSONSchemaLike;
  const deep = depth >= MAX_DEPTH;
  if (typeof json.$ref === 'string') return sampleOf(resolveRef(root, json.$ref), depth + 1, root);
  if (json.const !== undefined) return json.const;
  if (json.enum?.length) return json.enum[0];
  const variants = json.anyOf ?? json.oneOf ?? [];
  const variant = (deep && variants.find((option) => option.type === 'null')) || variants[0];
  if (variant) return sampleOf(variant, depth + 1, root);
  const type = Array.isArray(json.type) ? json.type[0] : json.type;
  switch (type) {
    case 'string':
      return 'Paris';
    case 'number':
    case 'integer':
      return 12;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return deep ? [] : [sampleOf(json.items, depth + 1, root)];
    default: {
      const entries = Object.entries(json.properties ?? {});
      return Object.fromEntries(entries.map(([name, value]) => [name, sampleOf(value, depth + 1, root)]));
    }
  }
}

/** The subschema a local `$ref` (`#`, `#/$defs/Node`) points at, or `undefined`. */
function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const path = ref.slice(1).split('/').filter(Boolean);
  return path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
}

/** The name and parameters of each function tool of a request body (chat or Responses shape). */
function functionTools(body: Record<string, unknown>): { name: string; parameters: unknown }[] {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const legacy = Array.isArray(body.functions) ? body.functions : [];
  return [...tools, ...legacy].flatMap((tool: unknown) => {
    if (!isObject(tool)) return [];
    const fn = isObject(tool.function) ? tool.function : tool;
    return typeof fn.name === 'string' ? [{ name: fn.name, parameters: fn.parameters }] : [];
  });
}

/**
 * Whether the conversation ends with the answer of a tool (a chat `tool` or legacy `function` message, a
 * Responses `function_call_output` item): the model has what it asked for and answers.
 */
function endsWithToolOutput(body: Record<string, unknown>): boolean {
  const items = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  const last: unknown = items.at(-1);
  if (!isObject(last)) return false;
  return last.role === 'tool' || last.role === 'function' || last.type === 'function_call_output';
}

/**
 * The JSON Schema a request asks the answer to fit: the chat `response_format` or the Responses
 * `text.format`, when its type is `json_schema`.
 */
function structuredFormat(body: Record<string, unknown>): { schema: unknown } | undefined {
  const chat = body.response_format;
  if (isObject(chat) && chat.type === 'json_schema') {
    return { schema: isObject(chat.json_schema) ? chat.json_schema.schema : undefined };
  }
  const format = isObject(body.text) ? body.text.format : undefined;
  if (isObject(format) && format.type === 'json_schema') return { schema: format.schema };
  return undefined;
}

/** Characters per delta of a structured answer: small, so that an example's partial objects show. */
const STRUCTURED_TOKEN_SIZE = 8;

/**
 * What the mock server answers a documented example, as a model would:
 * - a request that offers function tools gets a call to each, with arguments that fit its schema (the
 *   legacy `function_call` when the request used `functions`), unless the conversation already ends with
 *   the tools' answers;
 * - otherwise the answer: JSON that fits the schema of a `json_schema` response format (chat
 *   `response_format`, Responses `text.format`), streamed in small pieces, or else a short story.
 *
 * Background Responses requests get a background response.
 */
export function exampleReply(request: RecordedRequest): MockReply {
  const body = isObject(request.body) ? request.body : {};
  const calls = endsWithToolOutput(body)
    ? []
    : functionTools(body).map((tool) => ({
        name: tool.name,
        arguments: sampleOf(tool.parameters) as object,
      }));
  const format = structuredFormat(body);
  const answer = format
    ? { text: JSON.stringify(sampleOf(format.schema)), tokenSize: STRUCTURED_TOKEN_SIZE }
    : {};
  if (request.path.endsWith('/responses')) {
    const background = body.background === true;
    return calls.length
      ? { type: 'responses', functionCalls: calls, background }
      : { type: 'responses', ...answer, background };
  }
  if (calls.length === 0) return { type: 'chat', ...answer };
  const [first] = calls;
  if (Array.isArray(body.functions) && first) return { type: 'chat', functionCall: first };
  // A model that must answer in JSON says nothing before its calls.
  return { type: 'chat', ...(format ? {} : { text: 'Let me check.' }), toolCalls: calls };
}
