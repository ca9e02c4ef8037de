import type { ResponseContentPart, ResponseOutputItem } from '../response-schema.js';
import type { ResponseStreamEvent } from '../stream-event-schema.js';
import { updateAt, updateItem, withOutput, type ResponseSnapshot } from './response-snapshot.js';

const TEXT_PART: ResponseContentPart = { type: 'output_text', text: '', annotations: [] };
const REFUSAL_PART: ResponseContentPart = { type: 'refusal', refusal: '' };
const REASONING_PART: ResponseContentPart = { type: 'reasoning_text', text: '' };
const SUMMARY_PART: ResponseContentPart = { type: 'summary_text', text: '' };
const TOOL_PROGRESS = /^response\.(\w+_call|mcp_list_tools)\.(\w+)$/;

type Item = ResponseOutputItem;
const appendField =
  (field: 'arguments' | 'input' | 'code', delta: string) =>
  (item: Item): Item => ({ ...item, [field]: (item[field] ?? '') + delta });
const setField =
  (field: 'arguments' | 'input' | 'code', value: string) =>
  (item: Item): Item => ({ ...item, [field]: value });
const onContent =
  (
    index: number,
    fallback: ResponseContentPart,
    update: (part: ResponseContentPart) => ResponseContentPart,
  ) =>
  (item: Item): Item => ({ ...item, content: updateAt(item.content, index, fallback, update) });
const onSummary =
  (index: number, update: (part: ResponseContentPart) => ResponseContentPart) =>
  (item: Item): Item => ({ ...item, summary: updateAt(item.summary, index, SUMMARY_PART, update) });

/**
 * Applies one event to a snapshot, immutably. Returns the same object when the event changes nothing
 * (unknown events, `error`, progress events for items not seen).
 *
 * @internal
 */
export function applyResponseEvent(snapshot: ResponseSnapshot, event: ResponseStreamEvent): ResponseSnapshot {
  switch (event.type) {
    case 'response.created':
    case 'response.in_progress':
    case 'response.queued': {
      const { response } = event;
      const output = snapshot.output.length || !response.output.length ? snapshot.output : response.output;
      return withOutput({ ...snapshot, ...response }, output);
    }
    case 'response.completed':
    case 'response.incomplete':
    case 'response.failed': {
      const { response } = event;
      const output = response.output.length || !snapshot.output.length ? response.output : snapshot.output;
      return withOutput({ ...snapshot, ...response }, output);
    }
    case 'response.output_item.added':
    case 'response.output_item.done':
      return updateItem(snapshot, event.output_index, '', event.item.type, () => event.item);
    case 'response.content_part.added':
    case 'response.content_part.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'message',
        onContent(event.content_index, TEXT_PART, () => event.part),
      );
    case 'response.output_text.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'message',
        onContent(event.content_index, TEXT_PART, (part) => ({
          ...part,
          text: (part.text ?? '') + event.delta,
        })),
      );
    case 'response.output_text.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'message',
        onContent(event.content_index, TEXT_PART, (part) => ({ ...part, text: event.text })),
      );
    case 'response.output_text.annotation.added':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'message',
        onContent(event.content_index, TEXT_PART, (part) => {
          const annotations = part.annotations ? part.annotations.slice() : [];
          annotations[event.annotation_index] = event.annotation;
          return { ...part, annotations };
        }),
      );
    case 'response.refusal.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'message',
        onContent(event.content_index, REFUSAL_PART, (part) => ({
          ...part,
          refusal: (part.refusal ?? '') + event.delta,
        })),
      );
    case 'response.refusal.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'message',
        onContent(event.content_index, REFUSAL_PART, (part) => ({ ...part, refusal: event.refusal })),
      );
    case 'response.reasoning_text.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'reasoning',
        onContent(event.content_index, REASONING_PART, (part) => ({
          ...part,
          text: (part.text ?? '') + event.delta,
        })),
      );
    case 'response.reasoning_text.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'reasoning',
        onContent(event.content_index, REASONING_PART, (part) => ({ ...part, text: event.text })),
      );
    case 'response.reasoning_summary_part.added':
    case 'response.reasoning_summary_part.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'reasoning',
        onSummary(event.summary_index, () => event.part),
      );
    case 'response.reasoning_summary_text.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'reasoning',
        onSummary(event.summary_index, (part) => ({ ...part, text: (part.text ?? '') + event.delta })),
      );
    case 'response.reasoning_summary_text.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'reasoning',
        onSummary(event.summary_index, (part) => ({ ...part, text: event.text })),
      );
    case 'response.function_call_arguments.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'function_call',
        appendField('arguments', event.delta),
      );
    case 'response.function_call_arguments.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'function_call',
        setField('arguments', event.arguments),
      );
    case 'response.mcp_call_arguments.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'mcp_call',
        appendField('arguments', event.delta),
      );
    case 'response.mcp_call_arguments.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'mcp_call',
        setField('arguments', event.arguments),
      );
    case 'response.custom_tool_call_input.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'custom_tool_call',
        appendField('input', event.delta),
      );
    case 'response.custom_tool_call_input.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'custom_tool_call',
        setField('input', event.input),
      );
    case 'response.code_interpreter_call_code.delta':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'code_interpreter_call',
        appendField('code', event.delta),
      );
    case 'response.code_interpreter_call_code.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'code_interpreter_call',
        setField('code', event.code),
      );
    case 'error':
    case 'unknown':
    case 'response.image_generation_call.partial_image':
      return snapshot;
    default:
      return applyToolProgress(snapshot, event);
  }
}

/** `response.<tool>_call.<status>` events set the item's `status` (when the item is known). */
function applyToolProgress(
  snapshot: ResponseSnapshot,
  event: { type: string; output_index: number },
): ResponseSnapshot {
  const match = TOOL_PROGRESS.exec(event.type);
  const item = snapshot.output[event.output_index];
  if (!match || !item || item.status === match[2]) return snapshot;
  const status = match[2]!;
  return updateItem(snapshot, event.output_index, '', match[1]!, (current) => ({ ...current, status }));
}
