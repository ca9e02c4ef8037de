import type { ChatCompletionSnapshotMessage } from './operators/chat-completion-snapshot.js';
import type { ChatAssistantMessage } from './run-events.js';

/**
 * The assistant message of a step as `messages` takes it back: `content`, a non-empty `refusal`, and the
 * tool calls (an id generated for a call the server sent without one). `reasoning_content` is left out
 * (servers that send it refuse it back). With `withCalls: false` (a step cut off by `length` or
 * `content_filter`, whose calls may be incomplete) the calls are left out too, so that the conversation
 * stays valid to continue.
 *
 * @internal
 */
export function assistantMessageOf(
  message: ChatCompletionSnapshotMessage,
  withCalls: boolean,
): ChatAssistantMessage {
  const out: ChatAssistantMessage = { role: 'assistant', content: message.content };
  if (message.refusal) out.refusal = message.refusal;
  const calls = message.tool_calls ?? [];
  if (withCalls && calls.length)
    out.tool_calls = calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.function.name, arguments: call.function.arguments },
    }));
  return out;
}
