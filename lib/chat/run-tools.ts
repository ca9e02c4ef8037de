import type { Observable } from 'rxjs';
import { EmptyStreamError } from '../errors/empty-stream-error.js';
import { toChatTool } from '../tools/convert.js';
import { checkRunParams, runSettingsOf, type RunToolsOptions } from '../tools/run-options.js';
import { runSteps } from '../tools/run-steps.js';
import type { Tool } from '../tools/tool.js';
import { assistantMessageOf } from './assistant-message.js';
import type { ChatCompletions } from './completions.js';
import { finalChatCompletion } from './operators/accumulate-chat-completion.js';
import type { ChatCompletionSnapshot } from './operators/chat-completion-snapshot.js';
import type { ChatRunEvent, ChatRunParams } from './run-events.js';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from './schemas/index.js';

const WHERE = 'chat.completions.runTools';
const CUT_OFF = new Set(['length', 'content_filter']);

/**
 * Runs a conversation with tools on Chat Completions: streams a step, executes the tool calls it ends
 * with (in parallel, at most `toolConcurrency` at once), appends the assistant message and one
 * `role: 'tool'` message per call, and streams the next step, until a step ends without tool calls or
 * `maxSteps` is reached. A cold Observable of {@link ChatRunEvent}s: nothing is sent before subscribe;
 * unsubscribing aborts the request in flight and every running tool (its `signal` aborts, its Observable
 * is unsubscribed). `client.chat.completions.runTools(params, options)` is this function with the
 * client's `create`.
 *
 * Every step streams (`stream_options.include_usage` defaults to `true`, so `finish.usage` is the sum of
 * every step's usage) and follows choice 0 (`n > 1` is refused). A failing call (unknown tool, arguments
 * that are not JSON or fail the schema, a throwing `execute`) does not fail the run: its error message is
 * the tool's answer, so the model can correct itself. A step cut off by `length` or `content_filter` ends
 * the run (its possibly incomplete calls are not executed, nor kept in `messages`). `response_format`
 * applies to every step: read the final answer with `partialObject(schema)` or `finalObject(schema)`.
 * With `tool_choice: 'required'` (or a named function) the model calls a tool at every step, so the run
 * ends at `maxSteps`. Request errors (after the client's retries) fail the run.
 *
 * ```
 * step 1: chunk chunk step tool_call tool_call tool_result tool_result
 * step 2: chunk chunk chunk step finish|
 * ```
 *
 * @param create - `client.chat.completions.create`.
 * @param params - the request params, without `stream`.
 * @param options - {@link RunToolsOptions}: `tools`, `maxSteps`, `toolConcurrency` and request options.
 * @returns a cold Observable of run events; throws a `TypeError` at once for bad params or options.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, textDeltas, tool } from 'rxjs-openai-stream';
 *
 * const client = createClient();
 * const getWeather = tool({
 *   name: 'get_weather',
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }) => ({ city, temperature: 21 }),
 * });
 * client.chat.completions
 *   .runTools({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather in Paris?' }] }, { tools: [getWeather] })
 *   .pipe(textDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 */
export function runChatTools<T extends Tool>(
  create: ChatCompletions['create'],
  params: ChatRunParams,
  options: RunToolsOptions<T>,
): Observable<ChatRunEvent<T>> {
  checkRunParams(WHERE, params);
  if (!Array.isArray(params.messages)) throw new TypeError(`${WHERE}: "messages" must be an array`);
  if (params.n != null && params.n !== 1)
    throw new TypeError(`${WHERE}: "n" must be 1 (a run follows one choice)`);
  const declared = params.tools ?? [];
  const taken = declared.map(
    (entry) => ('function' in entry ? (entry.function as { name?: string }).name : '') ?? '',
  );
  const settings = runSettingsOf(WHERE, options, taken);
  const base = {
    ...params,
    tools: [...declared, ...[...settings.tools.values()].map(toChatTool)],
    stream: true as const,
    stream_options: params.stream_options ?? { include_usage: true },
  };
  type Event = ChatRunEvent<T>;
  return runSteps<ChatCompletionMessageParam, ChatCompletionChunk, ChatCompletionSnapshot, Event>(
    {
      settings,
      send: (messages) => create({ ...base, messages: [...messages] }, settings.request),
      streamed: (step, chunk) => ({ type: 'chunk', step, chunk }),
      snapshot: () => finalChatCompletion(),
      end(step, completion, history) {
        const choice = completion.choices.find((entry) => entry.index === 0);
        if (!choice) throw new EmptyStreamError(`Step ${step} of the run streamed no choice`);
        const cut = choice.finish_reason !== null && CUT_OFF.has(choice.finish_reason);
        const message = assistantMessageOf(choice.message, !cut);
        const calls = (message.tool_calls ?? []).map((call) => ({
          id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        }));
        return {
          event: { type: 'step', step, completion, message },
          history: Object.freeze([...history, message]),
          calls,
          reason: choice.finish_reason ?? 'stop',
        };
      },
      answer: (call, content) => ({ role: 'tool', tool_call_id: call.id, content }),
      finish: (messages, steps, usage, finishReason): Event => ({
        type: 'finish',
        messages,
        steps,
        usage: usage ?? null,
        finishReason,
      }),
    },
    Object.freeze([...params.messages]),
  );
}
