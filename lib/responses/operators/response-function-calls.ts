import { Observable, type OperatorFunction } from 'rxjs';
import type * as z from 'zod';
import { generatedCallId } from '../../json/generated-call-id.js';
import { parseToolArguments, type ToolSchemas } from '../../json/tool-arguments.js';
import type { Response, ResponseOutputItem } from '../response-schema.js';
import type { ResponseStreamEvent } from '../stream-event-schema.js';

/**
 * What every function call of {@link responseFunctionCalls} carries: the output item's `itemId` and
 * `outputIndex`, the `callId` to answer with (`function_call_output`), and the function `name`. A server
 * that sent no `call_id` gets a generated `call_<outputIndex>_<hash>`, derived from the response's and
 * the item's ids (so the same stream always gives the same id).
 *
 * @example
 * ```ts
 * import type { ResponseFunctionCallInfo } from 'rxjs-openai-stream';
 *
 * const output = (call: ResponseFunctionCallInfo, result: unknown) =>
 *   ({ type: 'function_call_output', call_id: call.callId, output: JSON.stringify(result) });
 * ```
 */
export interface ResponseFunctionCallInfo {
  itemId: string | null;
  callId: string;
  outputIndex: number;
  name: string;
}

/**
 * A complete function call: `arguments` is the raw JSON text, `parsed` its value. For a function in the
 * schema map `validated` is `true` and `parsed` is typed by its schema; otherwise `validated` is `false`
 * and `parsed` is the plain JSON value. The same shape as the chat `CompleteToolCall`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { CompleteResponseFunctionCall } from 'rxjs-openai-stream';
 *
 * const tools = { get_weather: z.object({ city: z.string() }) };
 * const city = (call: CompleteResponseFunctionCall<typeof tools>) =>
 *   call.validated && call.name === 'get_weather' ? call.parsed.city : undefined;
 * ```
 */
export type CompleteResponseFunctionCall<S extends ToolSchemas = Record<never, never>> =
  | {
      [K in keyof S & string]: ResponseFunctionCallInfo & {
        arguments: string;
        name: K;
        validated: true;
        parsed: z.output<S[K]>;
      };
    }[keyof S & string]
  | (ResponseFunctionCallInfo & { arguments: string; validated: false; parsed: unknown });

/** Events whose `response` names the response (its id seeds the ids generated for calls without one). */
const LIFECYCLE = new Set<string>([
  'response.created',
  'response.in_progress',
  'response.queued',
  'response.completed',
  'response.incomplete',
  'response.failed',
]);

/**
 * Emits each function call once it is complete (its `response.output_item.done`), with its arguments
 * parsed and, when `schemas` has the function, validated. Calls that only appear in the terminal
 * `response.completed` / `response.incomplete` payload are emitted then. Items whose status is
 * `incomplete` (cut off by `max_output_tokens`) are never emitted. Other item types are ignored.
 *
 * ```
 * events: --item.added(fc)--args.delta--args.delta--item.done(fc)--completed--|
 * responseFunctionCalls()
 * out:    ------------------------------------------a-------------------------|
 * ```
 *
 * @param schemas - zod schemas by function name; omit to get `parsed: unknown` for every call.
 * @returns An operator from events to complete calls.
 * @throws {@link ToolArgumentsError} (as an error notification) for invalid JSON or a schema failure.
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, responseFunctionCalls } from 'rxjs-openai-stream';
 *
 * const tools = { get_weather: z.object({ city: z.string() }) };
 * createClient({ apiKey: 'sk-...' })
 *   .responses.create({ model: 'gpt-4o', input: 'Weather in Paris?', stream: true,
 *     tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] })
 *   .pipe(responseFunctionCalls(tools))
 *   .subscribe((call) => call.validated && call.name === 'get_weather' && console.log(call.callId, call.parsed.city));
 * ```
 */
export function responseFunctionCalls<S extends ToolSchemas = Record<never, never>>(
  schemas?: S,
): OperatorFunction<ResponseStreamEvent, CompleteResponseFunctionCall<S>> {
  return (source) =>
    new Observable<CompleteResponseFunctionCall<S>>((subscriber) => {
      const emitted = new Set<string>();
      let responseId = '';
      const emit = (item: ResponseOutputItem, outputIndex: number) => {
        if (item.type !== 'function_call' || item.status === 'incomplete') return;
        const key = item.id || item.call_id || `#${outputIndex}`;
        if (emitted.has(key)) return;
        emitted.add(key);
        const info: ResponseFunctionCallInfo = {
          itemId: item.id ?? null,
          callId: item.call_id || generatedCallId(outputIndex, [responseId, item.id ?? '']),
          outputIndex,
          name: item.name ?? '',
        };
        const args = item.arguments ?? '';
        const { validated, parsed } = parseToolArguments(
          { name: info.name, id: info.callId, arguments: args },
          schemas,
        );
        subscriber.next({ ...info, arguments: args, validated, parsed } as CompleteResponseFunctionCall<S>);
      };
      return source.subscribe({
        next(event) {
          try {
            if (LIFECYCLE.has(event.type)) responseId ||= (event as { response: Response }).response.id;
            if (event.type === 'response.output_item.done') emit(event.item, event.output_index);
            if (event.type === 'response.completed' || event.type === 'response.incomplete') {
              event.response.output.forEach(emit);
            }
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
