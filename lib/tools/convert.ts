import type { ChatCompletionTool } from '../chat/schemas/index.js';
import type { ResponseTool } from '../responses/response-params.js';
import type { Tool } from './tool.js';

/** Tools by name, checked once per run. @internal */
export type ToolSet = ReadonlyMap<string, Tool>;

/**
 * Checks the `tools` option of a run (an array of `tool()` results with distinct names, none of them a
 * name already in `params.tools`) and indexes it by name. Throws a `TypeError` that starts with `where`.
 *
 * @internal
 */
export function toolSetOf(where: string, tools: unknown, taken: readonly string[] = []): ToolSet {
  if (!Array.isArray(tools)) throw new TypeError(`${where}: option "tools" must be an array of tool()`);
  const set = new Map<string, Tool>();
  for (const [index, entry] of tools.entries()) {
    const candidate = entry as Partial<Tool> | null;
    if (typeof candidate?.execute !== 'function' || typeof candidate.jsonSchema !== 'object')
      throw new TypeError(`${where}: tools[${index}] must be made by tool()`);
    const name = candidate.name as string;
    if (set.has(name) || taken.includes(name)) throw new TypeError(`${where}: two tools are named "${name}"`);
    set.set(name, candidate as Tool);
  }
  return set;
}

/** A tool as the chat API declares it: `{ type: 'function', function: { name, parameters, ... } }`. @internal */
export function toChatTool(tool: Tool): ChatCompletionTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.jsonSchema,
      ...(tool.strict === undefined ? {} : { strict: tool.strict }),
    },
  };
}

/**
 * A tool as the Responses API declares it: flat `{ type: 'function', name, parameters, strict }`. `strict`
 * is always sent, since the Responses API takes a missing one as `true`, unlike chat.
 *
 * @internal
 */
export function toResponseTool(tool: Tool): ResponseTool {
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: tool.jsonSchema,
    strict: tool.strict === true,
  };
}
