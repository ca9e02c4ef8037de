/**
 * The text the mock server streams when no reply says otherwise: a short story of a few sentences.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { accumulateText, createClient } from 'rxjs-openai-stream';
 * import { DEFAULT_STORY, startMockServer } from 'rxjs-openai-stream/testing';
 *
 * const mock = await startMockServer(); // nothing enqueued: every chat reply streams DEFAULT_STORY
 * const story$ = createClient({ baseURL: mock.url, apiKey: 'test' })
 *   .chat.completions.create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *   .pipe(accumulateText());
 * console.log((await lastValueFrom(story$)) === DEFAULT_STORY); // true
 * await mock.close();
 * ```
 */
export const DEFAULT_STORY =
  'Once upon a time, a small stream wandered through a quiet valley. ' +
  'Every evening it carried the stars down to the sea, one reflection at a time. ' +
  'The sea, grateful, sent back the rain, and the stream never ran dry. ' +
  'And so the valley learned that every gift returns — 🌊 — if you wait long enough.';
