import { Observable, type OperatorFunction } from 'rxjs';
import type { ResponseInfo, StreamEvent } from '../http/events.js';
import { requestContext, schemaError } from '../http/request-context.js';
import { outputTextOf, ResponseSchema, type Response } from './response-schema.js';

/**
 * Decodes the JSON body of a non-streamed `POST /responses` or `GET /responses/{id}` into a
 * {@link Response} (with `output_text` filled in): emits the `open` event, then one `data` event. A body
 * that fails `ResponseSchema` fails with `ChunkValidationError`. A response whose `status` is `failed` is
 * data here, not an error: it is emitted as it is.
 *
 * @param options - method and path for error messages.
 * @returns An operator from JSON responses to stream events.
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import type { ResponseInfo } from 'rxjs-openai-stream';
 * import { decodeResponse } from './decode-response.js';
 *
 * const response = { status: 200, statusText: 'OK', headers: new Headers(), requestId: null, url: '', attempts: 1 } satisfies ResponseInfo;
 * of({ response, body: { id: 'resp_1', status: 'completed', output: [] } })
 *   .pipe(decodeResponse())
 *   .subscribe((event) => event.type === 'data' && console.log(event.data.id)); // 'resp_1'
 * ```
 */
export function decodeResponse(
  options: { method?: string; path?: string } = {},
): OperatorFunction<{ response: ResponseInfo; body: unknown }, StreamEvent<Response>> {
  return (source) =>
    new Observable<StreamEvent<Response>>((subscriber) =>
      source.subscribe({
        next: ({ response, body }) => {
          const context = requestContext(options, response);
          subscriber.next({ type: 'open', response });
          const result = ResponseSchema.safeParse(body);
          if (!result.success) {
            subscriber.error(
              schemaError('The body is not a valid response object', result.error.issues, 0, context),
            );
            return;
          }
          const data = result.data;
          subscriber.next({
            type: 'data',
            data: { ...data, output_text: data.output_text ?? outputTextOf(data.output) },
          });
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}
