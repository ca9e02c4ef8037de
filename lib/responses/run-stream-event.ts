import type { ResponseRunEvent } from './run-events.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

const RUN_EVENTS = new Set(['event', 'step', 'tool_call', 'tool_result', 'tool_error', 'finish']);

/**
 * The stream event a value carries and its step, so that Responses operators also read a tool run: a
 * stream event is itself (step 0), a run's `event` event is its event, the run's other events carry none.
 *
 * @internal
 */
export function stepEventOf(
  value: ResponseStreamEvent | ResponseRunEvent,
): { step: number; event: ResponseStreamEvent } | undefined {
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !RUN_EVENTS.has(type))
    return { step: 0, event: value as ResponseStreamEvent };
  const run = value as ResponseRunEvent;
  return run.type === 'event' ? { step: run.step, event: run.event } : undefined;
}
