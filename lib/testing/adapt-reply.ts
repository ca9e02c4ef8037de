import { jsonPlan } from './frames.js';
import type { MockChatReply, MockReply } from './types.js';
import type { MockResponsesReply } from './responses-reply.js';
import type { ReplyPlan } from './write-plan.js';

/**
 * Picks the reply for a model endpoint: a `chat` reply on `/responses` becomes the equivalent
 * `responses` reply (text, tool calls, refusal, fault) and vice versa, and a missing reply becomes the
 * endpoint's default story.
 * @internal
 */
export function adaptReply(endpoint: 'chat' | 'responses', reply: MockReply | undefined): MockReply {
  if (endpoint === 'chat') {
    if (reply === undefined) return { type: 'chat' };
    if (reply.type !== 'responses') return reply;
    const chat: MockChatReply = { type: 'chat', text: reply.text ?? '' };
    if (reply.functionCalls) chat.toolCalls = reply.functionCalls;
    if (reply.refusal !== undefined) chat.refusal = reply.refusal;
    if (reply.fault) chat.fault = reply.fault;
    return chat;
  }
  if (reply === undefined) return { type: 'responses' };
  if (reply.type !== 'chat') return reply;
  const responses: MockResponsesReply = { type: 'responses' };
  if (reply.text !== undefined)
    responses.text = typeof reply.text === 'string' ? reply.text : reply.text.join('');
  if (reply.toolCalls) responses.functionCalls = reply.toolCalls;
  if (reply.refusal !== undefined) responses.refusal = reply.refusal;
  if (reply.fault) responses.fault = reply.fault;
  return responses;
}

/**
 * The plan of `GET /v1/models`: a list with the mock model.
 * @internal
 */
export function modelsPlan(): ReplyPlan {
  return jsonPlan({
    object: 'list',
    data: [{ id: 'gpt-mock', object: 'model', created: 1700000000, owned_by: 'rxjs-openai-stream' }],
  });
}
