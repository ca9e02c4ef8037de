import { stepChunkOf } from '../chat/run-chunk.js';
import type { ChatRunEvent } from '../chat/run-events.js';
import type { ChatCompletionChunk } from '../chat/schemas/index.js';
import type { AnswerReader, AnswerStep } from './structured-answer.js';

const NOTHING: AnswerStep = { reset: false, text: '', end: false };

/**
 * Reads the answer of one choice out of chat chunks or the events of a chat tool run: its content, a
 * refusal, and a `length` or `content_filter` finish; in a run, the text of the last step only.
 *
 * @internal
 */
export function chatAnswerReader(choice: number): AnswerReader<ChatCompletionChunk | ChatRunEvent> {
  let step: number | undefined;
  let refusal = '';
  let finishReason: string | null = null;
  let runFinish: string | undefined;
  return {
    read(value) {
      const carried = stepChunkOf(value);
      if (!carried) {
        if ((value as ChatRunEvent).type !== 'finish') return NOTHING;
        runFinish = (value as Extract<ChatRunEvent, { type: 'finish' }>).finishReason;
        return { reset: false, text: '', end: true };
      }
      const reset = step !== undefined && carried.step !== step;
      if (reset) {
        refusal = '';
        finishReason = null;
      }
      step = carried.step;
      let text = '';
      for (const entry of carried.chunk.choices) {
        if (entry.index !== choice) continue;
        if (entry.delta.content) text += entry.delta.content;
        if (entry.delta.refusal) refusal += entry.delta.refusal;
        if (entry.finish_reason) finishReason = entry.finish_reason;
      }
      return reset || text !== '' ? { reset, text, end: false } : NOTHING;
    },
    problem() {
      if (refusal !== '') return { kind: 'refusal', text: refusal };
      if (runFinish === 'max_steps') return { kind: 'max_steps' };
      if (finishReason === 'length' || finishReason === 'content_filter') return { kind: finishReason };
      return undefined;
    },
  };
}
