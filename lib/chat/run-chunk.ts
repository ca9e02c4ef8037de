import type { ChatRunEvent } from './run-events.js';
import type { ChatCompletionChunk } from './schemas/index.js';

const RUN_EVENTS = new Set(['chunk', 'step', 'tool_call', 'tool_result', 'tool_error', 'finish']);

/**
 * The chunk a value carries and the step it belongs to, so that chunk operators also read a tool run: a
 * chunk is itself (step 0), a run's `chunk` event is its chunk, and the run's other events carry none
 * (`undefined`). A value that is neither is taken for a chunk, so a malformed one still fails loudly.
 *
 * @internal
 */
export function stepChunkOf(
  value: ChatCompletionChunk | ChatRunEvent,
): { step: number; chunk: ChatCompletionChunk } | undefined {
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !RUN_EVENTS.has(type) || 'choices' in value)
    return { step: 0, chunk: value as ChatCompletionChunk };
  const event = value as ChatRunEvent;
  return event.type === 'chunk' ? { step: event.step, chunk: event.chunk } : undefined;
}
