/**
 * A streaming UTF-8 to string decoder, equal in output to one `TextDecoder` fed with `{ stream: true }`.
 *
 * @example
 * ```ts
 * import { createUtf8Stream } from './utf8-stream.js';
 *
 * const utf8 = createUtf8Stream();
 * const text = utf8.decode(new Uint8Array([0x68, 0xc3])) + utf8.decode(new Uint8Array([0xa9])); // "hé"
 * ```
 */
export interface Utf8Stream {
  /** Decodes the next bytes; an unfinished multi-byte sequence at their end is kept for the next call. */
  decode(bytes: Uint8Array): string;
  /** Ends the current stream: a kept unfinished sequence becomes U+FFFD (`""` if there is none). */
  flush(): string;
}

/** Leading 1 bits of `byte`: 0 for ASCII, 1 for a continuation byte, else 1 + the continuation bytes it takes. */
const leadingOnes = (byte: number): number => Math.clz32(~(byte << 24));

const utf8Decoder = (): TextDecoder => new TextDecoder('utf-8', { ignoreBOM: true });

/** A decoder switched to its streaming (in Node: ICU) path by one empty call with `stream`. */
function streamingDecoder(): TextDecoder {
  const decoder = utf8Decoder();
  decoder.decode(undefined, { stream: true });
  return decoder;
}

/**
 * Creates a WHATWG-exact streaming UTF-8 decoder (BOM kept, invalid bytes become U+FFFD) that decodes each
 * chunk without `stream` (so `TextDecoder` keeps no state), up to its last sequence boundary. The 1-3 bytes
 * of an unfinished sequence at its end are held and decoded together with the continuation bytes that start
 * the next chunk. No cut changes the output, since each falls where one decoder fed all bytes is between
 * sequences: before a byte that is not a continuation byte (it starts a sequence or ends the previous one
 * with U+FFFD), or after a lead and at least as many continuation bytes as it can take.
 *
 * @returns a decoder for one byte stream.
 *
 * @example
 * ```ts
 * import { createUtf8Stream } from './utf8-stream.js';
 *
 * const utf8 = createUtf8Stream();
 * utf8.decode(new Uint8Array([0xe2, 0x82])); // ""
 * utf8.decode(new Uint8Array([0xac])); // "€"
 * ```
 */
export function createUtf8Stream(): Utf8Stream {
  // Node decodes ASCII far faster on its fast path, but non-ASCII text faster through ICU, which a decoder
  // switches to for good once called with `stream`; long pieces after a non-ASCII one go to `icu` (made on
  // first use: it holds an ICU converter). Neither is called with `stream` after that: a piece may end in
  // a lead cut short by a held lead (U+FFFD now).
  const fast = utf8Decoder();
  let icu: TextDecoder | undefined;
  let ascii = true;
  // The unfinished sequence in held[0, kept): its lead and up to 3 continuation bytes.
  const held = new Uint8Array(4);
  let kept = 0;

  /** Decodes `bytes` up to their last sequence boundary and holds the rest. */
  function cut(bytes: Uint8Array): string {
    let end = bytes.length;
    for (let back = 1; back < 4; back++) {
      const ones = leadingOnes(bytes[end - back] ?? 0);
      if (ones === 1) continue;
      if (ones > back) {
        end -= back;
        held.set(bytes.subarray(end));
        kept = back;
      }
      break;
    }
    const piece = end < bytes.length ? bytes.subarray(0, end) : bytes;
    const text = (ascii || piece.length <= 1024 ? fast : (icu ??= streamingDecoder())).decode(piece);
    ascii = text.length === piece.length;
    return text;
  }

  function flush(): string {
    const text = fast.decode(held.subarray(0, kept));
    kept = 0;
    return text;
  }

  function decode(bytes: Uint8Array): string {
    if (!kept) return cut(bytes);
    let taken = 0;
    while (kept < 4 && leadingOnes(bytes[taken] ?? 0) === 1) held[kept++] = bytes[taken++]!;
    // Every byte was taken and the sequence is still short: keep waiting.
    if (taken === bytes.length && kept < leadingOnes(held[0]!)) return '';
    const head = flush();
    return taken < bytes.length ? head + cut(bytes.subarray(taken)) : head;
  }

  return { decode, flush };
}
