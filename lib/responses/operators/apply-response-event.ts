import type { ResponseContentPart, ResponseOutputItem } from '../response-schema.js';
import type { ResponseStreamEvent } from '../stream-event-schema.js';
import {
  checkIndex,
  updateAt,
  updateItem,
  updateOutput,
  withOutput,
  type ResponseSnapshot,
} from './response-snapshot.js';

const TEXT_PART: ResponseContentPart = { type: 'output_text', text: '', annotations: [] };
const REFUSAL_PART: ResponseContentPart = { type: 'refusal', refusal: '' };
const REASONING_PART: ResponseContentPart = { type: 'reasoning_text', text: '' };
const SUMMARY_PART: ResponseContentPart = { type: 'summary_text', text: '' };
const TOOL_PROGRESS = /^response\.(\w+_call|mcp_list_tools)\.(\w+)$/;

type Item = ResponseOutputItem;
type Part = ResponseContentPart;
const onContent =
  (index: number, fallback: Part, update: (part: Part) => Part) =>
  (item: Item): Item => ({
    ...item,
    content: updateAt('content_index', item.content, index, fallback, update),
  });
const onSummary =
  (index: number, update: (part: Part) => Part) =>
  (item: Item): Item => ({
    ...item,
    summary: updateAt('summary_index', item.summary, index, SUMMARY_PART, update),
  });

/**
 * How a `*.delta` / `*.done` event changes one string field: of which item type (the placeholder's type
 * when the item is missing), in the item itself or in one of its `content` / `summary` parts, which `key`,
 * and whether it appends the event's `delta` or sets the value the `.done` event carries under `key`.
 */
interface FieldRule {
  item: string;
  list?: { name: 'content' | 'summary'; fallback: Part };
  key: 'text' | 'refusal' | 'arguments' | 'input' | 'code';
  append: boolean;
}
const TEXT = { name: 'content', fallback: TEXT_PART } as const;
const REFUSAL = { name: 'content', fallback: REFUSAL_PART } as const;
const REASONING = { name: 'content', fallback: REASONING_PART } as const;
const SUMMARY = { name: 'summary', fallback: SUMMARY_PART } as const;
const FIELD_RULES: Partial<Record<ResponseStreamEvent['type'], FieldRule>> = {
  'response.output_text.delta': { item: 'message', list: TEXT, key: 'text', append: true },
  'response.output_text.done': { item: 'message', list: TEXT, key: 'text', append: false },
  'response.refusal.delta': { item: 'message', list: REFUSAL, key: 'refusal', append: true },
  'response.refusal.done': { item: 'message', list: REFUSAL, key: 'refusal', append: false },
  'response.reasoning_text.delta': { item: 'reasoning', list: REASONING, key: 'text', append: true },
  'response.reasoning_text.done': { item: 'reasoning', list: REASONING, key: 'text', append: false },
  'response.reasoning_summary_text.delta': { item: 'reasoning', list: SUMMARY, key: 'text', append: true },
  'response.reasoning_summary_text.done': { item: 'reasoning', list: SUMMARY, key: 'text', append: false },
  'response.function_call_arguments.delta': { item: 'function_call', key: 'arguments', append: true },
  'response.function_call_arguments.done': { item: 'function_call', key: 'arguments', append: false },
  'response.mcp_call_arguments.delta': { item: 'mcp_call', key: 'arguments', append: true },
  'response.mcp_call_arguments.done': { item: 'mcp_call', key: 'arguments', append: false },
  'response.custom_tool_call_input.delta': { item: 'custom_tool_call', key: 'input', append: true },
  'response.custom_tool_call_input.done': { item: 'custom_tool_call', key: 'input', append: false },
  'response.code_interpreter_call_code.delta': { item: 'code_interpreter_call', key: 'code', append: true },
  'response.code_interpreter_call_code.done': { item: 'code_interpreter_call', key: 'code', append: false },
};

/** The fields a {@link FieldRule} event reads. */
interface FieldEvent {
  output_index: number;
  item_id: string;
  content_index?: number;
  summary_index?: number;
  delta?: string;
  [key: string]: unknown;
}

function applyField(snapshot: ResponseSnapshot, event: FieldEvent, rule: FieldRule): ResponseSnapshot {
  const { key, list } = rule;
  const value = (rule.append ? event.delta : event[key]) as string;
  const change = <T extends Part | Item>(target: T): T => ({
    ...target,
    [key]: rule.append ? ((target[key as keyof T] as string | null | undefined) ?? '') + value : value,
  });
  const update = !list
    ? change<Item>
    : list.name === 'content'
      ? onContent(event.content_index as number, list.fallback, change<Part>)
      : onSummary(event.summary_index as number, change<Part>);
  const output = updateOutput(snapshot.output, event.output_index, event.item_id, rule.item, update);
  // Only `text` fields make output_text; walking every item is the fallback, not the rule.
  let text: string | undefined;
  if (key !== 'text') text = snapshot.output_text;
  else if (list === TEXT && rule.append && extendsLastText(snapshot.output, output, event))
    text = snapshot.output_text + value;
  return withOutput(snapshot, output, text);
}

/**
 * Whether an `output_text` delta went to the last text part of the output: then `output_text` grows by
 * the delta, with no walk over every item (the common case, and the reason it stays cheap per event).
 */
function extendsLastText(before: readonly Item[], after: readonly Item[], event: FieldEvent): boolean {
  const index = event.content_index as number;
  const item = after[event.output_index];
  const part = item?.content?.[index];
  if (event.output_index !== after.length - 1 || item?.type !== 'message' || !item.content) return false;
  if (index !== item.content.length - 1 || part?.type !== 'output_text') return false;
  const old = before[event.output_index];
  const oldPart = old?.content?.[index];
  return !old || (old.type === 'message' && (!oldPart || oldPart.type === 'output_text'));
}

/**
 * Applies one event to a snapshot, immutably. Returns the same object when the event changes nothing
 * (unknown events, `error`, progress events for items not seen).
 *
 * @internal
 */
export function applyResponseEvent(snapshot: ResponseSnapshot, event: ResponseStreamEvent): ResponseSnapshot {
  const rule = FIELD_RULES[event.type];
  if (rule) return applyField(snapshot, event as unknown as FieldEvent, rule);
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
    case 'response.output_text.annotation.added':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'message',
        onContent(event.content_index, TEXT_PART, (part) => {
          checkIndex('annotation_index', event.annotation_index);
          const annotations = part.annotations ? part.annotations.slice() : [];
          annotations[event.annotation_index] = event.annotation;
          return { ...part, annotations };
        }),
        snapshot.output_text,
      );
    case 'response.reasoning_summary_part.added':
    case 'response.reasoning_summary_part.done':
      return updateItem(
        snapshot,
        event.output_index,
        event.item_id,
        'reasoning',
        onSummary(event.summary_index, () => event.part),
        snapshot.output_text,
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
  const withStatus = (current: Item): Item => ({ ...current, status });
  return updateItem(snapshot, event.output_index, '', match[1]!, withStatus, snapshot.output_text);
}
