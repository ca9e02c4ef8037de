import { last, throwIfEmpty, type Observable } from 'rxjs';
import { EmptyStreamError } from '../errors/empty-stream-error.js';
import { generatedCallId } from '../json/generated-call-id.js';
import { toResponseTool } from '../tools/convert.js';
import { checkRunParams, runSettingsOf, type RunToolsOptions } from '../tools/run-options.js';
import { runSteps } from '../tools/run-steps.js';
import type { ToolCallRequest } from '../tools/tool-events.js';
import type { Tool } from '../tools/tool.js';
import { accumulateResponse } from './operators/accumulate-response.js';
import type { ResponseSnapshot } from './operators/response-snapshot.js';
import type { ResponseInputItem } from './response-params.js';
import type { ResponseOutputItem } from './response-schema.js';
import type { ResponsesResource } from './responses-resource.js';
import type { ResponsesRequestOptions } from './resume-options.js';
import type { ResponseRunEvent, ResponseRunParams } from './run-events.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

const WHERE = 'responses.runTools';

/**
 * Runs a conversation with tools on the Responses API: streams a step, executes the `function_call`
 * items it ends with (in parallel, at most `toolConcurrency` at once), and streams the next step with the
 * step's output items and one `function_call_output` per call appended to the input, until a step ends
 * without function calls or `maxSteps` is reached. A cold Observable of {@link ResponseRunEvent}s:
 * nothing is sent before subscribe; unsubscribing aborts the request in flight and every running tool.
 * `client.responses.runTools(params, options)` is this function with the client's `create`.
 *
 * Chaining: every step resends the whole input (the conversation so far) rather than pointing at the
 * last response with `previous_response_id`. That works with `store: false`, with zero-data-retention
 * organisations and with compatible servers that keep no responses, retries need no server state, and
 * `finish.input` is the complete conversation to store or continue. The price is a larger request per
 * step. A `previous_response_id` you pass is kept on every step (the run continues after that response);
 * `conversation` is refused, as the server would append the resent items to it twice. Reasoning models
 * with `store: false` need `include: ['reasoning.encrypted_content']` so their reasoning items can be
 * resent.
 *
 * A failing call (unknown tool, bad arguments, a throwing `execute`) is answered with its error message;
 * the run goes on. A step that ends `incomplete` ends the run (its function calls are neither executed
 * nor kept in `finish.input`), with `finishReason` the `incomplete_details.reason`. `text.format` applies
 * to every step: read the final answer with `responsePartialObject(schema)` or
 * `responseFinalObject(schema)`. `ResponseFailedError` and request errors fail the run.
 *
 * @param create - `client.responses.create`.
 * @param params - the request params, without `stream` and `conversation`.
 * @param options - {@link RunToolsOptions} (and `resume`, for `background: true`).
 * @returns a cold Observable of run events; throws a `TypeError` at once for bad params or options.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, responseTextDeltas, tool } from 'rxjs-openai-stream';
 *
 * const client = createClient();
 * const getWeather = tool({
 *   name: 'get_weather',
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }) => ({ city, temperature: 21 }),
 * });
 * client.responses.runTools({ model: 'gpt-4o', input: 'Weather in Paris?' }, { tools: [getWeather] })
 *   .pipe(responseTextDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 */
export function runResponseTools<T extends Tool>(
  create: ResponsesResource['create'],
  params: ResponseRunParams,
  options: RunToolsOptions<T> & Pick<ResponsesRequestOptions, 'resume'>,
): Observable<ResponseRunEvent<T>> {
  checkRunParams(WHERE, params);
  if (params.conversation != null)
    throw new TypeError(
      `${WHERE}: "conversation" is not supported: a run resends the whole input at every step`,
    );
  const { input } = params;
  if (input !== undefined && typeof input !== 'string' && !Array.isArray(input))
    throw new TypeError(`${WHERE}: "input" must be a string or an array of items`);
  const declared = params.tools ?? [];
  const taken = declared.map((entry) => (typeof entry.name === 'string' ? entry.name : ''));
  const settings = runSettingsOf(WHERE, options, taken);
  const base = {
    ...params,
    tools: [...declared, ...[...settings.tools.values()].map(toResponseTool)],
    stream: true as const,
  };

  const first: readonly ResponseInputItem[] = Object.freeze(
    input === undefined ? [] : typeof input === 'string' ? [{ role: 'user', content: input }] : [...input],
  );
  type Event = ResponseRunEvent<T>;
  return runSteps<ResponseInputItem, ResponseStreamEvent, ResponseSnapshot, Event>(
    {
      settings,
      send: (items) => create({ ...base, input: [...items] }, settings.request),
      streamed: (step, event) => ({ type: 'event', step, event }),
      snapshot: (step) => (events$) =>
        events$.pipe(
          accumulateResponse(),
          last(),
          throwIfEmpty(() => new EmptyStreamError(`Step ${step} of the run streamed no event`)),
        ),
      end(step, response, history) {
        const incomplete = response.status === 'incomplete';
        const calls: ToolCallRequest[] = [];
        const output = response.output
          .filter((item) => !(incomplete && item.type === 'function_call'))
          .map((item) => {
            if (item.type !== 'function_call' || item.status === 'incomplete') return asInput(item);
            // The same id responseFunctionCalls() gives a call the server sent without one.
            const id =
              item.call_id || generatedCallId(response.output.indexOf(item), [response.id, item.id ?? '']);
            calls.push({ id, name: item.name ?? '', arguments: item.arguments ?? '' });
            return asInput({ ...item, call_id: id });
          });
        const reason = incomplete ? String(response.incomplete_details?.['reason'] ?? 'incomplete') : 'stop';
        return {
          event: { type: 'step', step, response, output },
          history: Object.freeze([...history, ...output]),
          calls,
          reason,
        };
      },
      answer: (call, output) => ({ type: 'function_call_output', call_id: call.id, output }),
      finish: (all, steps, usage, finishReason): Event => ({
        type: 'finish',
        input: all,
        steps,
        usage: usage ?? null,
        finishReason,
      }),
    },
    first,
  );
}

/** An output item as an input item: the API takes its own output items back as they are. */
function asInput(item: ResponseOutputItem): ResponseInputItem {
  return item as ResponseInputItem;
}
