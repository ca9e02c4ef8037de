import { concat, connect, defer, map, merge, mergeMap, of, tap, type Observable } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import { executeToolCalls } from './execute.js';
import type { RunSettings } from './run-options.js';
import { sumUsage } from './sum-usage.js';
import type { RunFinishReason, ToolCallRequest, ToolEvent } from './tool-events.js';
import type { ToolContext } from './tool.js';

/** A conversation item of either API. @internal */
type Item = ToolContext['messages'][number];

// Why: a tool run is the same loop on both APIs (stream a step, execute its calls, append the answers,
// stream the next step); only the shapes differ. The loop lives here once; chat/run-tools.ts and
// responses/run-tools.ts say what a step's request, snapshot and conversation items are.

/** How a step ended, as one API reads its snapshot. @internal */
export interface StepEnd<I extends Item, Event> {
  /** The `step` event. */
  event: Event;
  /** The conversation after the step (with its assistant message or output items). */
  history: readonly I[];
  /** The calls to execute: none ends the run with `reason`. */
  calls: readonly ToolCallRequest[];
  reason: RunFinishReason;
}

/** What one API gives the step loop. @internal */
export interface StepLoop<I extends Item, Value, Snapshot extends { usage?: object | null }, Event> {
  settings: RunSettings;
  /** The request of one step (cold), for the conversation so far. */
  send(history: readonly I[]): Observable<Value>;
  /** A streamed value as the run's event (`chunk` or `event`). */
  streamed(step: number, value: Value): Event;
  /** The step's snapshot, once its stream completed; fails on an empty stream. */
  snapshot(step: number): OperatorFunction<Value, Snapshot>;
  /** Reads a step's snapshot. */
  end(step: number, snapshot: Snapshot, history: readonly I[]): StepEnd<I, Event>;
  /** The item that answers `call` with the tool's output text. */
  answer(call: ToolCallRequest, output: string): I;
  /** The `finish` event. */
  finish(history: I[], steps: Snapshot[], usage: Snapshot['usage'] | null, reason: RunFinishReason): Event;
}

interface State<I extends Item, Snapshot extends { usage?: object | null }> {
  step: number;
  history: readonly I[];
  steps: Snapshot[];
  usage: Snapshot['usage'] | null;
}

/**
 * Runs the steps of a tool run from the conversation `initial`: cold; the first step's request is made
 * now, so that it checks its params and options at call time. @internal
 */
export function runSteps<I extends Item, Value, Snapshot extends { usage?: object | null }, Event>(
  loop: StepLoop<I, Value, Snapshot, Event>,
  initial: readonly I[],
): Observable<Event> {
  const { settings } = loop;
  const first$ = loop.send(initial);

  const runStep = (state: State<I, Snapshot>): Observable<Event> =>
    (state.step === 1 ? first$ : loop.send(state.history)).pipe(
      connect((values$) =>
        merge(
          values$.pipe(map((value) => loop.streamed(state.step, value))),
          values$.pipe(
            loop.snapshot(state.step),
            mergeMap((snapshot) => afterStep(state, snapshot)),
          ),
        ),
      ),
    );

  const afterStep = (state: State<I, Snapshot>, snapshot: Snapshot): Observable<Event> => {
    const { event, history, calls, reason } = loop.end(state.step, snapshot, state.history);
    const steps = [...state.steps, snapshot];
    const usage = sumUsage(state.usage ?? null, snapshot.usage) as Snapshot['usage'] | null;
    const finish = (all: readonly I[], why: RunFinishReason) => of(loop.finish([...all], steps, usage, why));
    if (!calls.length) return concat(of(event), finish(history, reason));
    const outputs: string[] = [];
    const tools$ = executeToolCalls(calls, settings.tools, {
      step: state.step,
      concurrency: settings.concurrency,
      messages: history,
    }).pipe(
      tap(({ index, event: toolEvent }) => {
        if (toolEvent.type !== 'tool_call') outputs[index] = toolEvent.output;
      }),
      map(({ event: toolEvent }) => toolEvent as ToolEvent as Event),
    );
    const next$ = defer(() => {
      const all = Object.freeze([
        ...history,
        ...calls.map((call, index) => loop.answer(call, outputs[index] ?? '')),
      ]);
      if (state.step >= settings.maxSteps) return finish(all, 'max_steps');
      return runStep({ step: state.step + 1, history: all, steps, usage });
    });
    return concat(of(event), tools$, next$);
  };

  return defer(() => runStep({ step: 1, history: initial, steps: [], usage: null }));
}
