import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createUtf8Stream } from '../../lib/sse/utf8-stream.js';
import { utf8 } from './helpers.js';

/** What one `TextDecoder` fed with `{ stream: true }` and flushed at the end makes of `chunks`. */
function reference(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

/** What one non-streaming `TextDecoder` makes of all the bytes at once. */
function whole(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function decodeAll(chunks: Uint8Array[]): string {
  const stream = createUtf8Stream();
  return chunks.map((chunk) => stream.decode(chunk)).join('') + stream.flush();
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    out.push(bytes.subarray(from, point));
    from = point;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** Bytes that stress the decoder: ASCII, continuation bytes, every kind of lead (valid or not). */
const edgeByte = fc.constantFrom(
  0x00,
  0x0a,
  0x41,
  0x7f,
  0x80,
  0x8f,
  0x90,
  0x9f,
  0xa0,
  0xbf,
  0xc0,
  0xc1,
  0xc2,
  0xdf,
  0xe0,
  0xe1,
  0xed,
  0xee,
  0xef,
  0xbb,
  0xf0,
  0xf1,
  0xf4,
  0xf5,
  0xff,
);
const piece = fc.oneof(
  fc.uint8Array({ maxLength: 8 }),
  fc.array(edgeByte, { maxLength: 8 }).map((bytes) => new Uint8Array(bytes)),
  fc.string({ unit: 'grapheme', maxLength: 8 }).map(utf8),
);
const bytes = fc
  .array(piece, { maxLength: 24 })
  .map((pieces) => new Uint8Array(pieces.flatMap((part) => [...part])));

describe('createUtf8Stream', () => {
  it('matches a streaming TextDecoder on arbitrary bytes in any chunking', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 12 }), (input, cuts) => {
        const chunks = splitAt(input, cuts);
        expect(decodeAll(chunks)).toBe(reference(chunks));
      }),
      { numRuns: 2000 },
    );
  }, 30_000);

  it('matches it on long chunks (both of its decoders, switching between them)', () => {
    const long = fc
      .array(fc.oneof(piece, fc.constant(utf8('data: '.repeat(40)))), { minLength: 50, maxLength: 400 })
      .map((pieces) => new Uint8Array(pieces.flatMap((part) => [...part])));
    fc.assert(
      fc.property(long, fc.array(fc.nat(), { maxLength: 6 }), (input, cuts) => {
        const chunks = splitAt(input, cuts);
        expect(decodeAll(chunks)).toBe(reference(chunks));
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('matches it byte by byte, and on every two-way split', () => {
    const input = new Uint8Array([
      ...utf8('\uFEFFa😀é€'),
      0xf0,
      0x9f,
      0x41,
      0xe0,
      0x80,
      0xed,
      0xa0,
      0x80,
      0xf4,
      0x90,
      0x80,
      0x80,
      0xc2,
      0xf0,
      0x90,
      0x80,
    ]);
    const bytewise = Array.from(input, (byte) => new Uint8Array([byte]));
    expect(decodeAll(bytewise)).toBe(reference([input]));
    for (let cut = 0; cut <= input.length; cut++) {
      const chunks = [input.subarray(0, cut), input.subarray(cut)];
      expect(decodeAll(chunks)).toBe(reference(chunks));
    }
  });

  it('switches between its decoders on long ASCII and non-ASCII chunks without losing a byte', () => {
    const ascii = utf8('data: plain ascii text\n'.repeat(200));
    const mixed = utf8('data: café 東京 😀 мир\n'.repeat(200));
    const input = new Uint8Array([...ascii, ...mixed, ...ascii, ...mixed, ...mixed, ...ascii]);
    for (const size of [1000, 1500, 4096, 5000]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < input.length; i += size) chunks.push(input.subarray(i, i + size));
      expect(decodeAll(chunks)).toBe(reference([input]));
    }
  });

  it('copies a kept partial sequence, so a reused input buffer cannot change it', () => {
    const stream = createUtf8Stream();
    const buffer = new Uint8Array([0x61, 0xe2, 0x82]);
    expect(stream.decode(buffer)).toBe('a');
    buffer.fill(0x41);
    expect(stream.decode(new Uint8Array([0xac]))).toBe('€');
    expect(stream.flush()).toBe('');
  });

  it('flushes an unfinished sequence as U+FFFD and starts clean afterwards', () => {
    const stream = createUtf8Stream();
    expect(stream.decode(new Uint8Array([0x61, 0xf0, 0x9f]))).toBe('a');
    expect(stream.decode(new Uint8Array([0x98]))).toBe('');
    expect(stream.flush()).toBe('\uFFFD');
    expect(stream.decode(new Uint8Array([0x80, 0x62]))).toBe('\uFFFDb');
  });

  it('matches one TextDecoder on every chunking of every 4-byte string of edge bytes', () => {
    // Each continuation byte range that some lead accepts and another rejects, and every kind of lead.
    const alphabet = [0x41, 0x80, 0x90, 0xa0, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xff];
    const failures: string[] = [];
    for (const a of alphabet)
      for (const b of alphabet)
        for (const c of alphabet)
          for (const d of alphabet) {
            const input = new Uint8Array([a, b, c, d]);
            const expected = whole(input);
            for (let cuts = 0; cuts < 8; cuts++) {
              const chunks = splitAt(
                input,
                [1, 2, 3].filter((_, i) => cuts & (1 << i)),
              );
              if (decodeAll(chunks) !== expected)
                failures.push(chunks.map((chunk) => chunk.join(',')).join(' | '));
            }
          }
    expect(failures).toEqual([]);
  });

  it('completes a sequence split into 1-byte chunks only once its last byte arrives', () => {
    const stream = createUtf8Stream();
    const out = [0xf0, 0x9f, 0x98, 0x80, 0x41].map((byte) => stream.decode(new Uint8Array([byte])));
    expect(out).toEqual(['', '', '', '😀', 'A']);
    expect(stream.flush()).toBe('');
  });

  it('carries a sequence across three chunks, with empty chunks in between', () => {
    const stream = createUtf8Stream();
    expect(stream.decode(new Uint8Array([0x61, 0xf0]))).toBe('a');
    expect(stream.decode(new Uint8Array([]))).toBe('');
    expect(stream.decode(new Uint8Array([0x9f]))).toBe('');
    expect(stream.decode(new Uint8Array([0x9a, 0x80, 0x62, 0xe2]))).toBe('🚀b');
    expect(stream.decode(new Uint8Array([0x82, 0xac, 0xc3]))).toBe('€');
    expect(stream.decode(new Uint8Array([0xa9]))).toBe('é');
    expect(stream.flush()).toBe('');
  });

  it('decodes invalid sequences split across chunks as one TextDecoder decodes them whole', () => {
    const cases = [
      [[0xe0], [0x80, 0x80]], // overlong
      [[0xed, 0xa0], [0x80]], // surrogate
      [[0xf4, 0x90], [0x80], [0x80]], // above U+10FFFF
      [[0xf0, 0x9f], [0x41]], // cut short by ASCII
      [[0xf0, 0x9f], [0xf0, 0x9f, 0x98], [0x80]], // cut short by another lead
      [[0xc2], [0x80, 0x80, 0x80, 0x80]], // extra continuation bytes
      [[0xff], [0x80], [0x80], [0x80], [0x80], [0x41]], // never a lead
      [[0xc0], [0xaf]], // overlong 2-byte
      [[0xf5, 0x80], [0x80]], // lead above F4
      [[0x41, 0xf0, 0xee, 0x9f], [0x80]], // a lead cut short by the lead that is held
    ].map((chunks) => chunks.map((chunk) => new Uint8Array(chunk)));
    for (const chunks of cases) {
      const expected = whole(new Uint8Array(chunks.flatMap((chunk) => [...chunk])));
      expect(decodeAll(chunks)).toBe(expected);
      expect(expected).toContain('\uFFFD');
    }
  });

  it('ends a long non-ASCII piece in a lead cut short by the held lead with U+FFFD', () => {
    const text = utf8('é'.repeat(600));
    const chunks = [text, new Uint8Array([...text, 0xf0, 0xee, 0x9f]), new Uint8Array([0x80])];
    const expected = whole(new Uint8Array(chunks.flatMap((chunk) => [...chunk])));
    expect(expected.endsWith('\uFFFD\uE7C0')).toBe(true);
    expect(decodeAll(chunks)).toBe(expected);
  });

  it('flushes a truncated sequence as one U+FFFD per maximal subpart, as TextDecoder does', () => {
    for (const tail of [[0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0], [0xf0, 0x80]]) {
      const stream = createUtf8Stream();
      const input = new Uint8Array([0x78, ...tail]);
      expect(stream.decode(input) + stream.flush()).toBe(whole(input));
    }
  });

  it('keeps the BOM, at the start and in long non-ASCII chunks', () => {
    const stream = createUtf8Stream();
    expect(stream.decode(new Uint8Array([0xef, 0xbb]))).toBe('');
    expect(stream.decode(new Uint8Array([0xbf, 0x61]))).toBe('\uFEFFa');
    const long = '\uFEFF' + 'é'.repeat(1000);
    expect([utf8(long), utf8(long)].map((chunk) => stream.decode(chunk))).toEqual([long, long]);
  });
});
