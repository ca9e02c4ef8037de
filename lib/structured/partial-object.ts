import type { OperatorFunction } from 'rxjs';
import type * as z from 'zod';
import type { TextOptions } from '../chat/operators/text-deltas.js';
import type { ChatRunEvent } from '../chat/run-events.js';
import type { ChatCompletionChunk } from '../chat/schemas/index.js';
import { chatAnswerReader } from './chat-answer-reader.js';
import { checkAnswerSchema } from './check-schema.js';
import type { ArrayKeys, DeepPartial, ElementOf } from './deep-partial.js';
import { structuredAnswer } from './structured-answer.js';

type Source = ChatCompletionChunk | ChatRunEvent;

/**
 * Emits the structured answer of a chat stream as it grows: a new immutable, deep-partial snapshot each
 * time the JSON adds something, built incrementally by the library's partial-JSON parser (linear in the
 * text), and last the validated value (when it differs from the last snapshot). Use it with
 * `response_format: zodResponseFormat(schema, name)`.
 *
 * A snapshot never shows a value that later turns out different. Objects gain fields, arrays gain
 * elements; each field or element appears once complete and valid for its schema (validated then),
 * except a plain string (`z.string()`, also optional or nullable), which appears with its text so far
 * and only grows. Numbers, booleans, `null`, enums, literals, unions, records and transformed values
 * appear once complete. Unchanged parts keep their identity from one snapshot to the next. Arrays in
 * snapshots are read-only views (like the partial-JSON parser's): spread or `JSON.parse(JSON.stringify(x))`
 * before `structuredClone`.
 *
 * The stream fails with `StructuredOutputError` (the snapshots before it stay delivered) for a refusal,
 * an answer cut off (`finish_reason` `length` or `content_filter`), invalid JSON, or a schema failure
 * (with every zod issue, checked on the whole value when the answer ends). On the events of a tool run
 * (`runChatTools`) it follows the last step, ends at `finish`, and fails with kind `max_steps` when the
 * run ran out of steps.
 *
 * ```
 * content: --'{"title":"Pan'--'cakes","steps":["Mix'--'","Fry"]}'--|
 * partialObject(Recipe)
 * out:     --a----------------b------------------------c-----------|
 *   a = { title: 'Pan' }, b = { title: 'Pancakes', steps: ['Mix'] }, c = { title: 'Pancakes', steps: ['Mix', 'Fry'] }
 * ```
 *
 * @param schema - the zod schema of the answer (classic or `zod/mini`).
 * @param options - which choice to follow (`n > 1`).
 * @returns An operator from chunks (or run events) to snapshots.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, partialObject, zodResponseFormat } from 'rxjs-openai-stream';
 *
 * const Recipe = z.object({ title: z.string(), steps: z.array(z.string()) });
 * createClient()
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'A pancake recipe' }],
 *     response_format: zodResponseFormat(Recipe, 'recipe'), stream: true })
 *   .pipe(partialObject(Recipe))
 *   .subscribe((recipe) => console.log(recipe.title ?? '…', recipe.steps?.length ?? 0));
 * ```
 */
export function partialObject<S extends z.core.$ZodType>(
  schema: S,
  options: TextOptions = {},
): OperatorFunction<Source, DeepPartial<z.output<S>>> {
  checkAnswerSchema('partialObject', schema);
  return structuredAnswer(schema, () => chatAnswerReader(options.choice ?? 0), { emit: 'partial' });
}

/**
 * Emits the structured answer of a chat stream once, validated, when it ends: deeply frozen and typed by
 * the schema. Fails with `StructuredOutputError` as {@link partialObject} does.
 *
 * ```
 * content: --'{"answer":'--'"yes"}'--|
 * finalObject(Answer)
 * out:     --------------------------(a|)   a = { answer: 'yes' }
 * ```
 *
 * @param schema - the zod schema of the answer (classic or `zod/mini`).
 * @param options - which choice to follow (`n > 1`).
 * @returns An operator from chunks (or run events) to the one validated value.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, finalObject, zodResponseFormat } from 'rxjs-openai-stream';
 *
 * const Answer = z.object({ answer: z.enum(['yes', 'no']), why: z.string() });
 * createClient()
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Is water wet?' }],
 *     response_format: zodResponseFormat(Answer, 'answer'), stream: true })
 *   .pipe(finalObject(Answer))
 *   .subscribe(({ answer, why }) => console.log(answer, why));
 * ```
 */
export function finalObject<S extends z.core.$ZodType>(
  schema: S,
  options: TextOptions = {},
): OperatorFunction<Source, z.output<S>> {
  checkAnswerSchema('finalObject', schema);
  return structuredAnswer(schema, () => chatAnswerReader(options.choice ?? 0), { emit: 'final' });
}

/**
 * Emits each element of an array field of the structured answer as soon as it is complete, validated by
 * the element's schema (the AI SDK's `elementStream`). An element is complete when it closes (a string,
 * at its closing quote; a number, at the next delimiter). The stream fails with `StructuredOutputError`
 * as {@link partialObject} does, after the elements that were valid.
 *
 * ```
 * content: --'{"steps":["Mix'--'","Fry"'--']}'--|
 * elementStream(Recipe, 'steps')
 * out:     ------------------a-----------b------|   a = 'Mix', b = 'Fry'
 * ```
 *
 * @param schema - the zod object schema of the answer.
 * @param key - the key of one of its array fields.
 * @param options - which choice to follow (`n > 1`).
 * @returns An operator from chunks (or run events) to the array's elements.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, elementStream, zodResponseFormat } from 'rxjs-openai-stream';
 *
 * const Ideas = z.object({ ideas: z.array(z.object({ title: z.string(), pitch: z.string() })) });
 * createClient()
 *   .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Five startup ideas' }],
 *     response_format: zodResponseFormat(Ideas, 'ideas'), stream: true })
 *   .pipe(elementStream(Ideas, 'ideas'))
 *   .subscribe((idea) => console.log(`${idea.title}: ${idea.pitch}`));
 * ```
 */
export function elementStream<S extends z.core.$ZodType, K extends ArrayKeys<z.output<S>>>(
  schema: S,
  key: K,
  options: TextOptions = {},
): OperatorFunction<Source, ElementOf<z.output<S>[K]>> {
  checkAnswerSchema('elementStream', schema, key);
  return structuredAnswer(schema, () => chatAnswerReader(options.choice ?? 0), { emit: 'elements', key });
}
