/**
 * The unit {@link smoothText} steps by: a word with the whitespace around it, one user-perceived
 * character (a grapheme cluster, e.g. an emoji with its modifiers), or a line with its `\n`.
 *
 * @example
 * ```ts
 * import { smoothText, type SmoothTextUnit } from 'rxjs-openai-stream';
 *
 * const unit: SmoothTextUnit = 'grapheme'; // for scripts without spaces (Chinese, Japanese, Thai)
 * const smooth = smoothText({ unit });
 * ```
 */
export type SmoothTextUnit = 'word' | 'grapheme' | 'line';

// A step ends where its trailing whitespace (word) or newline (line) has arrived: text after the last
// end may still grow into the same step. Sticky patterns keep each scan linear in the text's length.
const WORD = /\s*\S+\s+/y;
const LINE = /[^\n]*\n/y;

interface GraphemeSegmenter {
  segment(text: string): Iterable<{ index: number; segment: string }>;
}
type SegmenterConstructor = new (locale?: string, options?: { granularity: 'grapheme' }) => GraphemeSegmenter;

/** Intl.Segmenter where the runtime has it (all current browsers and Node), else undefined. */
function graphemeSegmenter(): GraphemeSegmenter | undefined {
  const Segmenter = (Intl as { Segmenter?: SegmenterConstructor }).Segmenter;
  return Segmenter ? new Segmenter(undefined, { granularity: 'grapheme' }) : undefined;
}

function patternEnds(text: string, pattern: RegExp): number[] {
  const ends: number[] = [];
  pattern.lastIndex = 0;
  while (pattern.test(text)) ends.push(pattern.lastIndex);
  return ends;
}

function graphemeEnds(text: string, segmenter: GraphemeSegmenter | undefined): number[] {
  const ends: number[] = [];
  if (segmenter) for (const { index, segment } of segmenter.segment(text)) ends.push(index + segment.length);
  else for (let i = 0; i < text.length;) ends.push((i += text.codePointAt(i)! > 0xffff ? 2 : 1));
  // The last cluster may still grow (a combining mark or the rest of an emoji sequence may follow).
  ends.pop();
  return ends;
}

/**
 * Splits text into steps of one unit; returns a function that gives the end offsets of the steps that
 * are complete. With `final`, the rest of the text is the last step.
 * @internal
 */
export function createStepper(unit: SmoothTextUnit): (text: string, final: boolean) => number[] {
  const segmenter = unit === 'grapheme' ? graphemeSegmenter() : undefined;
  return (text, final) => {
    const ends =
      unit === 'grapheme' ? graphemeEnds(text, segmenter) : patternEnds(text, unit === 'word' ? WORD : LINE);
    if (final && text.length > (ends.at(-1) ?? 0)) ends.push(text.length);
    return ends;
  };
}
