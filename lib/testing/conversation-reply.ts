import type { MockReply, MockReplySource, RecordedRequest } from './types.js';

/**
 * What a scripted turn sees of the incoming conversation (chat `messages` or Responses `input`).
 *
 * @example
 * ```ts
 * import type { MockConversation } from 'rxjs-openai-stream/testing';
 *
 * const answer = (conversation: MockConversation) => `Got ${conversation.toolOutputs.length} results.`;
 * ```
 */
export interface MockConversation {
  /** How many model turns the conversation already holds: 0 for the first request. */
  turn: number;
  /** The tool answers at the end of the conversation (`role: 'tool'` / `function_call_output`), in order. */
  toolOutputs: Array<{ callId: string; output: string }>;
  /** The chat `messages` or the Responses `input` (a string input reads as one user message). */
  items: unknown[];
  request: RecordedRequest;
}

/**
 * One turn of {@link conversationReply}: a reply, or a function of the conversation that returns one.
 *
 * @example
 * ```ts
 * import type { MockTurn } from 'rxjs-openai-stream/testing';
 *
 * const echo: MockTurn = (conversation) => ({ type: 'chat', text: conversation.toolOutputs[0]?.output ?? '' });
 * ```
 */
export type MockTurn = MockReply | ((conversation: MockConversation) => MockReply);

/**
 * A reply source for multi-step tool conversations, on both APIs. The reply to a request is chosen by the
 * conversation it carries, not by arrival order: turn `n` answers a conversation that already holds `n`
 * model turns (assistant messages; for Responses, runs of output items such as `function_call`), so a
 * retried request gets the same turn again and two clients can run the same script on one server.
 * Conversations longer than the script get its last turn. `chat` replies on `/responses` (and the other
 * way round) are translated, tool calls included.
 *
 * @param turns - the model's turns, in order.
 * @returns a reply source for `startMockServer({ reply })`.
 *
 * @example
 * ```ts
 * import { conversationReply, startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer({
 *   reply: conversationReply([
 *     { type: 'chat', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
 *     (conversation) => ({ type: 'chat', text: `The weather: ${conversation.toolOutputs[0]?.output}` }),
 *   ]),
 * });
 * ```
 */
export function conversationReply(turns: readonly MockTurn[]): MockReplySource {
  if (!Array.isArray(turns) || turns.length === 0)
    throw new TypeError('conversationReply: "turns" must be a non-empty array');
  return (request) => {
    const conversation = conversationOf(request);
    const turn = turns[Math.min(conversation.turn, turns.length - 1)] as MockTurn;
    return typeof turn === 'function' ? turn(conversation) : turn;
  };
}

type Item = Record<string, unknown>;

function conversationOf(request: RecordedRequest): MockConversation {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Item;
  const raw = body['messages'] ?? body['input'] ?? [];
  const items: unknown[] =
    typeof raw === 'string' ? [{ role: 'user', content: raw }] : Array.isArray(raw) ? raw : [];
  let turn = 0;
  let previousWasModel = false;
  for (const item of items) {
    const model = isModelItem(item as Item);
    if (model && !previousWasModel) turn++;
    previousWasModel = model;
  }
  const toolOutputs: MockConversation['toolOutputs'] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const answer = toolOutputOf(items[i] as Item);
    if (!answer) break;
    toolOutputs.unshift(answer);
  }
  return { turn, toolOutputs, items, request };
}

function isModelItem(item: Item): boolean {
  if (item?.['role'] === 'assistant') return true;
  const type = item?.['type'];
  return typeof type === 'string' && (type.endsWith('_call') || type === 'reasoning');
}

function toolOutputOf(item: Item): { callId: string; output: string } | undefined {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  if (item?.['role'] === 'tool')
    return { callId: String(item['tool_call_id']), output: text(item['content']) };
  if (item?.['type'] === 'function_call_output')
    return { callId: String(item['call_id']), output: text(item['output']) };
  return undefined;
}
