import { describe, expect, it } from '@jest/globals';
import { isSSEParseError } from '../../lib/errors/index.js';
import { createSSEParser } from '../../lib/sse/index.js';
import type { ServerSentEvent } from '../../lib/sse/index.js';
import { chunkings, message, runChunks, type Run } from './helpers.js';

interface Rule {
  rule: string;
  input: string;
  check: (run: Run) => void;
  initialLastEventId?: string;
}

const rules: Rule[] = [
  {
    rule: 'LF line endings',
    input: 'data: one\n\ndata: two\n\n',
    check: (run) => expect(run.events).toEqual([message('one'), message('two')]),
  },
  {
    rule: 'CR line endings',
    input: 'data: one\r\rdata: two\r\r',
    check: (run) => expect(run.events).toEqual([message('one'), message('two')]),
  },
  {
    rule: 'CRLF line endings (a CRLF is one line break, not a blank line)',
    input: 'data: a\r\ndata: b\r\n\r\nevent: x\r\ndata: c\r\n\r\n',
    check: (run) => expect(run.events).toEqual([message('a\nb'), { event: 'x', data: 'c', id: '' }]),
  },
  {
    rule: 'mixed line endings in one stream',
    input: 'data: a\rdata: b\ndata: c\r\n\n',
    check: (run) => expect(run.events).toEqual([message('a\nb\nc')]),
  },
  {
    rule: 'exactly one leading BOM is stripped',
    input: '\uFEFFdata: first\n\n\uFEFFdata: second\n\ndata: third\n\n',
    check: (run) => expect(run.events).toEqual([message('first'), message('third')]),
  },
  {
    rule: 'a second leading BOM stays part of the first field name',
    input: '\uFEFF\uFEFFdata: x\n\ndata: y\n\n',
    check: (run) => expect(run.events).toEqual([message('y')]),
  },
  {
    rule: 'comment lines are ignored and reported without ":" and one space',
    input: ': keep-alive\n:no space\n:  two spaces\ndata: x\n:\n\n',
    check: (run) => {
      expect(run.events).toEqual([message('x')]);
      expect(run.comments).toEqual(['keep-alive', 'no space', ' two spaces', '']);
    },
  },
  {
    rule: 'a field with no colon is a name with an empty value',
    input: 'data\n\ndata\ndata\n\nevent\ndata: z\n\n',
    check: (run) => expect(run.events).toEqual([message(''), message('\n'), message('z')]),
  },
  {
    rule: 'only one space after the colon is removed',
    input: 'data:  two\n\ndata:none\n\ndata: \t tab\n\n',
    check: (run) => expect(run.events).toEqual([message(' two'), message('none'), message('\t tab')]),
  },
  {
    rule: 'a colon in the value is kept',
    input: 'data: a: b:c\n\n',
    check: (run) => expect(run.events).toEqual([message('a: b:c')]),
  },
  {
    rule: 'multi-line data is joined with LF (the trailing LF removed)',
    input: 'data: line 1\ndata: line 2\ndata:\ndata: line 4\n\n',
    check: (run) => expect(run.events).toEqual([message('line 1\nline 2\n\nline 4')]),
  },
  {
    rule: 'the event type resets after each dispatch',
    input: 'event: custom\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n',
    check: (run) =>
      expect(run.events).toEqual([{ event: 'custom', data: '1', id: '' }, message('2'), message('3')]),
  },
  {
    rule: 'the last event ID persists across events',
    input: 'id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n',
    check: (run) => {
      expect(run.events).toEqual([message('a', '7'), message('b', '7'), message('c', '')]);
      expect(run.lastEventId).toBe('');
    },
  },
  {
    rule: 'an id containing U+0000 is ignored',
    input: 'id: good\ndata: a\n\nid: ba\0d\ndata: b\n\n',
    check: (run) => {
      expect(run.events).toEqual([message('a', 'good'), message('b', 'good')]);
      expect(run.lastEventId).toBe('good');
    },
  },
  {
    rule: 'an id-only block sets the last event ID without an event',
    input: 'id: 42\n\n',
    check: (run) => {
      expect(run.events).toEqual([]);
      expect(run.lastEventId).toBe('42');
    },
  },
  {
    rule: 'the initial last event ID is used until an id field changes it',
    input: 'data: a\n\nid: 2\ndata: b\n\n',
    initialLastEventId: '1',
    check: (run) => expect(run.events).toEqual([message('a', '1'), message('b', '2')]),
  },
  {
    rule: 'retry is accepted only when it is ASCII digits',
    input: 'retry: 1500\nretry: 10a\nretry: -1\nretry: 1.5\nretry:\nretry: ３\nretry\ndata: x\n\n',
    check: (run) => {
      expect(run.log).toEqual([{ retry: 1500 }, { ...message('x'), retry: 1500 }]);
      expect(run.retry).toBe(1500);
    },
  },
  {
    rule: 'events carry the latest retry, the key is absent before one is set',
    input: 'data: a\n\nretry: 20\ndata: b\n\nretry: 0\n\ndata: c\n\n',
    check: (run) => {
      expect(run.log).toEqual([
        message('a'),
        { retry: 20 },
        { ...message('b'), retry: 20 },
        { retry: 0 },
        { ...message('c'), retry: 0 },
      ]);
      expect('retry' in (run.events[0] as ServerSentEvent)).toBe(false);
    },
  },
  {
    rule: 'unknown fields are ignored (field names are case-sensitive)',
    input: 'foo: bar\nDATA: no\nData: no\ndata: yes\nevent : no\n\n',
    check: (run) => expect(run.events).toEqual([message('yes')]),
  },
  {
    rule: 'a block with an empty data buffer dispatches nothing but resets the event type',
    input: 'event: ghost\n\ndata: real\n\nevent: x\nid: 3\n\n',
    check: (run) => {
      expect(run.events).toEqual([message('real')]);
      expect(run.lastEventId).toBe('3');
    },
  },
  {
    rule: 'an unterminated block at the end of the stream is dropped',
    input: 'data: kept\n\ndata: dropped\n',
    check: (run) => expect(run.events).toEqual([message('kept')]),
  },
  {
    rule: 'an unterminated line at the end of the stream is dropped',
    input: 'data: kept\n\nid: 9\n\ndata: dropped',
    check: (run) => {
      expect(run.events).toEqual([message('kept')]);
      expect(run.lastEventId).toBe('9');
    },
  },
  {
    rule: 'non-ASCII text survives',
    input: 'event: ünï\ndata: 東京 😀 мир\n\n',
    check: (run) => expect(run.events).toEqual([{ event: 'ünï', data: '東京 😀 мир', id: '' }]),
  },
];

describe('createSSEParser: WHATWG "Interpreting an event stream"', () => {
  for (const { rule, input, check, initialLastEventId } of rules) {
    describe(rule, () => {
      for (const [label, chunks] of chunkings(input)) {
        it(label, () => check(runChunks(chunks, { initialLastEventId })));
      }
    });
  }

  it('treats a CR at the end of a chunk and an LF at the start of the next as one line break', () => {
    const run = runChunks(['data: a\r', '\ndata: b\r', '\n\r', '\n']);
    expect(run.events).toEqual([message('a\nb')]);
    const bare = runChunks(['data: a\r', 'data: b\r', '\r']);
    expect(bare.events).toEqual([message('a\nb')]);
  });

  it('dispatches a CR-terminated event without waiting for the next chunk', () => {
    const events: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (event) => events.push(event) });
    parser.feed('data: now\r\r');
    expect(events).toEqual([message('now')]);
  });

  it('exposes lastEventId and retry', () => {
    const parser = createSSEParser({ onEvent: () => undefined }, { initialLastEventId: 'start' });
    expect(parser.lastEventId).toBe('start');
    expect(parser.retry).toBeUndefined();
    parser.feed('id: 5\nretry: 300\n');
    expect(parser.lastEventId).toBe('start');
    parser.feed('\n');
    expect(parser.lastEventId).toBe('5');
    expect(parser.retry).toBe(300);
  });

  it('calls onRetry and onComment in stream order with onEvent', () => {
    const calls: string[] = [];
    const parser = createSSEParser({
      onEvent: (event) => calls.push(`event ${event.data}`),
      onRetry: (ms) => calls.push(`retry ${ms}`),
      onComment: (text) => calls.push(`comment ${text}`),
    });
    parser.feed(': hi\nretry: 5\ndata: a\n\n: bye\n');
    expect(calls).toEqual(['comment hi', 'retry 5', 'event a', 'comment bye']);
  });

  it('refuses input after end()', () => {
    const parser = createSSEParser({ onEvent: () => undefined });
    parser.end();
    expect(() => parser.feed('data: x\n\n')).toThrow(TypeError);
  });

  it('rejects a maxEventBytes that is not a positive number', () => {
    expect(() => createSSEParser({ onEvent: () => undefined }, { maxEventBytes: 0 })).toThrow(
      /maxEventBytes/,
    );
    expect(() => createSSEParser({ onEvent: () => undefined }, { maxEventBytes: Number.NaN })).toThrow(
      TypeError,
    );
  });
});

describe('createSSEParser: maxEventBytes', () => {
  const collect = (chunks: string[], maxEventBytes: number) => {
    const events: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (event) => events.push(event) }, { maxEventBytes });
    let error: unknown;
    try {
      for (const chunk of chunks) parser.feed(chunk);
    } catch (caught) {
      error = caught;
    }
    return { events, error, parser };
  };

  it('fails with an SSEParseError after delivering the events before it (one chunk)', () => {
    const { events, error } = collect(['data: ok\n\ndata: ' + 'x'.repeat(50) + '\n\n'], 20);
    expect(events).toEqual([message('ok')]);
    expect(isSSEParseError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'SSEParseError', kind: 'max-event-bytes', limit: 20 });
  });

  it('counts an unfinished line fed in small pieces', () => {
    const { events, error } = collect(['data: ok\n\n', ...Array.from({ length: 30 }, () => 'data-ish')], 100);
    expect(events).toEqual([message('ok')]);
    expect(isSSEParseError(error)).toBe(true);
  });

  it('counts multi-line data plus the unfinished line', () => {
    const { error } = collect(['data: 12345\ndata: 12345\n', 'data: 1234'], 20);
    expect(isSSEParseError(error)).toBe(true);
    expect(collect(['data: 12345\ndata: 12345\n', 'data: 12', '\n\n'], 20).error).toBeUndefined();
  });

  it('accepts an event of exactly the limit', () => {
    const { events, error } = collect(['data: ' + 'y'.repeat(10) + '\n\n'], 10);
    expect(error).toBeUndefined();
    expect(events).toHaveLength(1);
  });

  it('counts a data line completed by a later chunk', () => {
    expect(isSSEParseError(collect(['data: x', 'x'.repeat(10) + '\n\n'], 10).error)).toBe(true);
    const { events, error } = collect(['data: x', 'x'.repeat(9) + '\n\n'], 10);
    expect(error).toBeUndefined();
    expect(events).toEqual([message('x'.repeat(10))]);
  });

  it('keeps throwing the same error after a failure', () => {
    const { error, parser } = collect(['data: ' + 'x'.repeat(50) + '\n\n'], 10);
    expect(() => parser.feed('data: small\n\n')).toThrow(error as Error);
  });
});

describe('createSSEParser: an unfinished line at the end of a long chunk', () => {
  it('is completed by the next chunk, multi-byte text and CR line ends included', () => {
    const head = `${'data: filler\n\n'.repeat(100)}data: {"text":"é😀`;
    expect(head.length).toBeGreaterThan(1024);
    const events: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (event) => events.push(event) });
    parser.feed(head);
    parser.feed('東京"}\r\r');
    expect(events).toHaveLength(101);
    expect(events.at(-1)).toEqual(message('{"text":"é😀東京"}'));
  });

  it('counts toward maxEventBytes as before', () => {
    const parser = createSSEParser({ onEvent: () => undefined }, { maxEventBytes: 50 });
    expect(() => parser.feed(`${'data: x\n\n'.repeat(200)}data: ${'y'.repeat(60)}`)).toThrow(/maxEventBytes/);
  });
});
