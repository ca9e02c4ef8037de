/**
 * The text the mock server streams when no reply says otherwise: a short story of a few sentences.
 *
 * @example
 * ```ts
 * import { DEFAULT_STORY } from 'rxjs-openai-stream/testing';
 *
 * expect(received).toBe(DEFAULT_STORY);
 * ```
 */
export const DEFAULT_STORY =
  'Once upon a time, a small stream wandered through a quiet valley. ' +
  'Every evening it carried the stars down to the sea, one reflection at a time. ' +
  'The sea, grateful, sent back the rain, and the stream never ran dry. ' +
  'And so the valley learned that every gift returns — 🌊 — if you wait long enough.';
