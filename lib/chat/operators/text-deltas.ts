import { filter, map, scan, type OperatorFunction } from 'rxjs';
import { stepChunkOf } from '../run-chunk.js';
import type { ChatRunEvent } from '../run-events.js';
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

function contentOf(chunk: ChatCompletionChunk | undefined, index: number): string {
  let text = '';
  if (!chunk) return text;
  for (const choice of chunk.choices)
    if (choice.index === index && choice.delta.content) text += choice.delta.content;
  return text;
}

/**
 * Emits the non-empty content deltas of one choice: the text pieces to print as they arrive. Chunks
 * without content for that choice (the role chunk, tool calls, other choices, the usage chunk) emit
 * nothing. On the events of a tool run (`runChatTools`) it emits the text of every step, in order.
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
export function textDeltas(
  options: TextOptions = {},
): OperatorFunction<ChatCompletionChunk | ChatRunEvent, string> {
  const index = options.choice ?? 0;
  return (source) =>
    source.pipe(
      map((value) => contentOf(stepChunkOf(value)?.chunk, index)),
      filter((text) => text !== ''),
    );
}

/**
 * Emits the full text of one choice so far, after each non-empty content delta. On the events of a tool
 * run (`runChatTools`) it emits the text of the current step: it starts again at each step's first
 * delta, so its last value is the text of the final answer.
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
export function accumulateText(
  options: TextOptions = {},
): OperatorFunction<ChatCompletionChunk | ChatRunEvent, string> {
  const index = options.choice ?? 0;
  return (source) =>
    source.pipe(
      map((value) => {
        const carried = stepChunkOf(value);
        return { step: carried?.step ?? -1, delta: contentOf(carried?.chunk, index) };
      }),
      filter(({ delta }) => delta !== ''),
      scan((run, { step, delta }) => ({ step, text: (run.step === step ? run.text : '') + delta }), {
        step: -1,
        text: '',
      }),
      map(({ text }) => text),
    );
}
