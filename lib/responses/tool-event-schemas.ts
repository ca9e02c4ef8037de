import * as z from 'zod/mini';
import { deltaAndDone, eventFamily, eventSchema, itemFields } from './event-schema-helpers.js';

// Progress events of the hosted tools. Most carry only `item_id` and `output_index`; the item itself
// arrives with `response.output_item.added` / `.done`.

/** The tool-call progress events. @internal */
export function toolEventSchemas() {
  const item = itemFields();
  const family = <P extends string, const N extends readonly string[]>(prefix: P, names: N) =>
    eventFamily(prefix, names, item);
  const failed = ['in_progress', 'completed', 'failed'] as const;
  return [
    ...family('response.web_search_call.', ['in_progress', 'searching', 'completed']),
    ...family('response.file_search_call.', ['in_progress', 'searching', 'completed']),
    ...family('response.code_interpreter_call.', ['in_progress', 'interpreting', 'completed']),
    ...deltaAndDone('response.code_interpreter_call_code.', item, 'code'),
    ...family('response.image_generation_call.', ['in_progress', 'generating', 'completed']),
    eventSchema('response.image_generation_call.partial_image', {
      ...item,
      partial_image_b64: z.string(),
      partial_image_index: z._default(z.number(), 0),
    }),
    ...family('response.mcp_call.', failed),
    ...deltaAndDone('response.mcp_call_arguments.', item, 'arguments'),
    ...family('response.mcp_list_tools.', failed),
  ] as const;
}
