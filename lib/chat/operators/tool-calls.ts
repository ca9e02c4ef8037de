import { Observable, type OperatorFunction } from 'rxjs';
import type { z } from 'zod';
import type { ChatCompletionChunk } from '../schemas/index.js';
import { ChatAccumulator } from './chat-accumulator.js';
import type { ChatCompletionSnapshot, ChatCompletionSnapshotChoice } from './chat-completion-snapshot.js';
import { functionCallId } from './tool-call-merge.js';
import { parseToolArguments, type ToolSchemas } from '../../json/tool-arguments.js';

/**
 * What every tool-call event carries. `index` is the call's index in the choice (the server's, so it may
 * start at 1); `kind: 'function_call'` marks the legacy `delta.function_call`, which has `index: 0`. `id` is
 * the server's, or, for a call that came without one (and the legacy function call), a generated
 * `call_<index>_<hash>`: derived from the completion's `id` and `created` and the call's place rather than
 * random, so that `toolCalls()`, `toolCallDeltas()` and `accumulateChatCompletion()` on the same stream
 * give a call the same id, and the tool results you send back match the assistant message.
 *
 * @example
 * ```ts
 * import type { ToolCallInfo } from 'rxjs-openai-stream';
 *
 * const key = (call: ToolCallInfo) => `${call.choice}/${call.index}`;
 * ```
 */
export interface ToolCallInfo {
  choice: number;
  index: number;
  id: string;
  type: string;
  kind: 'tool_call' | 'function_call';
  name: string;
}

/**
 * A complete tool call, as {@link toolCalls} emits it: `arguments` is the raw JSON text, `parsed` its
 * value. For a tool in the schema map, `validated` is `true` and `parsed` is typed by that tool's schema
 * (narrow with `call.validated && call.name === 'get_weather'`); for any other tool, `validated` is `false`
 * and `parsed` is the plain JSON value (`unknown`).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import type { CompleteToolCall } from 'rxjs-openai-stream';
 *
 * const tools = { get_weather: z.object({ city: z.string() }) };
 * const city = (call: CompleteToolCall<typeof tools>) =>
 *   call.validated && call.name === 'get_weather' ? call.parsed.city : undefined;
 * ```
 */
export type CompleteToolCall<S extends ToolSchemas = Record<never, never>> =
  | {
      [K in keyof S & string]: ToolCallInfo & {
        arguments: string;
        name: K;
        validated: true;
        parsed: z.output<S[K]>;
      };
    }[keyof S & string]
  | (ToolCallInfo & { arguments: string; validated: false; parsed: unknown });

/** Finish reasons that cut a call off: its arguments may be incomplete, so it is never emitted. */
const CUT_OFF = new Set(['length', 'content_filter']);

/**
 * Emits each tool call once it is complete, with its arguments parsed (and validated, when `schemas` has
 * the tool). A call is complete when its choice gets a `finish_reason`, or when the stream completes (after
 * `[DONE]`); never merely because its arguments already parse (a parsable prefix is not the final value).
 * Calls of a choice that finished with `length` or `content_filter` are never emitted; a source error
 * passes through without emitting unfinished calls. The legacy `function_call` is emitted like a call,
 * with `kind: 'function_call'`.
 *
 * ```
 * chunks: --{call 0 "{\"ci"}--{call 0 "ty\":1}"}--{call 1 "{}"}--{finish: tool_calls}--|
 * toolCalls()
 * out:    -------------------------------------------------------(ab)-----------------|
 *           a = { index: 0, parsed: { city: 1 } }, b = { index: 1, parsed: {} }
 *
 * chunks: --{call 0 "{\"ci"}--{finish: length}--|
 * out:    --------------------------------------|
 * ```
 *
 * @param schemas - zod schemas by tool name; omit to get `parsed: unknown` for every call.
 * @returns An operator from chunks to complete calls.
 * @throws {@link ToolArgumentsError} (as an error notification) for invalid JSON or a schema failure.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, toolCalls } from 'rxjs-openai-stream';
 *
 * const WeatherArgs = z.object({ city: z.string() });
 * createClient({ apiKey: 'sk-...' })
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather in Paris?' }], stream: true,
 *     tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }] })
 *   .pipe(toolCalls({ get_weather: WeatherArgs }))
 *   .subscribe((call) => call.validated && call.name === 'get_weather' && console.log(call.parsed.city));
 * ```
 */
export function toolCalls<S extends ToolSchemas = Record<never, never>>(
  schemas?: S,
): OperatorFunction<ChatCompletionChunk, CompleteToolCall<S>> {
  return (source) =>
    new Observable<CompleteToolCall<S>>((subscriber) => {
      const accumulator = new ChatAccumulator();
      const emitted = new Set<string>();
      const emit = (key: string, info: ToolCallInfo, args: string) => {
        if (emitted.has(key)) return;
        emitted.add(key);
        const { validated, parsed } = parseToolArguments(
          { name: info.name, id: info.id, arguments: args },
          schemas,
        );
        subscriber.next({ ...info, arguments: args, validated, parsed } as CompleteToolCall<S>);
      };
      const emitChoice = (snapshot: ChatCompletionSnapshot, choice: ChatCompletionSnapshotChoice) => {
        if (choice.finish_reason !== null && CUT_OFF.has(choice.finish_reason)) return;
        const { tool_calls: calls = [], function_call: legacy } = choice.message;
        calls.forEach((call, position) => {
          const info: ToolCallInfo = {
            choice: choice.index,
            index: call.index,
            id: call.id,
            type: call.type,
            kind: 'tool_call',
            name: call.function.name,
          };
          emit(`${choice.index}:${position}`, info, call.function.arguments);
        });
        if (legacy) {
          const info: ToolCallInfo = {
            choice: choice.index,
            index: 0,
            id: functionCallId(snapshot, choice.index),
            type: 'function',
            kind: 'function_call',
            name: legacy.name,
          };
          emit(`${choice.index}:function_call`, info, legacy.arguments);
        }
      };
      return source.subscribe({
        next(chunk) {
          try {
            const snapshot = accumulator.push(chunk);
            for (const choice of snapshot.choices) {
              if (choice.finish_reason !== null && chunk.choices.some((c) => c.index === choice.index))
                emitChoice(snapshot, choice);
            }
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          try {
            const last = accumulator.snapshot;
            for (const choice of last?.choices ?? []) emitChoice(last as ChatCompletionSnapshot, choice);
            subscriber.complete();
          } catch (error) {
            subscriber.error(error);
          }
        },
      });
    });
}
