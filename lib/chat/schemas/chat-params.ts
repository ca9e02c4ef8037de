// Request parameters of POST /chat/completions. Plain types (not schemas): requests are ours to build, and
// every interface allows unknown extra keys so a new API field needs no release of this library.

/** A content part of a user (or system/developer) message. @example `import type { ChatCompletionContentPart } from 'rxjs-openai-stream';` */
export type ChatCompletionContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'input_audio'; input_audio: { data: string; format: 'wav' | 'mp3' } }
  | { type: 'file'; file: { file_data?: string; file_id?: string; filename?: string } }
  | { type: string; [key: string]: unknown };

/** A complete tool call, as sent back in an assistant message. @example `import type { ChatCompletionToolCallParam } from 'rxjs-openai-stream';` */
export interface ChatCompletionToolCallParam {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * One message of the conversation, for every role the API knows.
 *
 * @example
 * ```ts
 * import type { ChatCompletionMessageParam } from 'rxjs-openai-stream';
 *
 * const messages: ChatCompletionMessageParam[] = [
 *   { role: 'system', content: 'Be brief.' },
 *   { role: 'user', content: 'Hi' },
 * ];
 * ```
 */
export type ChatCompletionMessageParam =
  | { role: 'system'; content: string | Array<{ type: 'text'; text: string }>; name?: string }
  | { role: 'developer'; content: string | Array<{ type: 'text'; text: string }>; name?: string }
  | { role: 'user'; content: string | ChatCompletionContentPart[]; name?: string }
  | {
      role: 'assistant';
      content?: string | Array<{ type: 'text'; text: string } | { type: 'refusal'; refusal: string }> | null;
      name?: string;
      refusal?: string | null;
      tool_calls?: ChatCompletionToolCallParam[];
      /** @deprecated Legacy function calling; use `tool_calls`. */
      function_call?: { name: string; arguments: string } | null;
      audio?: { id: string } | null;
    }
  | { role: 'tool'; content: string | Array<{ type: 'text'; text: string }>; tool_call_id: string }
  | { role: 'function'; content: string | null; name: string };

/** A JSON Schema object, as tools and `response_format` take it. @example `import type { JSONSchema } from 'rxjs-openai-stream';` */
export type JSONSchema = Record<string, unknown>;

/** A function definition. @example `import type { FunctionDefinition } from 'rxjs-openai-stream';` */
export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: JSONSchema;
  strict?: boolean | null;
}

/**
 * A tool the model may call.
 *
 * @example
 * ```ts
 * import type { ChatCompletionTool } from 'rxjs-openai-stream';
 *
 * const tool: ChatCompletionTool = {
 *   type: 'function',
 *   function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
 * };
 * ```
 */
export type ChatCompletionTool =
  | { type: 'function'; function: FunctionDefinition }
  | { type: 'custom'; custom: { name: string; description?: string; format?: unknown } }
  | { type: string; [key: string]: unknown };

/** Which tool the model must (or must not) call. @example `import type { ChatCompletionToolChoice } from 'rxjs-openai-stream';` */
export type ChatCompletionToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | {
      type: 'allowed_tools';
      allowed_tools: { mode: 'auto' | 'required'; tools: Array<Record<string, unknown>> };
    }
  | { type: 'custom'; custom: { name: string } };

/** The format the model must answer in. @example `import type { ResponseFormat } from 'rxjs-openai-stream';` */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; schema?: JSONSchema; strict?: boolean | null; description?: string };
    };

/**
 * Parameters of `client.chat.completions.create()`. Every documented field is typed; unknown extra
 * fields are sent as they are.
 *
 * @example
 * ```ts
 * import type { ChatCompletionCreateParams } from 'rxjs-openai-stream';
 *
 * const params: ChatCompletionCreateParams = {
 *   model: 'gpt-4o',
 *   messages: [{ role: 'user', content: 'Hi' }],
 *   stream: true,
 *   stream_options: { include_usage: true },
 * };
 * ```
 */
export interface ChatCompletionCreateParams {
  model: string;
  messages: ChatCompletionMessageParam[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean; include_obfuscation?: boolean } | null;
  tools?: ChatCompletionTool[];
  tool_choice?: ChatCompletionToolChoice;
  parallel_tool_calls?: boolean;
  /** @deprecated Legacy function calling; use `tools`. */
  functions?: FunctionDefinition[];
  /** @deprecated Legacy function calling; use `tool_choice`. */
  function_call?: 'none' | 'auto' | { name: string };
  response_format?: ResponseFormat;
  n?: number | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  user?: string;
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | (string & {}) | null;
  verbosity?: 'low' | 'medium' | 'high' | null;
  modalities?: Array<'text' | 'audio'> | null;
  audio?: { voice: string; format: string } | null;
  metadata?: Record<string, string> | null;
  store?: boolean | null;
  service_tier?: 'auto' | 'default' | 'flex' | 'priority' | (string & {}) | null;
  prediction?: { type: 'content'; content: string | Array<{ type: 'text'; text: string }> } | null;
  web_search_options?: Record<string, unknown>;
  prompt_cache_key?: string;
  safety_identifier?: string;
  [key: string]: unknown;
}
