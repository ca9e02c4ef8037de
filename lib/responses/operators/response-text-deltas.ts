import { filter, map, type OperatorFunction } from 'rxjs';
import type { ResponseStreamEvent, ResponseStreamEventOf } from '../stream-event-schema.js';

type TextDelta = ResponseStreamEventOf<'response.output_text.delta'>;

/**
 * Emits the `delta` of every `response.output_text.delta` event: the answer's text as it streams.
 *
 * ```
 * events: --created--delta("Hel")--delta("lo")--completed--|
 * responseTextDeltas()
 * out:    -----------a-------------b-----------------------|   a = 'Hel', b = 'lo'
 * ```
 *
 * @returns An operator from events to text fragments.
 * @example
 * ```ts
 * import { createClient, responseTextDeltas } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-...' })
 *   .responses.create({ model: 'gpt-4o', input: 'Write a haiku.', stream: true })
 *   .pipe(responseTextDeltas())
 *   .subscribe((text) => process.stdout.write(text));
 * ```
 */
export function responseTextDeltas(): OperatorFunction<ResponseStreamEvent, string> {
  return (source) =>
    source.pipe(
      filter((event): event is TextDelta => event.type === 'response.output_text.delta'),
      map((event) => event.delta),
    );
}
