// Builders of chat chunks, Responses events and run events for the structured-output specs.
import { ChatCompletionChunkSchema, type ChatCompletionChunk } from '../../lib/chat/schemas/index.js';
import type { ChatRunEvent } from '../../lib/chat/run-events.js';
import { ResponseStreamEventSchema, type ResponseStreamEvent } from '../../lib/responses/index.js';
import type { ResponseRunEvent } from '../../lib/responses/run-events.js';

let sequence = 0;

/** A chunk with one delta (or a finish reason) for choice `index`, parsed by the chunk schema. */
export function chunk(
  delta: Record<string, unknown>,
  finish: string | null = null,
  index = 0,
): ChatCompletionChunk {
  return ChatCompletionChunkSchema.parse({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index, delta, logprobs: null, finish_reason: finish }],
  });
}

/** The chunks of an answer: a role chunk, one content chunk per piece, a finish chunk. */
export function answerChunks(pieces: readonly string[], finish = 'stop'): ChatCompletionChunk[] {
  return [
    chunk({ role: 'assistant', content: '' }),
    ...pieces.map((piece) => chunk({ content: piece })),
    chunk({}, finish),
  ];
}

/** A Responses event, parsed by the event schema. */
export function event(fields: Record<string, unknown>): ResponseStreamEvent {
  return ResponseStreamEventSchema.parse({ sequence_number: sequence++, ...fields });
}

const response = (status: string, extra: Record<string, unknown> = {}) => ({
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

/** Text deltas of a Responses answer between `created` and `completed` (or `incomplete` with a reason). */
export function answerEvents(pieces: readonly string[], incomplete?: string): ResponseStreamEvent[] {
  const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  return [
    event({ type: 'response.created', response: response('in_progress') }),
    ...pieces.map((delta) => event({ type: 'response.output_text.delta', ...at, delta })),
    incomplete === undefined
      ? event({ type: 'response.completed', response: response('completed') })
      : event({
          type: 'response.incomplete',
          response: response('incomplete', { incomplete_details: { reason: incomplete } }),
        }),
  ];
}

/** A refusal delta event. */
export function refusalEvent(delta: string): ResponseStreamEvent {
  return event({
    type: 'response.refusal.delta',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta,
  });
}

/** A chat chunk as a run's `chunk` event of `step`. */
export const chatRun = (step: number, value: ChatCompletionChunk): ChatRunEvent => ({
  type: 'chunk',
  step,
  chunk: value,
});

/** A chat run's `finish` event. */
export function chatFinish(finishReason = 'stop'): ChatRunEvent {
  return { type: 'finish', messages: [], steps: [], usage: null, finishReason };
}

/** A Responses event as a run's `event` event of `step`. */
export const responseRun = (step: number, value: ResponseStreamEvent): ResponseRunEvent => ({
  type: 'event',
  step,
  event: value,
});

/** A Responses run's `finish` event. */
export function responseFinish(finishReason = 'stop'): ResponseRunEvent {
  return { type: 'finish', input: [], steps: [], usage: null, finishReason };
}
