import { describe, expect, it } from '@jest/globals';
import { createSSEDecoder } from '../../lib/sse/index.js';
import type { ServerSentEvent } from '../../lib/sse/index.js';
import { bytesInPieces, message, runChunks, utf8 } from './helpers.js';

describe('createSSEDecoder', () => {
  it('decodes a 4-byte emoji split at every position', () => {
    const bytes = utf8('data: a😀b\n\n');
    const emojiStart = utf8('data: a').length;
    for (let cut = emojiStart; cut <= emojiStart + 4; cut++) {
      const run = runChunks([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(run.events).toEqual([message('a😀b')]);
    }
    for (let first = 1; first < bytes.length; first++) {
      for (let second = first + 1; second < bytes.length; second++) {
        const run = runChunks([
          bytes.subarray(0, first),
          bytes.subarray(first, second),
          bytes.subarray(second),
        ]);
        expect(run.events).toEqual([message('a😀b')]);
      }
    }
  });

  it('turns invalid bytes into U+FFFD', () => {
    const bytes = new Uint8Array([...utf8('data: '), 0xff, 0x61, 0xc3, 0x28, 0xe2, 0x82, 0x0a, 0x0a]);
    const expected = [message('\uFFFDa\uFFFD(\uFFFD')];
    expect(runChunks([bytes]).events).toEqual(expected);
    expect(runChunks(bytesInPieces(bytes, 1)).events).toEqual(expected);
  });

  it('flushes a truncated sequence at the end into U+FFFD (the block is still dropped)', () => {
    const bytes = new Uint8Array([...utf8('data: ok\n\nid: x'), 0xe2, 0x82]);
    expect(runChunks([bytes]).events).toEqual([message('ok')]);
    const idBlock = new Uint8Array([...utf8('id: '), 0xe2, 0x82, ...utf8('\n\n')]);
    expect(runChunks(bytesInPieces(idBlock, 1)).lastEventId).toBe('\uFFFD');
  });

  it('strips one BOM given as bytes, split over chunks', () => {
    const bytes = utf8('\uFEFFdata: x\n\n');
    expect(runChunks(bytesInPieces(bytes, 1)).events).toEqual([message('x')]);
    expect(runChunks(bytesInPieces(utf8('\uFEFF\uFEFFdata: x\n\n'), 2)).events).toEqual([]);
  });

  it('takes strings and bytes in one stream, flushing a pending partial sequence before a string', () => {
    const run = runChunks([
      utf8('data: a'),
      'b\n',
      utf8('data: '),
      new Uint8Array([0xe2]),
      '\n',
      utf8('data: é\n\n'),
    ]);
    expect(run.events).toEqual([message('ab\n\uFFFD\né')]);
  });

  it('calls onEvent synchronously from write', () => {
    const events: ServerSentEvent[] = [];
    const decoder = createSSEDecoder((event) => events.push(event));
    decoder.write(utf8('data: 1\n\ndata: 2'));
    expect(events).toEqual([message('1')]);
    decoder.write(utf8('\n\n'));
    expect(events).toEqual([message('1'), message('2')]);
    decoder.end();
  });

  it('reports the final last event ID and retry', () => {
    const decoder = createSSEDecoder(() => undefined, { initialLastEventId: 'a' });
    decoder.write('retry: 250\nid: b\n\n');
    decoder.end();
    expect([decoder.lastEventId, decoder.retry]).toEqual(['b', 250]);
  });
});
