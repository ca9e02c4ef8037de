// Logprob lists only grow. A snapshot holds a view of the first N tokens that is copied on first read, so
// accumulating them costs O(1) per chunk instead of re-copying the whole list every time.

import type { TokenLogprob } from '../schemas/index.js';
import type { ChoiceLogprobsSnapshot } from './chat-completion-snapshot.js';

/** A view of the first `length` tokens of an append-only list, copied on first read only. */
function lazySlice(tokens: TokenLogprob[] | null): () => TokenLogprob[] | null {
  if (!tokens) return () => null;
  const length = tokens.length;
  let copy: TokenLogprob[] | undefined;
  return () => (copy ??= tokens.slice(0, length));
}

/** Lazy logprob lists for a snapshot: each is copied from the append-only list on first read. @internal */
export function logprobsView(
  content: TokenLogprob[] | null,
  refusal: TokenLogprob[] | null,
): ChoiceLogprobsSnapshot {
  const readContent = lazySlice(content);
  const readRefusal = lazySlice(refusal);
  return {
    get content() {
      return readContent();
    },
    get refusal() {
      return readRefusal();
    },
  };
}
