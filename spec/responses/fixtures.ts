// Builders of Responses stream events for the specs (not a spec itself).
import type { ResponseStreamEvent } from '../../lib/responses/index.js';
import type { SSEStreamItem } from '../http/pipeline.js';
import type { StreamEvent } from '../../lib/http/events.js';

type Json = Record<string, unknown>;

export const response = (status: string, extra: Json = {}) => ({
  id: 'resp_1',
  object: 'response',
  created_at: 1,
  status,
  model: 'gpt-4o',
  output: [],
  usage: null,
  error: null,
  incomplete_details: null,
  ...extra,
});

const USAGE = { input_tokens: 5, output_tokens: 2, total_tokens: 7 };
const MESSAGE_DONE = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
};

/** A text answer "Hel" + "lo", sequence numbers 0..8 (as the decoder emits them: parsed, defaults filled). */
export const textEvents = [
  { type: 'response.created', sequence_number: 0, response: response('in_progress') },
  { type: 'response.in_progress', sequence_number: 1, response: response('in_progress') },
  {
    type: 'response.output_item.added',
    sequence_number: 2,
    output_index: 0,
    item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
  },
  {
    type: 'response.content_part.added',
    sequence_number: 3,
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    part: { type: 'output_text', text: '', annotations: [] },
  },
  {
    type: 'response.output_text.delta',
    sequence_number: 4,
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta: 'Hel',
  },
  {
    type: 'response.output_text.delta',
    sequence_number: 5,
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta: 'lo',
  },
  {
    type: 'response.output_text.done',
    sequence_number: 6,
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    text: 'Hello',
  },
  { type: 'response.output_item.done', sequence_number: 7, output_index: 0, item: MESSAGE_DONE },
  {
    type: 'response.completed',
    sequence_number: 8,
    response: response('completed', { output: [MESSAGE_DONE], usage: USAGE }),
  },
] as unknown as ResponseStreamEvent[];

const CALL_DONE = {
  id: 'fc_1',
  type: 'function_call',
  status: 'completed',
  call_id: 'call_1',
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
};

/** A function call whose arguments arrive in two deltas, sequence numbers 0..5. */
export const callEvents = [
  { type: 'response.created', sequence_number: 0, response: response('in_progress') },
  {
    type: 'response.output_item.added',
    sequence_number: 1,
    output_index: 0,
    item: { ...CALL_DONE, status: 'in_progress', arguments: '' },
  },
  {
    type: 'response.function_call_arguments.delta',
    sequence_number: 2,
    item_id: 'fc_1',
    output_index: 0,
    delta: '{"city":',
  },
  {
    type: 'response.function_call_arguments.delta',
    sequence_number: 3,
    item_id: 'fc_1',
    output_index: 0,
    delta: '"Paris"}',
  },
  { type: 'response.output_item.done', sequence_number: 4, output_index: 0, item: CALL_DONE },
  {
    type: 'response.completed',
    sequence_number: 5,
    response: response('completed', { output: [CALL_DONE] }),
  },
] as unknown as ResponseStreamEvent[];

/** An SSE item with this JSON as its data (and an `event:` line when `eventLine`). */
export function sse(json: unknown, eventLine = false): SSEStreamItem {
  const data = typeof json === 'string' ? json : JSON.stringify(json);
  const type = typeof json === 'object' && json !== null ? String((json as Json)['type']) : 'message';
  return { type: 'sse', event: { event: eventLine ? type : 'message', data, id: '' } };
}

/** The `data` wrapper of a decoded event. */
export const data = <T>(value: T): StreamEvent<T> => ({ type: 'data', data: value });
