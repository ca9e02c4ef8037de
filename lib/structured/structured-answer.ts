// The one operator behind partialObject, finalObject and elementStream on both APIs. A reader turns the
// source's values (chunks, Responses events, or the events of a tool run) into the answer's text, step
// resets and its end; the builder turns the text into snapshots and the validated value.
import { Observable, type OperatorFunction } from 'rxjs';
import type * as z from 'zod';
import { StructuredOutputError, type StructuredOutputErrorKind } from '../errors/structured-output-error.js';
import { PartialObjectBuilder } from './partial-object-builder.js';

/** What one source value means for the answer. @internal */
export interface AnswerStep {
  /** A new step of a tool run began: the text so far was not the answer. */
  reset: boolean;
  /** Text of the answer this value adds. */
  text: string;
  /** The run finished: the answer is complete. */
  end: boolean;
}

/** Reads one answer out of a stream of values. @internal */
export interface AnswerReader<In> {
  read(value: In): AnswerStep;
  /** Why the answer cannot be used, whatever its text (a refusal, a cut-off, a run out of steps). */
  problem(): { kind: StructuredOutputErrorKind; text?: string } | undefined;
}

/** What the operator emits. @internal */
export type AnswerMode = { emit: 'partial' } | { emit: 'final' } | { emit: 'elements'; key: string };

const MESSAGES: Partial<Record<StructuredOutputErrorKind, string>> = {
  refusal: 'The model refused to give the structured answer',
  length: 'The structured answer was cut off by the output token limit',
  content_filter: 'The structured answer was cut off by the content filter',
  max_steps: 'The tool run reached maxSteps with tool calls pending, before a structured answer',
};

/**
 * The structured-answer operator over a reader. Snapshots (and elements) go out as the text grows; the
 * validated value (for `partial`, only when it differs from the last snapshot) at the end of the answer.
 *
 * @internal
 */
export function structuredAnswer<In, Out>(
  schema: z.core.$ZodType,
  createReader: () => AnswerReader<In>,
  mode: AnswerMode,
): OperatorFunction<In, Out> {
  return (source) =>
    new Observable<Out>((subscriber) => {
      const reader = createReader();
      const emit = (value: unknown) => subscriber.next(value as Out);
      const build = () =>
        new PartialObjectBuilder(
          schema,
          mode.emit === 'elements' ? { watch: mode.key, onElement: emit } : {},
        );
      let builder = build();
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        const problem = reader.problem();
        if (problem) {
          const text = problem.text ?? builder.text;
          const detail =
            problem.kind === 'refusal' ? `: ${text.slice(0, 200)}` : ` (${text.length} characters)`;
          throw new StructuredOutputError(`${MESSAGES[problem.kind]}${detail}`, { kind: problem.kind, text });
        }
        const last = builder.end();
        if (mode.emit === 'final' || (mode.emit === 'partial' && last !== builder.last)) emit(last);
      };
      return source.subscribe({
        next(value) {
          try {
            if (ended) return;
            const step = reader.read(value);
            if (step.reset) builder = build();
            if (step.text !== '') {
              const snapshot = builder.push(step.text);
              if (snapshot !== undefined && mode.emit === 'partial') emit(snapshot);
            }
            if (step.end) end();
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          try {
            end();
            subscriber.complete();
          } catch (error) {
            subscriber.error(error);
          }
        },
      });
    });
}
