import type { ResponseRunEvent } from '../responses/run-events.js';
import { stepEventOf } from '../responses/run-stream-event.js';
import type { ResponseStreamEvent } from '../responses/stream-event-schema.js';
import type { AnswerReader, AnswerStep } from './structured-answer.js';

const NOTHING: AnswerStep = { reset: false, text: '', end: false };

/**
 * Reads the answer out of Responses events or the events of a Responses tool run: the output text, a
 * refusal, and an `incomplete` end (`content_filter`, else a cut-off by the token limit); in a run, the
 * text of the last step only.
 *
 * @internal
 */
export function responseAnswerReader(): AnswerReader<ResponseStreamEvent | ResponseRunEvent> {
  let step: number | undefined;
  let refusal = '';
  let incomplete: string | undefined;
  let runFinish: string | undefined;
  return {
    read(value) {
      const carried = stepEventOf(value);
      if (!carried) {
        if ((value as ResponseRunEvent).type !== 'finish') return NOTHING;
        runFinish = (value as Extract<ResponseRunEvent, { type: 'finish' }>).finishReason;
        return { reset: false, text: '', end: true };
      }
      const reset = step !== undefined && carried.step !== step;
      if (reset) {
        refusal = '';
        incomplete = undefined;
      }
      step = carried.step;
      const { event } = carried;
      let text = '';
      if (event.type === 'response.output_text.delta') text = event.delta;
      else if (event.type === 'response.refusal.delta') refusal += event.delta;
      else if (event.type === 'response.incomplete')
        incomplete = String(event.response.incomplete_details?.['reason'] ?? 'max_output_tokens');
      return reset || text !== '' ? { reset, text, end: false } : NOTHING;
    },
    problem() {
      if (refusal !== '') return { kind: 'refusal', text: refusal };
      if (runFinish === 'max_steps') return { kind: 'max_steps' };
      if (incomplete !== undefined)
        return { kind: incomplete === 'content_filter' ? 'content_filter' : 'length' };
      return undefined;
    },
  };
}
