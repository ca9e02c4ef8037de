import * as z from 'zod';
import { eventSchema, itemFields, partFields, summaryFields } from './event-schema-helpers.js';
import { ResponseContentPartSchema, ResponseOutputItemSchema, ResponseSchema } from './response-schema.js';

// The lifecycle, output-item, content-part, text, refusal, function-call, custom-tool and reasoning events
// of a Responses stream. The tool-progress events are in tool-event-schemas.ts.

const response = { response: ResponseSchema };
const item = { output_index: z.number(), item: ResponseOutputItemSchema };
const part = { ...partFields, part: ResponseContentPartSchema };
const summaryPart = { ...summaryFields, part: ResponseContentPartSchema };
const delta = { delta: z.string() };
const logprobs = { logprobs: z.array(z.unknown()).nullish() };

/** The lifecycle events, whose payload is the whole `response`. @internal */
export const lifecycleEventSchemas = [
  eventSchema('response.created', response),
  eventSchema('response.in_progress', response),
  eventSchema('response.queued', response),
  eventSchema('response.completed', response),
  eventSchema('response.failed', response),
  eventSchema('response.incomplete', response),
] as const;

/** The events that build the output items. @internal */
export const outputEventSchemas = [
  eventSchema('response.output_item.added', item),
  eventSchema('response.output_item.done', item),
  eventSchema('response.content_part.added', part),
  eventSchema('response.content_part.done', part),
  eventSchema('response.output_text.delta', { ...partFields, ...delta, ...logprobs }),
  eventSchema('response.output_text.done', { ...partFields, text: z.string(), ...logprobs }),
  eventSchema('response.output_text.annotation.added', {
    ...partFields,
    annotation_index: z.number().default(0),
    annotation: z.unknown(),
  }),
  eventSchema('response.refusal.delta', { ...partFields, ...delta }),
  eventSchema('response.refusal.done', { ...partFields, refusal: z.string() }),
  eventSchema('response.function_call_arguments.delta', { ...itemFields, ...delta }),
  eventSchema('response.function_call_arguments.done', {
    ...itemFields,
    arguments: z.string(),
    name: z.string().nullish(),
  }),
  eventSchema('response.custom_tool_call_input.delta', { ...itemFields, ...delta }),
  eventSchema('response.custom_tool_call_input.done', { ...itemFields, input: z.string() }),
  eventSchema('response.reasoning_text.delta', { ...partFields, ...delta }),
  eventSchema('response.reasoning_text.done', { ...partFields, text: z.string() }),
  eventSchema('response.reasoning_summary_part.added', summaryPart),
  eventSchema('response.reasoning_summary_part.done', summaryPart),
  eventSchema('response.reasoning_summary_text.delta', { ...summaryFields, ...delta }),
  eventSchema('response.reasoning_summary_text.done', { ...summaryFields, text: z.string() }),
] as const;

/**
 * The `error` event. OpenAI documents a flat shape (`code`, `message`, `param` at the top level); live
 * streams also send them nested under `error` (with `type`). Both are accepted as they are.
 *
 * @internal
 */
export const errorEventSchema = eventSchema('error', {
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  param: z.string().nullish(),
  error: z
    .looseObject({
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
      message: z.string().nullish(),
      param: z.string().nullish(),
    })
    .nullish(),
});
