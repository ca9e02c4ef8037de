import { Observable, type OperatorFunction } from 'rxjs';
import type { ChatRunEvent } from '../chat/run-events.js';
import type { ChatCompletionMessageParam } from '../chat/schemas/index.js';
import type { ChatToolCall } from './chat-types.js';
import type { ChatTurnEvent } from './chat-turn.js';

const freeze = (call: ChatToolCall): ChatToolCall => Object.freeze(call);

/**
 * Turns the events of a tool run into {@link ChatTurnEvent}s: text deltas; the tool calls as they are
 * written, run and answered (a new frozen list each time); the assistant message with its calls when its
 * step ends; and the tool messages, in the order of the calls, once all of that step's calls are answered
 * (what `runTools` sends back to the model).
 * @internal
 */
export function toolTurnEvents(): OperatorFunction<ChatRunEvent, ChatTurnEvent> {
  return (source$) =>
    new Observable<ChatTurnEvent>((subscriber) => {
      let calls: readonly ChatToolCall[] = Object.freeze([]);
      let step = 0;
      let stepStart = 0; // where the calls of the current step begin in `calls`
      let slots = new Map<number, number>(); // fragment index → position in `calls`, for this step
      let answers: Array<ChatCompletionMessageParam | undefined> = [];
      const enter = (next: number): void => {
        if (next === step) return;
        step = next;
        stepStart = calls.length;
        slots = new Map();
      };

      const publish = (next: ChatToolCall[]): void => {
        calls = Object.freeze(next);
        subscriber.next({ type: 'tools', calls });
      };
      /** Replaces the newest call with this id. */
      const update = (id: string, change: Partial<ChatToolCall>, step: number, name: string): void => {
        let at = calls.length - 1;
        while (at >= 0 && calls[at]!.id !== id) at--;
        const next = [...calls];
        const base = at >= 0 ? calls[at]! : { id, name, arguments: '', step, status: 'streaming' as const };
        next[at >= 0 ? at : next.length] = freeze({ ...base, ...change });
        publish(next);
      };
      const answer = (id: string, output: string): void => {
        const index = calls.slice(stepStart).findIndex((call) => call.id === id);
        if (index < 0 || index >= answers.length) return;
        answers[index] = { role: 'tool', tool_call_id: id, content: output };
        if (!answers.every(Boolean)) return;
        for (const message of answers.splice(0)) subscriber.next({ type: 'message', message: message! });
      };

      return source$.subscribe({
        next(event) {
          switch (event.type) {
            case 'chunk': {
              enter(event.step);
              const delta = event.chunk.choices.find((choice) => choice.index === 0)?.delta;
              if (delta?.content) subscriber.next(delta.content);
              if (!delta?.tool_calls?.length) return;
              const next = [...calls];
              for (const part of delta.tool_calls) {
                const key = part.index ?? 0;
                const at = slots.get(key) ?? next.length;
                slots.set(key, at);
                const was = next[at] ?? {
                  id: '',
                  name: '',
                  arguments: '',
                  step: event.step,
                  status: 'streaming',
                };
                next[at] = freeze({
                  ...was,
                  id: was.id || (part.id ?? ''),
                  name: was.name + (part.function?.name ?? ''),
                  arguments: was.arguments + (part.function?.arguments ?? ''),
                });
              }
              return publish(next);
            }
            case 'step': {
              enter(event.step);
              const made = event.message.tool_calls ?? [];
              if (!made.length) return;
              // The message carries the final ids (generated for calls streamed without one).
              const next = calls.slice(0, stepStart);
              for (const call of made) {
                const { name, arguments: args } = call.function;
                next.push(
                  freeze({ id: call.id, name, arguments: args, step: event.step, status: 'streaming' }),
                );
              }
              answers = new Array<undefined>(made.length).fill(undefined);
              publish(next);
              return subscriber.next({ type: 'message', message: event.message });
            }
            case 'tool_call':
              return update(
                event.call.id,
                { status: 'running', args: event.call.args },
                event.step,
                event.call.name,
              );
            case 'tool_result':
              update(
                event.call.id,
                { status: 'done', result: event.result, output: event.output },
                event.step,
                event.call.name,
              );
              return answer(event.call.id, event.output);
            case 'tool_error': {
              const { error, reason, output } = event;
              update(event.call.id, { status: 'error', error, reason, output }, event.step, event.call.name);
              return answer(event.call.id, output);
            }
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
