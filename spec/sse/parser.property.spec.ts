import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ServerSentEvent } from '../../lib/sse/index.js';
import { runChunks, utf8, type Run } from './helpers.js';

const noBreaks = (text: string) => text.replace(/[\r\n]/g, '');
const value = fc.string({ unit: 'binary', maxLength: 12 }).map(noBreaks);
const fieldName = fc.constantFrom('data', 'event', 'id', 'retry', 'foo', 'Data', '');
const line = fc.oneof(
  { weight: 5, arbitrary: value.map((v) => `data: ${v}`) },
  { weight: 2, arbitrary: value.map((v) => `data:${v}`) },
  { weight: 2, arbitrary: value.map((v) => `event: ${v}`) },
  { weight: 1, arbitrary: fc.oneof(value, fc.constant('a\0b')).map((v) => `id: ${v}`) },
  { weight: 1, arbitrary: fc.oneof(fc.nat().map(String), value).map((v) => `retry: ${v}`) },
  { weight: 1, arbitrary: value.map((v) => `:${v}`) },
  { weight: 1, arbitrary: fc.tuple(fieldName, value).map(([name, v]) => `${name}:${v}`) },
  { weight: 1, arbitrary: fieldName },
  { weight: 4, arbitrary: fc.constant('') },
);
const ending = fc.constantFrom('\n', '\r', '\r\n');
const stream = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, ending), { maxLength: 30 }), fc.oneof(fc.constant(''), value))
  .map(
    ([bom, lines, tail]) => (bom ? '\uFEFF' : '') + lines.map(([text, end]) => text + end).join('') + tail,
  );

/** Splits `bytes` at the given (sorted, deduplicated) positions. */
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

/** A deliberately naive reading of the algorithm, used as the oracle. */
function reference(text: string): Run['log'] {
  const log: Run['log'] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = input.split(/\r\n|\r|\n/);
  lines.pop(); // the unterminated rest is dropped
  let data: string[] = [];
  let type = '';
  let id = '';
  let retry: number | undefined;
  for (const current of lines) {
    if (current === '') {
      if (data.length > 0) {
        const event: ServerSentEvent = { event: type || 'message', data: data.join('\n'), id };
        if (retry !== undefined) event.retry = retry;
        log.push(event);
      }
      data = [];
      type = '';
      continue;
    }
    if (current.startsWith(':')) continue;
    const colon = current.indexOf(':');
    const name = colon === -1 ? current : current.slice(0, colon);
    let v = colon === -1 ? '' : current.slice(colon + 1);
    if (v.startsWith(' ')) v = v.slice(1);
    if (name === 'data') data.push(v);
    else if (name === 'event') type = v;
    else if (name === 'id' && !v.includes('\0')) id = v;
    else if (name === 'retry' && /^[0-9]+$/.test(v)) {
      retry = Number(v);
      log.push({ retry });
    }
  }
  return log;
}

describe('createSSEDecoder: any chunking gives the same result', () => {
  it('matches the one-chunk run and the reference for every split of the bytes', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const bytes = utf8(text);
        const whole = runChunks([bytes]);
        expect(whole.log).toEqual(reference(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)));
        expect(runChunks(splitAt(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same result byte by byte, and for string chunks', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const bytes = utf8(text);
        const whole = runChunks([bytes]);
        expect(runChunks(splitAt(bytes, [...bytes.keys()]))).toEqual(whole);
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points].map((from, i) => text.slice(from, points[i] ?? text.length));
        expect(runChunks(pieces).log).toEqual(runChunks([text]).log);
      }),
      { numRuns: 200 },
    );
  });
});
