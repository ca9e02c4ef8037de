import { safeParse, type core } from 'zod/mini';
import { ToolArgumentsError } from '../errors/tool-arguments-error.js';

/**
 * zod schemas of tool arguments, by tool name: `{ get_weather: WeatherArgs }`. Classic zod (`'zod'`) and
 * `zod/mini` schemas both work.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import * as zm from 'zod/mini';
 * import type { ToolSchemas } from 'rxjs-openai-stream';
 *
 * const tools = {
 *   get_weather: z.object({ city: z.string() }),
 *   get_time: zm.object({ zone: zm.string() }),
 * } satisfies ToolSchemas;
 * ```
 */
export type ToolSchemas = Record<string, core.$ZodType>;

/** The identity of a complete call, as far as errors need it. @internal */
export interface CallIdentity {
  name: string;
  id: string | null;
  arguments: string;
}

/**
 * Parses complete arguments: JSON first (empty or blank arguments, which some servers send for tools
 * without parameters, read as `{}`), then the tool's schema when `schemas` has one.
 *
 * @throws {@link ToolArgumentsError} for invalid JSON or a schema failure.
 * @internal
 */
export function parseToolArguments(
  call: CallIdentity,
  schemas: ToolSchemas | undefined,
): { validated: boolean; parsed: unknown } {
  const label = `Tool call "${call.name}"${call.id ? ` (${call.id})` : ''}`;
  const init = { toolName: call.name, callId: call.id, rawArguments: call.arguments };
  let json: unknown;
  try {
    json = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch (cause) {
    throw new ToolArgumentsError(
      `${label} has arguments that are not valid JSON (${call.arguments.length} characters)`,
      { ...init, cause },
    );
  }
  const schema = schemas && Object.hasOwn(schemas, call.name) ? schemas[call.name] : undefined;
  if (!schema) return { validated: false, parsed: json };
  const result = safeParse(schema, json);
  if (result.success) return { validated: true, parsed: result.data };
  const summary = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new ToolArgumentsError(`${label} has arguments that fail its schema: ${summary}`, {
    ...init,
    issues: result.error.issues,
  });
}
