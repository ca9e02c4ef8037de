import { filter, map, type OperatorFunction } from 'rxjs';
import type { ResponseRunEvent } from '../run-events.js';
import { stepEventOf } from '../run-stream-event.js';
import type { ResponseStreamEvent, ResponseStreamEventOf } from '../stream-event-schema.js';

type TextDelta = ResponseStreamEventOf<'response.output_text.delta'>;

/**
 * Emits the `delta` of every `response.output_text.delta` event: the answer's text as it streams. On the
 * events of a tool run (`runResponseTools`) it emits the text of every step, in order.
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
export function responseTextDeltas(): OperatorFunction<ResponseStreamEvent | ResponseRunEvent, string> {
  return (source) =>
    source.pipe(
      map((value) => stepEventOf(value)?.event),
      filter((event): event is TextDelta => event?.type === 'response.output_text.delta'),
      map((event) => event.delta),
    );
}
