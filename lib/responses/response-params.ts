// Request parameters of the Responses API. Plain types (requests are ours to build); every interface
// allows unknown extra keys so that a new API field needs no release of this library.

/**
 * One item of `input`: a message (`{ role, content }`), a `function_call_output` answering a call, or any
 * other documented input item.
 *
 * @example
 * ```ts
 * import type { ResponseInputItem } from 'rxjs-openai-stream';
 *
 * const items: ResponseInputItem[] = [
 *   { role: 'user', content: 'Weather in Paris?' },
 *   { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
 * ];
 * ```
 */
export type ResponseInputItem =
  | {
      type?: 'message';
      role: 'user' | 'assistant' | 'system' | 'developer';
      content: string | Array<Record<string, unknown>>;
    }
  | { type: 'function_call_output'; call_id: string; output: string | Array<Record<string, unknown>> }
  | { type: string; [key: string]: unknown };

/**
 * A tool of the Responses API: a function (flat: `{ type: 'function', name, parameters }`), a hosted tool
 * (`web_search`, `file_search`, `code_interpreter`, `image_generation`, `mcp`, ...) or a custom tool.
 *
 * @example
 * ```ts
 * import type { ResponseTool } from 'rxjs-openai-stream';
 *
 * const tool: ResponseTool = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } };
 * ```
 */
export type ResponseTool =
  | {
      type: 'function';
      name: string;
      description?: string;
      parameters?: Record<string, unknown>;
      strict?: boolean | null;
    }
  | { type: string; [key: string]: unknown };

/**
 * Parameters of `client.responses.create()`. Every common field is typed; unknown extra fields are sent
 * as they are.
 *
 * @example
 * ```ts
 * import type { ResponseCreateParams } from 'rxjs-openai-stream';
 *
 * const params: ResponseCreateParams = { model: 'gpt-4o', input: 'Write a haiku.', stream: true, background: true };
 * ```
 */
export interface ResponseCreateParams {
  model: string;
  input?: string | ResponseInputItem[];
  instructions?: string | null;
  stream?: boolean | null;
  stream_options?: { include_obfuscation?: boolean } | null;
  /** Runs the response in the background; a stream of it can be resumed (see `resume`). */
  background?: boolean | null;
  tools?: ResponseTool[];
  tool_choice?: 'none' | 'auto' | 'required' | { type: string; [key: string]: unknown };
  parallel_tool_calls?: boolean | null;
  previous_response_id?: string | null;
  conversation?: string | { id: string } | null;
  store?: boolean | null;
  include?: string[] | null;
  max_output_tokens?: number | null;
  max_tool_calls?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  top_logprobs?: number | null;
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  text?: { format?: Record<string, unknown>; verbosity?: 'low' | 'medium' | 'high' | null } | null;
  truncation?: 'auto' | 'disabled' | null;
  metadata?: Record<string, string> | null;
  service_tier?: string | null;
  prompt_cache_key?: string;
  safety_identifier?: string;
  user?: string;
  [key: string]: unknown;
}

/**
 * Parameters of `client.responses.retrieve(id, params)`: `stream: true` streams the response's events
 * (a background response), from after `starting_after` when given.
 *
 * @example
 * ```ts
 * import type { ResponseRetrieveParams } from 'rxjs-openai-stream';
 *
 * const params: ResponseRetrieveParams = { stream: true, starting_after: 41 };
 * ```
 */
export interface ResponseRetrieveParams {
  stream?: boolean | null;
  /** Stream only the events whose `sequence_number` is greater. */
  starting_after?: number;
}
