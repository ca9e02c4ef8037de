import type { Injector, Signal } from '@angular/core';
import type * as z from 'zod';
import type { ChatCompletionCreateParams, ChatCompletionMessageParam } from '../chat/schemas/index.js';
import type { OpenAIStreamError } from '../errors/index.js';
import type { RequestOptions } from '../http/request-options.js';
import type { DeepPartial } from '../structured/deep-partial.js';
import type { SmoothTextOptions } from '../text/smooth-text.js';
import type { ToolErrorReason } from '../tools/tool-events.js';
import type { Tool } from '../tools/tool.js';

/**
 * Where the conversation of {@link injectChat} stands: `'idle'` before the first message, `'submitted'`
 * from `send()` until the first token, `'streaming'` from the first token, then `'done'`, `'error'` or
 * `'aborted'` (by `stop()`, a new `send()`, or the injector's destruction).
 *
 * @example
 * ```ts
 * import type { ChatStatus } from 'rxjs-openai-stream/angular';
 *
 * const thinking = (status: ChatStatus) => status === 'submitted'; // show a spinner until the first token
 * ```
 */
export type ChatStatus = 'idle' | 'submitted' | 'streaming' | 'done' | 'error' | 'aborted';

/**
 * The request parameters {@link injectChat} sends with every turn, besides the model and the messages.
 * Tools and structured output have options of their own (`tools`, `schema`); `n` is not supported.
 *
 * @example
 * ```ts
 * import type { ChatParams } from 'rxjs-openai-stream/angular';
 *
 * const params: ChatParams = { temperature: 0.2, max_completion_tokens: 800 };
 * ```
 */
export type ChatParams = Omit<
  ChatCompletionCreateParams,
  | 'model'
  | 'messages'
  | 'stream'
  | 'n'
  | 'tools'
  | 'tool_choice'
  | 'parallel_tool_calls'
  | 'functions'
  | 'function_call'
  | 'response_format'
>;

/**
 * Options of {@link injectChat}.
 *
 * @example
 * ```ts
 * import type { InjectChatOptions } from 'rxjs-openai-stream/angular';
 *
 * const options: InjectChatOptions = {
 *   model: 'gpt-4o-mini',
 *   messages: [{ role: 'system', content: 'Answer in one paragraph.' }],
 *   smooth: true,
 * };
 * ```
 */
export interface InjectChatOptions<S extends z.core.$ZodType = z.core.$ZodType> {
  /** The model every turn asks. */
  model: string;
  /**
   * Tools made by `tool()`: each turn then runs the tool loop of `client.chat.completions.runTools`
   * (the tools run in the browser), and `toolCalls()` shows their activity. @defaultValue none
   */
  tools?: readonly Tool[];
  /** The most requests one turn may make with `tools` (runTools' `maxSteps`). @defaultValue 10 */
  maxSteps?: number;
  /**
   * A zod schema for a structured answer: every turn sends `response_format: zodResponseFormat(schema,
   * schemaName)`, and `object()` shows the answer as it grows (`partialObject(schema)`).
   * @defaultValue none
   */
  schema?: S;
  /** The `name` of the response format sent with `schema`. @defaultValue 'answer' */
  schemaName?: string;
  /** The conversation to start from, and to go back to on `reset()` (e.g. a system message). @defaultValue [] */
  messages?: readonly ChatCompletionMessageParam[];
  /** Other request parameters for every turn. @defaultValue {} */
  params?: ChatParams;
  /** Headers, query and timers for every turn's request. @defaultValue the client's */
  requestOptions?: Omit<RequestOptions, 'observe' | 'signal'>;
  /** Paces the reply's text with `smoothText`: `true` for its defaults, or its options. @defaultValue false */
  smooth?: boolean | SmoothTextOptions;
  /**
   * Also request replies during server-side rendering; the render then waits for them (a pending task).
   * Otherwise `send()` on the server only records the message and leaves the status `'submitted'`.
   * @defaultValue false
   */
  streamOnServer?: boolean;
  /** The injector to use outside an injection context. @defaultValue the current injection context */
  injector?: Injector;
}

/**
 * One conversation as signals, returned by {@link injectChat}. Every signal value is a new frozen snapshot
 * when it changes, so `OnPush` components and zoneless change detection see every update.
 *
 * @example
 * ```ts
 * import type { Chat } from 'rxjs-openai-stream/angular';
 *
 * declare const chat: Chat;
 * chat.send('Hello!');
 * console.log(chat.status(), chat.text(), chat.messages().length);
 * ```
 */
export interface Chat<T = unknown> {
  /** The finished messages, oldest first: the initial ones, the user's, and every reply that ended. */
  readonly messages: Signal<readonly ChatCompletionMessageParam[]>;
  readonly status: Signal<ChatStatus>;
  /** The reply in progress; after the turn it keeps the last reply's text (also after an error). */
  readonly text: Signal<string>;
  /** What the last turn failed with, or `undefined`. */
  readonly error: Signal<OpenAIStreamError | undefined>;
  /**
   * With a `schema`: the structured answer of the turn as it grows (typed, validated snapshots), then the
   * validated value; `undefined` before its first field. When the answer fails its schema, `error()` is
   * a `StructuredOutputError` and `object()` keeps the last valid snapshot.
   */
  readonly object: Signal<DeepPartial<T> | undefined>;
  /** With `tools`: the tool calls of the running (or last) turn, in the order the model made them. */
  readonly toolCalls: Signal<readonly ChatToolCall[]>;
  /** `true` while a turn is `'submitted'` or `'streaming'`. */
  readonly busy: Signal<boolean>;
  /** Adds a user message and requests the reply; a reply still running is stopped first. */
  send(content: string): void;
  /** Stops the running reply (aborting its request); what was shown of it joins `messages()`. */
  stop(): void;
  /** Drops the replies after the last user message and asks again (e.g. a retry after an error). */
  regenerate(): void;
  /** Stops, and goes back to the initial messages and `'idle'`. */
  reset(): void;
}

/**
 * Where a tool call of {@link injectChat} stands: `'streaming'` while the model writes its arguments,
 * `'running'` while its `execute` runs, then `'done'`, `'error'` (unknown tool, bad arguments, a throwing
 * `execute`: the model reads the error as the answer), or `'aborted'` (the turn stopped first).
 *
 * @example
 * ```ts
 * import type { ChatToolCallStatus } from 'rxjs-openai-stream/angular';
 *
 * const spinning = (status: ChatToolCallStatus) => status === 'streaming' || status === 'running';
 * ```
 */
export type ChatToolCallStatus = 'streaming' | 'running' | 'done' | 'error' | 'aborted';

/**
 * One tool call of a turn, as {@link Chat.toolCalls} shows it: a frozen snapshot, replaced (never
 * changed) when the call moves on.
 *
 * @example
 * ```ts
 * import type { ChatToolCall } from 'rxjs-openai-stream/angular';
 *
 * const label = (call: ChatToolCall) =>
 *   call.status === 'done' ? `${call.name} → ${call.output}` : `${call.name}: ${call.status}`;
 * ```
 */
export interface ChatToolCall {
  /** The call id (`''` until the model has sent it). */
  readonly id: string;
  readonly name: string;
  /** The arguments as the model wrote them (JSON text, growing while `'streaming'`). */
  readonly arguments: string;
  /** The arguments parsed and validated by the tool's schema, from `'running'` on. */
  readonly args?: unknown;
  readonly status: ChatToolCallStatus;
  /** The step (request) of the turn that made the call, from 1. */
  readonly step: number;
  /** What `execute` returned (`'done'`). */
  readonly result?: unknown;
  /** The text the model reads as the answer (`'done'` and `'error'`). */
  readonly output?: string;
  /** Why the call failed (`'error'`): `ToolArgumentsError` or what `execute` threw. */
  readonly error?: unknown;
  readonly reason?: ToolErrorReason;
}
