import { StreamLimitError } from '../../errors/stream-limit-error.js';
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

/**
 * Every index an event names (`output_index`, `content_index`, `summary_index`, `annotation_index`) must
 * be below this. Lists are dense (a gap is filled with placeholders, so `output[i]` is the item at
 * `output_index` i, as in the final response) and copied on change (snapshots are immutable), so an index
 * is work: the bound keeps a hostile `output_index: 1e8` from filling memory, and the copy per event
 * small (at most ~10 µs per delta with 4,095 items). No response comes near it: every item, part and
 * annotation takes output tokens, and a deep-research answer has a few hundred items.
 */
const MAX_INDEX = 4096;

/** Throws {@link StreamLimitError} for an index at or past {@link MAX_INDEX}. @internal */
export function checkIndex(name: string, index: number): void {
  if (!(index < MAX_INDEX))
    throw new StreamLimitError({
      limit: name,
      value: index,
      maximum: MAX_INDEX - 1,
      reason: 'more items, parts or annotations than any response has',
    });
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

/**
 * `snapshot` with a new `output` and its `output_text`: `text` when the caller knows it (a delta
 * appended to the last text part), else computed from `output`. @internal
 */
export function withOutput(
  snapshot: ResponseSnapshot,
  output: ResponseOutputItem[],
  text: string = outputTextOf(output),
): ResponseSnapshot {
  return { ...snapshot, output, output_text: text };
}

/**
 * `output` (copied) with the item at `outputIndex` replaced by `update(item)`. A missing item (a stream
 * resumed in the middle of it) starts as `{ type: fallbackType, id: itemId, status: 'in_progress' }`, and
 * missing items before it as `{ type: 'unknown' }`.
 *
 * @internal
 */
export function updateOutput(
  output: readonly ResponseOutputItem[],
  outputIndex: number,
  itemId: string,
  fallbackType: string,
  update: (item: ResponseOutputItem) => ResponseOutputItem,
): ResponseOutputItem[] {
  checkIndex('output_index', outputIndex);
  const next = output.slice();
  for (let i = next.length; i < outputIndex; i++) next[i] = { type: 'unknown' };
  next[outputIndex] = update(
    next[outputIndex] ?? { type: fallbackType, id: itemId || null, status: 'in_progress' },
  );
  return next;
}

/**
 * `snapshot` with the item at `outputIndex` updated as {@link updateOutput} does; `text` is the new
 * `output_text` when the caller knows it (see {@link withOutput}). @internal
 */
export function updateItem(
  snapshot: ResponseSnapshot,
  outputIndex: number,
  itemId: string,
  fallbackType: string,
  update: (item: ResponseOutputItem) => ResponseOutputItem,
  text?: string,
): ResponseSnapshot {
  return withOutput(snapshot, updateOutput(snapshot.output, outputIndex, itemId, fallbackType, update), text);
}

/**
 * `list` (copied) with the entry at `index` replaced by `update(entry)`; missing entries before it are
 * copies of `fallback`. `name` is the event's field, for the error past the bound.
 *
 * @internal
 */
export function updateAt(
  name: string,
  list: readonly ResponseContentPart[] | null | undefined,
  index: number,
  fallback: ResponseContentPart,
  update: (part: ResponseContentPart) => ResponseContentPart,
): ResponseContentPart[] {
  checkIndex(name, index);
  const next = list ? list.slice() : [];
  for (let i = next.length; i < index; i++) next[i] = { ...fallback };
  next[index] = update(next[index] ?? fallback);
  return next;
}
