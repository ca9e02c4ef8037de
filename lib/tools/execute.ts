// Runs the tool calls of one step: parse and validate the arguments, execute (bounded concurrency), and
// turn every outcome, failures included, into the text the model reads next. A failing call never fails
// the run: the model gets the error as the tool's answer and may try again.
import {
  defaultIfEmpty,
  from,
  isObservable,
  map,
  mergeMap,
  Observable,
  of,
  takeLast,
  type ObservableInput,
} from 'rxjs';
import { ToolArgumentsError } from '../errors/tool-arguments-error.js';
import { parseToolArguments } from '../json/tool-arguments.js';
import type { ToolSet } from './convert.js';
import type { ToolCallRequest, ToolEvent } from './tool-events.js';
import type { Tool, ToolContext } from './tool.js';

/** A tool event of one call, with the call's position in the step. @internal */
export interface IndexedToolEvent {
  index: number;
  event: ToolEvent;
}

/**
 * Executes `calls` with at most `concurrency` running at once. Emits, per call, `tool_call` (arguments
 * valid, execution starts) then `tool_result` or `tool_error`; invalid calls emit only `tool_error`.
 * Unsubscribing aborts the `signal` of every running tool and unsubscribes its Observable.
 *
 * @internal
 */
export function executeToolCalls(
  calls: readonly ToolCallRequest[],
  tools: ToolSet,
  options: { step: number; concurrency: number; messages: ToolContext['messages'] },
): Observable<IndexedToolEvent> {
  return from(calls.map((call, index) => ({ call, index }))).pipe(
    mergeMap(
      ({ call, index }) => runCall(call, tools, options).pipe(map((event) => ({ index, event }))),
      options.concurrency,
    ),
  );
}

function runCall(
  call: ToolCallRequest,
  tools: ToolSet,
  { step, messages }: { step: number; messages: ToolContext['messages'] },
): Observable<ToolEvent> {
  return new Observable<ToolEvent>((subscriber) => {
    const tool = tools.get(call.name);
    const parsed = tool ? parseArguments(call, tool) : unknownTool(call, [...tools.keys()]);
    if (!parsed.ok) {
      const { reason, error } = parsed;
      subscriber.next({ type: 'tool_error', step, call, reason, error, output: error.message });
      subscriber.complete();
      return;
    }
    const started = { ...call, args: parsed.args };
    subscriber.next({ type: 'tool_call', step, call: started } as ToolEvent);
    if (subscriber.closed) return;
    const controller = new AbortController();
    let settled = false;
    const fail = (error: unknown) => {
      settled = true;
      const output = `Tool "${call.name}" failed: ${messageOf(error)}`;
      subscriber.next({ type: 'tool_error', step, call: started, reason: 'execute', error, output });
      subscriber.complete();
    };
    let result$: Observable<unknown>;
    try {
      const context: ToolContext = { signal: controller.signal, toolCallId: call.id, messages };
      result$ = resultOf((tool as Tool).execute(parsed.args, context));
    } catch (error) {
      fail(error);
      return;
    }
    const inner = result$.pipe(takeLast(1), defaultIfEmpty(undefined)).subscribe({
      next(result) {
        let output: string;
        try {
          output = outputOf(result);
        } catch (error) {
          fail(error);
          return;
        }
        settled = true;
        subscriber.next({ type: 'tool_result', step, call: started, result, output } as ToolEvent);
        subscriber.complete();
      },
      error: fail,
    });
    return () => {
      inner.unsubscribe();
      if (!settled) controller.abort();
    };
  });
}

type Parsed =
  | { ok: true; args: unknown }
  | { ok: false; reason: 'unknown_tool' | 'invalid_arguments'; error: ToolArgumentsError };

/** The arguments as the tool's schema reads them: the same parse and errors as the `toolCalls()` operator. */
function parseArguments(call: ToolCallRequest, tool: Tool): Parsed {
  try {
    const { parsed } = parseToolArguments(call, { [call.name]: tool.parameters });
    return { ok: true, args: parsed };
  } catch (error) {
    if (!(error instanceof ToolArgumentsError)) throw error;
    return { ok: false, reason: 'invalid_arguments', error };
  }
}

function unknownTool(call: ToolCallRequest, names: string[]): Parsed {
  const message = `Tool call "${call.name}" (${call.id}) names no tool of this run; the tools are: ${names.join(', ')}`;
  const init = { toolName: call.name, callId: call.id, rawArguments: call.arguments };
  return { ok: false, reason: 'unknown_tool', error: new ToolArgumentsError(message, init) };
}

/** A value, a Promise or an Observable, as an Observable. */
function resultOf(value: unknown): Observable<unknown> {
  if (isObservable(value)) return value;
  if (typeof (value as PromiseLike<unknown> | null)?.then === 'function')
    return from(value as ObservableInput<unknown>);
  return of(value);
}

/** The text the model reads: a string as it is, `undefined` as `''`, anything else as JSON. */
function outputOf(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result) ?? '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
