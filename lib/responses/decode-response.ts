import { Observable, type OperatorFunction } from 'rxjs';
import { describeRequest, type APIErrorInit } from '../errors/api-error.js';
import { ChunkValidationError } from '../errors/validation.js';
import type { ResponseInfo, StreamEvent } from '../streaming/events.js';
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
 * import { decodeResponse, type ResponseInfo } from 'rxjs-openai-stream';
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
          const context: APIErrorInit = {
            method: options.method,
            path: options.path,
            status: response.status,
            headers: response.headers,
            requestId: response.requestId,
            attempts: response.attempts,
          };
          subscriber.next({ type: 'open', response });
          const result = ResponseSchema.safeParse(body);
          if (!result.success) {
            const issues = result.error.issues;
            const first = issues[0];
            const path = first && first.path.length ? first.path.join('.') : '(root)';
            const message = `The body is not a valid response object: ${path}: ${first?.message ?? 'invalid'}`;
            subscriber.error(
              new ChunkValidationError(message + describeRequest(context), {
                ...context,
                issues,
                eventIndex: 0,
              }),
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
