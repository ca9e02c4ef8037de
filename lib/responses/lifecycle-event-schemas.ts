import * as z from 'zod/mini';
import {
  deltaAndDone,
  eventFamily,
  eventSchema,
  itemFields,
  partFields,
  summaryFields,
} from './event-schema-helpers.js';
import { ResponseContentPartSchema, ResponseOutputItemSchema, ResponseSchema } from './response-schema.js';

// The lifecycle, output-item, content-part, text, refusal, function-call, custom-tool and reasoning events
// of a Responses stream. The tool-progress events are in tool-event-schemas.ts. Built on first use (see
// stream-event-schema.ts), not at import.

const ADDED_DONE = ['added', 'done'] as const;

/** The lifecycle events, whose payload is the whole `response`. @internal */
export function lifecycleEventSchemas() {
  const lifecycle = ['created', 'in_progress', 'queued', 'completed', 'failed', 'incomplete'] as const;
  return eventFamily('response.', lifecycle, { response: ResponseSchema });
}

/** The events that build the output items. @internal */
export function outputEventSchemas() {
  const item = itemFields();
  const part = partFields();
  const summary = summaryFields();
  const logprobs = { logprobs: z.nullish(z.array(z.unknown())) };
  return [
    ...eventFamily('response.output_item.', ADDED_DONE, {
      output_index: z.number(),
      item: ResponseOutputItemSchema,
    }),
    ...eventFamily('response.content_part.', ADDED_DONE, { ...part, part: ResponseContentPartSchema }),
    ...deltaAndDone('response.output_text.', { ...part, ...logprobs }, 'text'),
    eventSchema('response.output_text.annotation.added', {
      ...part,
      annotation_index: z._default(z.number(), 0),
      annotation: z.unknown(),
    }),
    ...deltaAndDone('response.refusal.', part, 'refusal'),
    ...deltaAndDone('response.function_call_arguments.', item, 'arguments', { name: z.nullish(z.string()) }),
    ...deltaAndDone('response.custom_tool_call_input.', item, 'input'),
    ...deltaAndDone('response.reasoning_text.', part, 'text'),
    ...eventFamily('response.reasoning_summary_part.', ADDED_DONE, {
      ...summary,
      part: ResponseContentPartSchema,
    }),
    ...deltaAndDone('response.reasoning_summary_text.', summary, 'text'),
  ] as const;
}

/**
 * The `error` event. OpenAI documents a flat shape (`code`, `message`, `param` at the top level); live
 * streams also send them nested under `error` (with `type`). Both are accepted as they are.
 *
 * @internal
 */
export function errorEventSchema() {
  const fields = {
    code: z.nullish(z.union([z.string(), z.number()])),
    message: z.nullish(z.string()),
    param: z.nullish(z.string()),
  };
  return eventSchema('error', {
    ...fields,
    error: z.nullish(z.looseObject({ type: z.nullish(z.string()), ...fields })),
  });
}
