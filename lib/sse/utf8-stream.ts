const STREAM: TextDecodeOptions = { stream: true };
/** Pieces up to this many bytes are decoded without `stream` (far less work per call in V8/Node). */
const SMALL_PIECE = 1024;

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

/** How many continuation bytes follow `lead` in a well-formed sequence (0 for ASCII and invalid leads). */
function continuationCount(lead: number): number {
  if (lead >= 0xf0) return lead <= 0xf4 ? 3 : 0;
  if (lead >= 0xe0) return 2;
  return lead >= 0xc2 ? 1 : 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const isContinuation = (byte: number): boolean => (byte & 0xc0) === 0x80;

/**
 * Creates a WHATWG-exact streaming UTF-8 decoder (BOM kept, invalid bytes become U+FFFD) that picks the
 * cheaper of two `TextDecoder`s per chunk. Short or ASCII-looking chunks go to a decoder never called with
 * `stream` (Node's fast path): each chunk is cut at its last sequence boundary and the 1-3 bytes of an
 * unfinished sequence are kept here. Cutting before a byte that is not a continuation byte (or after a lead
 * and all the continuation bytes it can take) cannot change the WHATWG decoder's output, since such a byte
 * either starts a sequence or ends the previous one with U+FFFD in any case. Long non-ASCII chunks go to a
 * `stream: true` decoder (Node's ICU path, cheaper per byte there); it is left only after a chunk ending in
 * an ASCII byte, when it cannot be holding part of a sequence.
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
  // Never called with `stream`: Node keeps its fast UTF-8 path for this one.
  const whole = new TextDecoder('utf-8', { ignoreBOM: true });
  // Called with `stream` (Node's ICU path), which costs less per byte on long non-ASCII text.
  const streaming = new TextDecoder('utf-8', { ignoreBOM: true });
  // The unfinished sequence `whole` left (its lead and 0-2 continuation bytes), and how many more it takes.
  let carry: Uint8Array | undefined;
  let missing = 0;
  // Whether `streaming` may hold part of a sequence (then every chunk goes to it).
  let streamingBusy = false;
  let ascii = true;

  function decodeStreaming(bytes: Uint8Array): string {
    let text = '';
    if (carry !== undefined) {
      text = streaming.decode(carry, STREAM);
      carry = undefined;
    }
    text += streaming.decode(bytes, STREAM);
    const length = bytes.length;
    ascii = text.length === length;
    streamingBusy = (bytes[length - 1] ?? 0) >= 0x80;
    return text;
  }

  function decode(bytes: Uint8Array): string {
    const length = bytes.length;
    if (streamingBusy || (!ascii && length > SMALL_PIECE)) return decodeStreaming(bytes);
    let head = '';
    let start = 0;
    if (carry !== undefined) {
      while (start < missing && start < length && isContinuation(bytes[start] ?? 0)) start++;
      if (start === length && start < missing) {
        carry = concat(carry, bytes);
        missing -= start;
        return '';
      }
      head = whole.decode(concat(carry, bytes.subarray(0, start)));
      carry = undefined;
    }
    let end = length;
    if (end > start && (bytes[end - 1] ?? 0) >= 0x80) {
      const stop = Math.max(start, end - 4);
      let lead = end - 1;
      while (lead >= stop && isContinuation(bytes[lead] ?? 0)) lead--;
      if (lead >= stop) {
        const needed = continuationCount(bytes[lead] ?? 0) - (end - 1 - lead);
        if (needed > 0) {
          carry = bytes.slice(lead);
          missing = needed;
          end = lead;
        }
      }
    }
    if (end === start) return head;
    const text = whole.decode(start === 0 && end === length ? bytes : bytes.subarray(start, end));
    ascii = text.length === end - start;
    return head === '' ? text : head + text;
  }

  function flush(): string {
    if (streamingBusy) {
      streamingBusy = false;
      return streaming.decode();
    }
    if (carry === undefined) return '';
    const text = whole.decode(carry);
    carry = undefined;
    return text;
  }

  return { decode, flush };
}
