import type { APIErrorInit } from '../errors/api-error.js';
import { schemaError } from '../http/frames.js';
import { outputTextOf, ResponseSchema, type Response } from './response-schema.js';

/** A response object from its JSON body, validated, with `output_text` filled in when the server left it out. */
export function decodeResponse(body: unknown, context: APIErrorInit): Response {
  const result = ResponseSchema.safeParse(body);
  if (!result.success) {
    throw schemaError('The body is not a valid response object', result.error.issues, 0, context);
  }
  const data = result.data;
  return { ...data, output_text: data.output_text ?? outputTextOf(data.output) };
}
