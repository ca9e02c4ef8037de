import * as z from 'zod';
import { eventSchema, itemFields } from './event-schema-helpers.js';

// Progress events of the hosted tools. Most carry only `item_id` and `output_index`; the item itself
// arrives with `response.output_item.added` / `.done`.

const progress = <T extends string>(type: T) => eventSchema(type, itemFields);
const delta = { ...itemFields, delta: z.string() };

/** The tool-call progress events. @internal */
export const toolEventSchemas = [
  progress('response.web_search_call.in_progress'),
  progress('response.web_search_call.searching'),
  progress('response.web_search_call.completed'),
  progress('response.file_search_call.in_progress'),
  progress('response.file_search_call.searching'),
  progress('response.file_search_call.completed'),
  progress('response.code_interpreter_call.in_progress'),
  progress('response.code_interpreter_call.interpreting'),
  progress('response.code_interpreter_call.completed'),
  eventSchema('response.code_interpreter_call_code.delta', delta),
  eventSchema('response.code_interpreter_call_code.done', { ...itemFields, code: z.string() }),
  progress('response.image_generation_call.in_progress'),
  progress('response.image_generation_call.generating'),
  progress('response.image_generation_call.completed'),
  eventSchema('response.image_generation_call.partial_image', {
    ...itemFields,
    partial_image_b64: z.string(),
    partial_image_index: z.number().default(0),
  }),
  progress('response.mcp_call.in_progress'),
  progress('response.mcp_call.completed'),
  progress('response.mcp_call.failed'),
  eventSchema('response.mcp_call_arguments.delta', delta),
  eventSchema('response.mcp_call_arguments.done', { ...itemFields, arguments: z.string() }),
  progress('response.mcp_list_tools.in_progress'),
  progress('response.mcp_list_tools.completed'),
  progress('response.mcp_list_tools.failed'),
] as const;
