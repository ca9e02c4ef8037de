import {
  DestroyRef,
  Injector,
  PLATFORM_ID,
  PendingTasks,
  assertInInjectionContext,
  computed,
  inject,
  signal,
} from '@angular/core';
import type { Subscription } from 'rxjs';
import type * as z from 'zod';
import type { ChatCompletionMessageParam } from '../chat/schemas/index.js';
import type { OpenAIStreamError } from '../errors/index.js';
import { smoothText } from '../text/smooth-text.js';
import type { DeepPartial } from '../structured/deep-partial.js';
import type { Chat, ChatStatus, ChatToolCall, InjectChatOptions } from './chat-types.js';
import { chatTurn, type ChatTurnEvent } from './chat-turn.js';
import { OPENAI_STREAM_CLIENT } from './tokens.js';
import { toStreamError } from './to-stream-error.js';

type Message = ChatCompletionMessageParam;
const freeze = (message: Message): Message => Object.freeze({ ...message });
const freezeCall = (call: ChatToolCall): ChatToolCall => Object.freeze(call);
const unsettled = (call: ChatToolCall): boolean => call.status === 'streaming' || call.status === 'running';
const NO_CALLS: readonly ChatToolCall[] = Object.freeze([]);
/** The answer recorded for a tool call that the user stopped before it finished. */
const STOPPED = 'The user stopped this tool call before it finished.';

/** The running turn: its subscription, and whether text was written since its last committed message. */
interface Turn {
  subscription?: Subscription;
  wrote: boolean;
  committed: boolean;
}

/**
 * The state of one conversation as signals, with the client registered by `provideOpenAIStream`:
 * `messages()`, `status()`, the reply in progress `text()`, a typed `error()`, and `send()`, `stop()`,
 * `regenerate()`, `reset()`. Call it in an injection context (a field initializer); the actions then work
 * from anywhere, e.g. click handlers. When the injector is destroyed, the running reply is aborted.
 *
 * `status()` is `'submitted'` until the first token and `'streaming'` from then on, which Angular's
 * `rxResource` cannot tell apart. With `tools`, a turn runs the tool loop of `runTools` and `toolCalls()`
 * shows each call as it is written, runs and is answered; with a zod `schema`, `object()` shows the
 * structured answer as it grows. During server-side rendering nothing is requested unless
 * `streamOnServer` is set.
 *
 * @param options - the model, the initial messages, request parameters, `smooth` text and more.
 * @returns the conversation's signals and actions.
 *
 * @example
 * ```ts
 * import { ChangeDetectionStrategy, Component } from '@angular/core';
 * import { injectChat } from 'rxjs-openai-stream/angular';
 *
 * @Component({
 *   selector: 'app-chat',
 *   changeDetection: ChangeDetectionStrategy.OnPush,
 *   template: `
 *     @for (message of chat.messages(); track $index) {
 *       <p [class]="message.role">{{ message.content }}</p>
 *     }
 *     @if (chat.busy()) {
 *       <p class="assistant">{{ chat.text() }}</p>
 *       <button (click)="chat.stop()">Stop</button>
 *     }
 *     @if (chat.error(); as error) {
 *       <p role="alert">{{ error.message }}</p>
 *       <button (click)="chat.regenerate()">Retry</button>
 *     }
 *     <input #prompt (keydown.enter)="chat.send(prompt.value); prompt.value = ''" />
 *   `,
 * })
 * export class ChatComponent {
 *   readonly chat = injectChat({ model: 'gpt-4o-mini', smooth: true });
 * }
 * ```
 */
export function injectChat<S extends z.core.$ZodType = z.core.$ZodType>(
  options: InjectChatOptions<S>,
): Chat<z.output<S>> {
  if (!options.injector) assertInInjectionContext(injectChat);
  const injector = options.injector ?? inject(Injector);
  const client = injector.get(OPENAI_STREAM_CLIENT);
  const onServer = injector.get(PLATFORM_ID) === 'server';
  const destroyRef = injector.get(DestroyRef);
  const initial = Object.freeze((options.messages ?? []).map(freeze));
  const smooth = options.smooth
    ? smoothText<ChatTurnEvent>(options.smooth === true ? {} : options.smooth)
    : undefined;

  const messages = signal(initial);
  const status = signal<ChatStatus>('idle');
  const text = signal('');
  const error = signal<OpenAIStreamError | undefined>(undefined);
  const object = signal<DeepPartial<z.output<S>> | undefined>(undefined);
  const toolCalls = signal<readonly ChatToolCall[]>(NO_CALLS);
  const { tools, maxSteps, schema, schemaName, requestOptions } = options;
  let turn: Turn | undefined;

  const append = (message: Message): void => messages.set(Object.freeze([...messages(), freeze(message)]));
  /** Ends the running turn; `keep` adds the reply written so far to the conversation. */
  const finish = (next: ChatStatus, keep: boolean): void => {
    turn?.subscription?.unsubscribe();
    turn = undefined;
    if (keep) append({ role: 'assistant', content: text() });
    settleToolCalls();
    status.set(next);
  };
  const fail = (failure: unknown): void => {
    error.set(toStreamError(failure));
    finish('error', false);
  };

  /**
   * After a turn ended early: calls still running are marked aborted, and calls of the last assistant
   * message that have no answer get one, so the conversation stays one the API accepts.
   */
  function settleToolCalls(): void {
    const calls = toolCalls();
    if (calls.some(unsettled))
      toolCalls.set(
        Object.freeze(calls.map((c) => (unsettled(c) ? freezeCall({ ...c, status: 'aborted' }) : c))),
      );
    const all = messages();
    const asked = [...all].reverse().find((message) => message.role === 'assistant');
    const answered = new Set(all.map((message) => (message.role === 'tool' ? message.tool_call_id : '')));
    for (const call of asked?.role === 'assistant' ? (asked.tool_calls ?? []) : []) {
      if (answered.has(call.id)) continue;
      const shown = [...calls].reverse().find((c) => c.id === call.id);
      append({ role: 'tool', tool_call_id: call.id, content: shown?.output ?? STOPPED });
    }
  }

  function start(): void {
    if (destroyRef.destroyed) return;
    text.set('');
    error.set(undefined);
    object.set(undefined);
    toolCalls.set(NO_CALLS);
    status.set('submitted');
    if (onServer && !options.streamOnServer) return;
    let turn$;
    try {
      const params = { ...options.params, model: options.model, messages: [...messages()] };
      turn$ = chatTurn(client, params, { requestOptions, tools, maxSteps, schema, schemaName });
    } catch (failure) {
      return fail(failure); // a bad request option: a TypeError that names it, as the error
    }
    const state: Turn = { wrote: false, committed: false };
    turn = state;
    state.subscription = (smooth ? turn$.pipe(smooth) : turn$).subscribe({
      next: (event) => {
        status.set('streaming');
        if (typeof event === 'string') {
          text.update((so) => so + event);
          state.wrote = true;
        } else if (event.type === 'message') {
          append(event.message);
          text.set('');
          Object.assign(state, { wrote: false, committed: true });
        } else if (event.type === 'tools') {
          toolCalls.set(event.calls);
        } else {
          object.set(event.value as DeepPartial<z.output<S>>);
        }
      },
      error: fail,
      complete: () => finish('done', state.wrote || !state.committed),
    });
    if (onServer && turn === state) state.subscription.add(injector.get(PendingTasks).add());
  }

  const stop = (): void => {
    if (turn) finish('aborted', turn.wrote);
  };
  destroyRef.onDestroy(stop);

  return {
    messages: messages.asReadonly(),
    status: status.asReadonly(),
    text: text.asReadonly(),
    error: error.asReadonly(),
    object: object.asReadonly(),
    toolCalls: toolCalls.asReadonly(),
    busy: computed(() => status() === 'submitted' || status() === 'streaming'),
    send(content) {
      stop();
      if (destroyRef.destroyed) return;
      append({ role: 'user', content });
      start();
    },
    stop,
    regenerate() {
      stop();
      const all = messages();
      const lastUser = all.map((message) => message.role).lastIndexOf('user');
      if (lastUser < 0) return;
      messages.set(all.slice(0, lastUser + 1));
      start();
    },
    reset() {
      finish('idle', false);
      messages.set(initial);
      text.set('');
      error.set(undefined);
      object.set(undefined);
      toolCalls.set(NO_CALLS);
    },
  };
}
