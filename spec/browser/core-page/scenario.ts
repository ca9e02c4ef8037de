import type { MockReply } from '../../../lib/testing/types.js';

/** The text the first in-browser completion must reassemble. */
export const BROWSER_TEXT = 'Streaming from inside Chromium works, chunk after chunk.';

/** Replies the runner enqueues, in the order the page sends its requests. */
export const BROWSER_REPLIES: MockReply[] = [
  { type: 'chat', text: BROWSER_TEXT, delayMs: 5 },
  { type: 'chat', text: 'This answer is stopped after its first delta. '.repeat(20), delayMs: 40 },
  {
    type: 'status',
    status: 429,
    error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
  },
];
