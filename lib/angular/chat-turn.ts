import { connect, map, merge, type Observable, type OperatorFunction } from 'rxjs';
import type * as z from 'zod';
import type { OpenAIClient } from '../client.js';
import { textDeltas } from '../chat/operators/text-deltas.js';
import type { ChatRunEvent, ChatRunParams } from '../chat/run-events.js';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from '../chat/schemas/index.js';
import type { RequestOptions } from '../http/request-options.js';
import { partialObject } from '../structured/partial-object.js';
import { zodResponseFormat } from '../structured/zod-format.js';
import type { Tool } from '../tools/tool.js';
import type { ChatToolCall } from './chat-types.js';
import { toolTurnEvents } from './tool-turn-events.js';

/**
 * What one turn of {@link injectChat} emits: strings are text deltas of the message being written; a
 * `message` event commits a finished message (it already holds the text streamed for it, if any) and
 * the following deltas start a new one; `tools` is the new snapshot of the turn's tool calls; `object`
 * the structured answer so far. Only strings are paced by `smoothText`; the rest passes at once.
 * @internal
 */
export type ChatTurnEvent =
  | string
  | { type: 'message'; message: ChatCompletionMessageParam }
  | { type: 'tools'; calls: readonly ChatToolCall[] }
  | { type: 'object'; value: unknown };

/** What shapes a turn besides its params: the tools to run and the structured answer's schema. @internal */
export interface ChatTurnOptions {
  requestOptions?: Omit<RequestOptions, 'observe'>;
  tools?: readonly Tool[];
  maxSteps?: number;
  schema?: z.core.$ZodType;
  schemaName?: string;
}

type Source = ChatCompletionChunk | ChatRunEvent;

/**
 * One turn: a streamed completion of `params` (text deltas), or with `tools` the tool loop of
 * `runTools` (text, committed messages, tool activity); with `schema`, also the growing object.
 * Throws a `TypeError` at once for bad params or options.
 * @internal
 */
export function chatTurn(
  client: OpenAIClient,
  params: ChatRunParams,
  options: ChatTurnOptions,
): Observable<ChatTurnEvent> {
  const { requestOptions, tools, maxSteps, schema, schemaName = 'answer' } = options;
  const request = schema ? { ...params, response_format: zodResponseFormat(schema, schemaName) } : params;
  const source$: Observable<Source> = tools?.length
    ? client.chat.completions.runTools(request, { ...requestOptions, tools, maxSteps })
    : client.chat.completions.create({ ...request, stream: true }, requestOptions);
  const events: OperatorFunction<Source, ChatTurnEvent> = tools?.length
    ? (toolTurnEvents() as OperatorFunction<Source, ChatTurnEvent>)
    : textDeltas();
  if (!schema) return source$.pipe(events);
  return source$.pipe(
    connect((shared$) =>
      merge(
        shared$.pipe(events),
        shared$.pipe(
          partialObject(schema),
          map((value): ChatTurnEvent => ({ type: 'object', value })),
        ),
      ),
    ),
  );
}
