import type { Response, ResponseContentPart, ResponseOutputItem } from '../response-schema.js';
import { outputTextOf } from '../response-schema.js';

/**
 * An accumulated Responses stream: shaped like a {@link Response} (`id`, `status`, `output`, `usage`,
 * `incomplete_details`, `error`, ...) with `output_text` always filled in.
 *
 * @example
 * ```ts
 * import type { ResponseSnapshot } from 'rxjs-openai-stream';
 *
 * const show = (snapshot: ResponseSnapshot) => `${snapshot.status}: ${snapshot.output_text}`;
 * ```
 */
export interface ResponseSnapshot extends Response {
  output_text: string;
}

/** The snapshot before any event: no id yet, `in_progress`, nothing in `output`. @internal */
export function emptySnapshot(): ResponseSnapshot {
  return {
    id: '',
    object: 'response',
    created_at: 0,
    status: 'in_progress',
    model: '',
    output: [],
    usage: null,
    error: null,
    incomplete_details: null,
    output_text: '',
  };
}

/** `snapshot` with a new `output` (and the `output_text` that follows from it). @internal */
export function withOutput(snapshot: ResponseSnapshot, output: ResponseOutputItem[]): ResponseSnapshot {
  return { ...snapshot, output, output_text: outputTextOf(output) };
}

/**
 * `snapshot` with the item at `outputIndex` replaced by `update(item)`. A missing item (a stream resumed
 * in the middle of it) starts as `{ type: fallbackType, id: itemId, status: 'in_progress' }`.
 *
 * @internal
 */
export function updateItem(
  snapshot: ResponseSnapshot,
  outputIndex: number,
  itemId: string,
  fallbackType: string,
  update: (item: ResponseOutputItem) => ResponseOutputItem,
): ResponseSnapshot {
  const output = snapshot.output.slice();
  const current = output[outputIndex] ?? { type: fallbackType, id: itemId || null, status: 'in_progress' };
  output[outputIndex] = update(current);
  for (let i = 0; i < output.length; i++) output[i] ??= { type: 'unknown' };
  return withOutput(snapshot, output);
}

/** `list` (copied) with the entry at `index` replaced by `update(entry)`, missing entries filled in. @internal */
export function updateAt(
  list: readonly ResponseContentPart[] | null | undefined,
  index: number,
  fallback: ResponseContentPart,
  update: (part: ResponseContentPart) => ResponseContentPart,
): ResponseContentPart[] {
  const next = list ? list.slice() : [];
  next[index] = update(next[index] ?? fallback);
  for (let i = 0; i < next.length; i++) next[i] ??= { ...fallback };
  return next;
}
