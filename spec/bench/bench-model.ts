/**
 * What the benchmark server streams, chosen by the request's model name so that one server process serves
 * every shape: `b-<chunks>-<chars>-<delay>` streams `chunks` content chunks of exactly `chars` characters
 * each (plus the role chunk, the finish chunk and `[DONE]`), pausing `delay` ms between frames. The text
 * is ASCII words (`t0 t1 t2 …`), so that the client's result can be checked: chunk count, characters and
 * an order-sensitive hash of each chunk's last character.
 */

/** The shape of one benchmark stream. */
export interface BenchShape {
  chunks: number;
  chars: number;
  delayMs: number;
}

const NAME = /^b-(\d+)-(\d+)-(\d+)$/;

/** The model name that asks the benchmark server for `shape`. */
export const benchModel = ({ chunks, chars, delayMs }: BenchShape): string =>
  `b-${chunks}-${chars}-${delayMs}`;

/** The shape a model name asks for, or `undefined` when it is not a benchmark model. */
export function parseBenchModel(model: unknown): BenchShape | undefined {
  const match = typeof model === 'string' ? NAME.exec(model) : null;
  if (!match) return undefined;
  return { chunks: Number(match[1]), chars: Number(match[2]), delayMs: Number(match[3]) };
}

/** The whole text of a benchmark stream: `chunks * chars` characters of words. */
export function benchText({ chunks, chars }: BenchShape): string {
  const length = chunks * chars;
  const words: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const word = i === 0 ? 't0' : ` t${i}`;
    words.push(word);
    size += word.length;
  }
  return words.join('').slice(0, length);
}

/** Adds one chunk's content to a running order-sensitive hash (cheap: two char reads per chunk). */
export const hashChunk = (hash: number, content: string): number =>
  (Math.imul(hash, 31) + content.charCodeAt(content.length - 1) * 7 + content.length) | 0;

/** What a client must report for one stream of `shape`. */
export function expectedResult(shape: BenchShape): { chunks: number; chars: number; hash: number } {
  const text = benchText(shape);
  let hash = 0;
  for (let i = 0; i < text.length; i += shape.chars) hash = hashChunk(hash, text.slice(i, i + shape.chars));
  return { chunks: shape.chunks, chars: text.length, hash };
}
