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
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A value that fits a tool's JSON Schema (every property filled in), so that a documented tool call is
 * parsed and validated by the example's own zod schema when it runs.
 */
export function sampleOf(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > 8) return {};
  const json = schema as JSONSchemaLike;
  if (json.const !== undefined) return json.const;
  if (json.enum?.length) return json.enum[0];
  const variant = json.anyOf?.[0] ?? json.oneOf?.[0];
  if (variant) return sampleOf(variant, depth + 1);
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
      return [sampleOf(json.items, depth + 1)];
    default: {
      const entries = Object.entries(json.properties ?? {});
      return Object.fromEntries(entries.map(([name, value]) => [name, sampleOf(value, depth + 1)]));
    }
  }
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
 * What the mock server answers a documented example: a short streamed story, or, when the request offers
 * function tools, a call to each with arguments that fit its schema (the legacy `function_call` when the
 * request used `functions`). Background Responses requests get a background response.
 */
export function exampleReply(request: RecordedRequest): MockReply {
  const body = isObject(request.body) ? request.body : {};
  const calls = functionTools(body).map((tool) => ({
    name: tool.name,
    arguments: sampleOf(tool.parameters) as object,
  }));
  if (request.path.endsWith('/responses')) {
    return calls.length
      ? { type: 'responses', functionCalls: calls, background: body.background === true }
      : { type: 'responses', background: body.background === true };
  }
  if (calls.length === 0) return { type: 'chat' };
  const [first] = calls;
  if (Array.isArray(body.functions) && first) return { type: 'chat', functionCall: first };
  return { type: 'chat', text: 'Let me check.', toolCalls: calls };
}
