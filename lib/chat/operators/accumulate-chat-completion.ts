import { defer, map, takeLast, throwIfEmpty, type OperatorFunction } from 'rxjs';
import { EmptyStreamError } from '../../errors/index.js';
import type { ChatCompletionChunk } from '../schemas/index.js';
import { ChatAccumulator } from './chat-accumulator.js';
import type { ChatCompletionSnapshot } from './chat-completion-snapshot.js';

/**
 * Folds chunks into a {@link ChatCompletionSnapshot} and emits it after every chunk: a scan whose state
 * lives per subscription. Every emission is a new immutable object sharing unchanged parts with the
 * previous one (safe for `OnPush` and signals); the last one has the shape of a non-streaming
 * `chat.completion`: content, refusal, `reasoning_content`, tool calls (merged by index, id or order, see
 * the docs), the legacy `function_call`, finish reasons, logprobs, `usage` from the include_usage chunk,
 * and every other top-level field. The first non-empty `id` and `model` win (Azure's first chunk has none).
 *
 * ```
 * chunks: --{role}--{"Hel"}--{"lo"}--{finish:stop}--{usage}--|
 * accumulateChatCompletion()
 * out:    --s1------s2-------s3------s4--------------s5-------|
 *           s3.choices[0].message.content === 'Hello', s5.usage !== null
 * ```
 *
 * @returns An operator from chunks to snapshots.
 *
 * @example
 * ```ts
 * import { accumulateChatCompletion, createClient } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-...' })
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *   .pipe(accumulateChatCompletion())
 *   .subscribe((snapshot) => console.log(snapshot.choices[0]?.message.content));
 * ```
 */
export function accumulateChatCompletion(): OperatorFunction<ChatCompletionChunk, ChatCompletionSnapshot> {
  return (source) =>
    defer(() => {
      const accumulator = new ChatAccumulator();
      return source.pipe(map((chunk) => accumulator.push(chunk)));
    });
}

/**
 * Emits only the final {@link ChatCompletionSnapshot}, when the stream completes; fails with
 * {@link EmptyStreamError} if the stream completed without any chunk. Errors of the source pass through.
 *
 * ```
 * chunks: --{role}--{"Hi"}--{finish}--|
 * finalChatCompletion()
 * out:    ----------------------------(s|)
 *
 * chunks: --|
 * out:    --#  EmptyStreamError
 * ```
 *
 * @returns An operator from chunks to the one final snapshot.
 *
 * @example
 * ```ts
 * import { createClient, finalChatCompletion } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-...' })
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *   .pipe(finalChatCompletion())
 *   .subscribe((completion) => console.log(completion.choices[0]?.message.content, completion.usage));
 * ```
 */
export function finalChatCompletion(): OperatorFunction<ChatCompletionChunk, ChatCompletionSnapshot> {
  return (source) =>
    source.pipe(
      accumulateChatCompletion(),
      takeLast(1),
      throwIfEmpty(() => new EmptyStreamError('The chat completion stream completed without any chunk')),
    );
}
