import { filter, map, scan, type OperatorFunction } from 'rxjs';
import type { ChatCompletionChunk } from '../schemas/index.js';

/**
 * Options of {@link textDeltas} and {@link accumulateText}.
 *
 * @example
 * ```ts
 * import { textDeltas, type TextOptions } from 'rxjs-openai-stream';
 *
 * const second: TextOptions = { choice: 1 };
 * const secondAnswer = textDeltas(second);
 * ```
 */
export interface TextOptions {
  /**
   * Which choice to follow, when the request asked for `n > 1`.
   *
   * @defaultValue `0`
   */
  choice?: number;
}

function contentOf(chunk: ChatCompletionChunk, index: number): string {
  let text = '';
  for (const choice of chunk.choices)
    if (choice.index === index && choice.delta.content) text += choice.delta.content;
  return text;
}

/**
 * Emits the non-empty content deltas of one choice: the text pieces to print as they arrive. Chunks
 * without content for that choice (the role chunk, tool calls, other choices, the usage chunk) emit
 * nothing.
 *
 * ```
 * chunks: --{role}--{"Hel"}--{"lo"}--{finish}--{usage}--|
 * textDeltas()
 * out:    -----------"Hel"----"lo"-----------------------|
 * ```
 *
 * @param options - {@link TextOptions}
 * @returns An operator from chunks to text pieces.
 *
 * @example
 * ```ts
 * import { createClient, textDeltas } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-...' })
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *   .pipe(textDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 */
export function textDeltas(options: TextOptions = {}): OperatorFunction<ChatCompletionChunk, string> {
  const index = options.choice ?? 0;
  return (source) =>
    source.pipe(
      map((chunk) => contentOf(chunk, index)),
      filter((text) => text !== ''),
    );
}

/**
 * Emits the full text of one choice so far, after each non-empty content delta.
 *
 * ```
 * chunks: --{role}--{"Hel"}--{"lo"}--{finish}--|
 * accumulateText()
 * out:    -----------"Hel"----"Hello"-----------|
 * ```
 *
 * @param options - {@link TextOptions}
 * @returns An operator from chunks to the running text.
 *
 * @example
 * ```ts
 * import { accumulateText, createClient } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-...' })
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *   .pipe(accumulateText())
 *   .subscribe((text) => (document.querySelector('#answer')!.textContent = text));
 * ```
 */
export function accumulateText(options: TextOptions = {}): OperatorFunction<ChatCompletionChunk, string> {
  return (source) =>
    source.pipe(
      textDeltas(options),
      scan((text, delta) => text + delta, ''),
    );
}
