import { Observable, type OperatorFunction } from 'rxjs';
import type { ResponseStreamEvent } from '../stream-event-schema.js';
import { applyResponseEvent } from './apply-response-event.js';
import { emptySnapshot, type ResponseSnapshot } from './response-snapshot.js';

/**
 * Accumulates Responses stream events into immutable {@link ResponseSnapshot}s, shaped like a `Response`
 * (`id`, `status`, `output`, `usage`, `incomplete_details`, `error`) plus `output_text`. It emits a new
 * snapshot for every event that changes something (unknown events and `error` change nothing). Output
 * items are kept by `output_index`, content parts by `content_index` (missing ones before are filled with
 * placeholders, so `output[i]` is the item at `output_index` i); text, refusal, reasoning, function-call
 * arguments, custom-tool input and code are concatenated. An index of 4,096 or more (no response has that
 * many items, parts or annotations) fails the stream with `StreamLimitError`, after the snapshots before
 * it: lists are copied on change, so the bound keeps the work per event small whatever a server sends. The terminal event's `response`
 * wins: after `response.completed` the snapshot's `output` is the payload's (unless the payload's is
 * empty while deltas built some). A stream resumed mid-way starts with placeholder items.
 *
 * ```
 * events: --created--delta("Hel")--delta("lo")--completed--|
 * accumulateResponse()
 * out:    --a--------b-------------c------------d----------|
 *           a.output_text = '', b = 'Hel', c = 'Hello', d = the completed response (+ output_text)
 * ```
 *
 * @returns An operator from events to snapshots.
 * @example
 * ```ts
 * import { last } from 'rxjs';
 * import { createClient, accumulateResponse } from 'rxjs-openai-stream';
 *
 * createClient({ apiKey: 'sk-...' })
 *   .responses.create({ model: 'gpt-4o', input: 'Hi', stream: true })
 *   .pipe(accumulateResponse(), last())
 *   .subscribe((response) => console.log(response.status, response.output_text, response.usage));
 * ```
 */
export function accumulateResponse(): OperatorFunction<ResponseStreamEvent, ResponseSnapshot> {
  return (source) =>
    new Observable<ResponseSnapshot>((subscriber) => {
      let snapshot = emptySnapshot();
      return source.subscribe({
        next(event) {
          let next: ResponseSnapshot;
          try {
            next = applyResponseEvent(snapshot, event);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          if (next === snapshot) return;
          snapshot = next;
          subscriber.next(next);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
