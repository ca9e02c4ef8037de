// Ids for tool calls whose server sent none. Each operator keeps its own state, so an id cannot be random:
// toolCalls(), toolCallDeltas() and accumulateChatCompletion() on one stream must name a call alike, or
// the tool results sent back would not match the assistant message. The id is therefore derived from what
// every operator sees the same way: the completion's (or response's) id and creation time, and the call's
// place. Calls of different completions get different ids unless the server repeats those too.

/** A 32-bit FNV-1a hash of `text`, started from `basis` and multiplied by `prime`. */
function fnv1a(text: string, basis: number, prime: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), prime);
  return hash >>> 0;
}

/**
 * `call_<index>_<hash>`: the id of a call at `index` that came without one; `<hash>` (13-14 characters of
 * `[a-z0-9]`) is derived from `context`, so the same stream always gives the same id.
 *
 * @internal
 */
export function generatedCallId(index: number, context: readonly (string | number)[]): string {
  const text = `${index}\u0000${context.join('\u0000')}`;
  const high = fnv1a(text, 0x811c9dc5, 0x01000193).toString(36).padStart(7, '0');
  const low = fnv1a(text, 0x050c5d1f, 0x5bd1e995).toString(36).padStart(7, '0');
  return `call_${index}_${high}${low}`;
}
