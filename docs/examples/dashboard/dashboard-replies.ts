import type { MockReply, MockReplySource } from '../../../lib/testing/index.js';

const STORY =
  'Tokens arrive one by one, and every one of them is a small event: a frame on the wire, a chunk in the ' +
  'parser, a delta in the operator, a repaint on the page. Watching them land side by side shows how ' +
  'different models pace their answers.';

/**
 * The mock server's answers for the dashboard, chosen by the request's model. `mock-flaky-*` models fail
 * on odd attempts (1st, 3rd, …) and succeed on even ones, so "Retry failed" has something to recover.
 *
 * @returns a reply source for `startMockServer({ reply })`.
 *
 * @example
 * ```ts
 * import { startMockServer } from 'rxjs-openai-stream/testing';
 * import { dashboardReplies } from './dashboard-replies.js';
 *
 * const mock = await startMockServer({ reply: dashboardReplies() });
 * ```
 */
export function dashboardReplies(): MockReplySource {
  const attempts = new Map<string, number>();
  return (request): MockReply => {
    const body = (request.body ?? {}) as { model?: unknown };
    const model = typeof body.model === 'string' ? body.model : 'mock-fast';
    const attempt = (attempts.get(model) ?? 0) + 1;
    attempts.set(model, attempt);
    const failing = attempt % 2 === 1;
    switch (model) {
      case 'mock-slow':
        return { type: 'chat', text: STORY, delayMs: 90 };
      case 'mock-flaky-status':
        return failing
          ? {
              type: 'status',
              status: 503,
              error: { message: 'The engine is overloaded, try again.', type: 'server_error' },
            }
          : { type: 'chat', text: 'Hello after a retry!', delayMs: 60 };
      case 'mock-flaky-midstream':
        return failing
          ? {
              type: 'chat',
              text: 'One two three four five six seven eight nine ten.',
              delayMs: 60,
              errorAfter: {
                chunks: 5,
                error: { message: 'The model crashed mid-answer.', type: 'server_error' },
              },
            }
          : { type: 'chat', text: 'One two three four five six seven eight nine ten.', delayMs: 60 };
      default:
        return { type: 'chat', text: STORY, delayMs: 25 };
    }
  };
}
