import type { Injector, Signal } from '@angular/core';
import type { ChatCompletionCreateParams, ChatCompletionMessageParam } from '../chat/schemas/index.js';
import type { OpenAIStreamError } from '../errors/index.js';
import type { RequestOptions } from '../http/request-options.js';
import type { SmoothTextOptions } from '../text/smooth-text.js';

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
 * Tools, structured output and `n` are not among them yet.
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
export interface InjectChatOptions {
  /** The model every turn asks. */
  model: string;
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
export interface Chat {
  /** The finished messages, oldest first: the initial ones, the user's, and every reply that ended. */
  readonly messages: Signal<readonly ChatCompletionMessageParam[]>;
  readonly status: Signal<ChatStatus>;
  /** The reply in progress; after the turn it keeps the last reply's text (also after an error). */
  readonly text: Signal<string>;
  /** What the last turn failed with, or `undefined`. */
  readonly error: Signal<OpenAIStreamError | undefined>;
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
