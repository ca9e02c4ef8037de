import { filter, map, throwIfEmpty, type OperatorFunction } from 'rxjs';
import { EmptyStreamError } from '../errors/empty-stream-error.js';
import type { ChatFinishEvent, ChatRunEvent } from './run-events.js';
import type { ChatCompletionMessageParam } from './schemas/index.js';
import type { Tool } from '../tools/tool.js';

/**
 * Emits the conversation at the end of a chat tool run (`finish.messages`): the messages you sent, every
 * assistant message and every tool answer, ready to be sent again with the next user message.
 *
 * ```
 * run: --chunk--step--tool_call--tool_result--chunk--step--finish|
 * finalMessages()
 * out: ----------------------------------------------------m-----|
 * ```
 *
 * @returns An operator from run events to the final messages; `EmptyStreamError` if the run completed
 * without `finish`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, finalMessages, tool, type ChatCompletionMessageParam } from 'rxjs-openai-stream';
 *
 * const client = createClient();
 * const roll = tool({ name: 'roll_die', parameters: z.object({}), execute: () => 1 + Math.floor(Math.random() * 6) });
 * let messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Roll a die for me.' }];
 * client.chat.completions.runTools({ model: 'gpt-4o', messages }, { tools: [roll] })
 *   .pipe(finalMessages())
 *   .subscribe((conversation) => (messages = conversation));
 * ```
 */
export function finalMessages<T extends Tool>(): OperatorFunction<
  ChatRunEvent<T>,
  ChatCompletionMessageParam[]
> {
  return (source) =>
    source.pipe(
      filter((event): event is ChatFinishEvent => event.type === 'finish'),
      map((event) => event.messages),
      throwIfEmpty(() => new EmptyStreamError('The tool run completed without a finish event')),
    );
}
