import type { OperatorFunction } from 'rxjs';
import type * as z from 'zod';
import type { ResponseRunEvent } from '../responses/run-events.js';
import type { ResponseStreamEvent } from '../responses/stream-event-schema.js';
import { checkAnswerSchema } from './check-schema.js';
import type { ArrayKeys, DeepPartial, ElementOf } from './deep-partial.js';
import { responseAnswerReader } from './response-answer-reader.js';
import { structuredAnswer } from './structured-answer.js';

type Source = ResponseStreamEvent | ResponseRunEvent;

/**
 * {@link partialObject} for the Responses API: the structured answer (`text.format` from
 * `zodTextFormat(schema, name)`) as immutable deep-partial snapshots while it streams, then the validated
 * value. The answer is the text of the `response.output_text.delta` events. Fails with
 * `StructuredOutputError` for a refusal part, a response that ends `incomplete` (kind `content_filter`,
 * else `length`), invalid JSON or a schema failure; on a Responses tool run, follows the last step.
 *
 * ```
 * events: --created--delta('{"title":"Pan')--delta('cakes"}')--completed--|
 * responsePartialObject(Recipe)
 * out:    -----------a-----------------------b-------------------------------|
 *   a = { title: 'Pan' }, b = { title: 'Pancakes' }
 * ```
 *
 * @param schema - the zod schema of the answer (classic or `zod/mini`).
 * @returns An operator from events (or run events) to snapshots.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, responsePartialObject, zodTextFormat } from 'rxjs-openai-stream';
 *
 * const Recipe = z.object({ title: z.string(), steps: z.array(z.string()) });
 * createClient()
 *   .responses.create({ model: 'gpt-4o', input: 'A pancake recipe', text: { format: zodTextFormat(Recipe, 'recipe') }, stream: true })
 *   .pipe(responsePartialObject(Recipe))
 *   .subscribe((recipe) => console.log(recipe.title ?? '…', recipe.steps?.length ?? 0));
 * ```
 */
export function responsePartialObject<S extends z.core.$ZodType>(
  schema: S,
): OperatorFunction<Source, DeepPartial<z.output<S>>> {
  checkAnswerSchema('responsePartialObject', schema);
  return structuredAnswer(schema, responseAnswerReader, { emit: 'partial' });
}

/**
 * {@link finalObject} for the Responses API: the structured answer once, validated, when the response
 * ends. Fails with `StructuredOutputError` as {@link responsePartialObject} does.
 *
 * ```
 * events: --created--delta('{"answer":')--delta('"yes"}')--completed--|
 * responseFinalObject(Answer)
 * out:    ----------------------------------------------------(a|)     a = { answer: 'yes' }
 * ```
 *
 * @param schema - the zod schema of the answer (classic or `zod/mini`).
 * @returns An operator from events (or run events) to the one validated value.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, responseFinalObject, zodTextFormat } from 'rxjs-openai-stream';
 *
 * const Answer = z.object({ answer: z.enum(['yes', 'no']), why: z.string() });
 * createClient()
 *   .responses.create({ model: 'gpt-4o', input: 'Is water wet?', text: { format: zodTextFormat(Answer, 'answer') }, stream: true })
 *   .pipe(responseFinalObject(Answer))
 *   .subscribe(({ answer, why }) => console.log(answer, why));
 * ```
 */
export function responseFinalObject<S extends z.core.$ZodType>(
  schema: S,
): OperatorFunction<Source, z.output<S>> {
  checkAnswerSchema('responseFinalObject', schema);
  return structuredAnswer(schema, responseAnswerReader, { emit: 'final' });
}

/**
 * {@link elementStream} for the Responses API: each element of an array field of the structured answer
 * as soon as it is complete, validated by the element's schema.
 *
 * ```
 * events: --delta('{"steps":["Mix')--delta('","Fry"')--delta(']}')--completed--|
 * responseElementStream(Recipe, 'steps')
 * out:    ---------------------------a-----------------b-------------------------|
 * ```
 *
 * @param schema - the zod object schema of the answer.
 * @param key - the key of one of its array fields.
 * @returns An operator from events (or run events) to the array's elements.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { createClient, responseElementStream, zodTextFormat } from 'rxjs-openai-stream';
 *
 * const Ideas = z.object({ ideas: z.array(z.object({ title: z.string(), pitch: z.string() })) });
 * createClient()
 *   .responses.create({ model: 'gpt-4o', input: 'Five startup ideas', text: { format: zodTextFormat(Ideas, 'ideas') }, stream: true })
 *   .pipe(responseElementStream(Ideas, 'ideas'))
 *   .subscribe((idea) => console.log(`${idea.title}: ${idea.pitch}`));
 * ```
 */
export function responseElementStream<S extends z.core.$ZodType, K extends ArrayKeys<z.output<S>>>(
  schema: S,
  key: K,
): OperatorFunction<Source, ElementOf<z.output<S>[K]>> {
  checkAnswerSchema('responseElementStream', schema, key);
  return structuredAnswer(schema, responseAnswerReader, { emit: 'elements', key });
}
