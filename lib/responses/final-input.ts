import { filter, map, throwIfEmpty, type OperatorFunction } from 'rxjs';
import { EmptyStreamError } from '../errors/empty-stream-error.js';
import type { Tool } from '../tools/tool.js';
import type { ResponseInputItem } from './response-params.js';
import type { ResponseFinishEvent, ResponseRunEvent } from './run-events.js';

/**
 * Emits the conversation at the end of a Responses tool run (`finish.input`): your input, every output
 * item and every `function_call_output`, ready to be sent again with the next user message.
 *
 * ```
 * run: --event--step--tool_call--tool_result--event--step--finish|
 * responseFinalInput()
 * out: ----------------------------------------------------i-----|
 * ```
 *
 * @returns An operator from run events to the final input items; `EmptyStreamError` if the run
 * completed without `finish`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, responseFinalInput, tool, type ResponseInputItem } from 'rxjs-openai-stream';
 *
 * const client = createClient();
 * const roll = tool({ name: 'roll_die', parameters: z.object({}), execute: () => 1 + Math.floor(Math.random() * 6) });
 * let input: ResponseInputItem[] = [{ role: 'user', content: 'Roll a die for me.' }];
 * client.responses.runTools({ model: 'gpt-4o', input }, { tools: [roll] })
 *   .pipe(responseFinalInput())
 *   .subscribe((conversation) => (input = conversation));
 * ```
 */
export function responseFinalInput<T extends Tool>(): OperatorFunction<
  ResponseRunEvent<T>,
  ResponseInputItem[]
> {
  return (source) =>
    source.pipe(
      filter((event): event is ResponseFinishEvent => event.type === 'finish'),
      map((event) => event.input),
      throwIfEmpty(() => new EmptyStreamError('The tool run completed without a finish event')),
    );
}
