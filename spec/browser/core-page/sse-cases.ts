/** Our own SSE parser cases, run inside the browser (each as one chunk and byte by byte). */
export interface SSECase {
  name: string;
  input: string;
  /** What the parser reports, in order: events as `{ event, data, id }`, retry updates as `{ retry }`. */
  expected: Array<{ event: string; data: string; id: string } | { retry: number }>;
  comments?: string[];
}

const message = (data: string, id = '') => ({ event: 'message', data, id });

export const SSE_CASES: SSECase[] = [
  { name: 'one data line', input: 'data: hello\n\n', expected: [message('hello')] },
  { name: 'data lines join with LF', input: 'data: a\ndata: b\n\n', expected: [message('a\nb')] },
  {
    name: 'CRLF and CR line endings',
    input: 'data: a\r\n\r\ndata: b\r\rdata: c\n\n',
    expected: [message('a'), message('b'), message('c')],
  },
  {
    name: 'event type resets after dispatch',
    input: 'event: ping\ndata: 1\n\ndata: 2\n\n',
    expected: [{ event: 'ping', data: '1', id: '' }, message('2')],
  },
  {
    name: 'last event ID persists',
    input: 'id: 7\ndata: a\n\ndata: b\n\n',
    expected: [message('a', '7'), message('b', '7')],
  },
  {
    name: 'comments are reported, not dispatched',
    input: ': keep-alive\ndata: x\n\n',
    expected: [message('x')],
    comments: ['keep-alive'],
  },
  { name: 'leading BOM is stripped', input: '\uFEFFdata: bom\n\n', expected: [message('bom')] },
  { name: 'unterminated block is dropped', input: 'data: a\n\ndata: never', expected: [message('a')] },
  { name: 'empty data buffer dispatches nothing', input: 'event: x\n\nid: 3\n\n', expected: [] },
  {
    name: 'only one leading space is stripped',
    input: 'data:  two\ndata:none\n\n',
    expected: [message(' two\nnone')],
  },
  { name: 'field name without colon', input: 'data\ndata\n\n', expected: [message('\n')] },
  {
    name: 'retry accepts digits only',
    input: 'retry: 1500\nretry: 12a\ndata: r\n\n',
    expected: [{ retry: 1500 }, message('r')],
  },
  {
    name: 'id with U+0000 is ignored',
    input: 'id: 1\ndata: a\n\nid: x\u0000y\ndata: b\n\n',
    expected: [message('a', '1'), message('b', '1')],
  },
  { name: 'multi-byte UTF-8 text', input: 'data: héllo ✓ 🚀\n\n', expected: [message('héllo ✓ 🚀')] },
  {
    name: 'OpenAI-style [DONE] frame',
    input: 'data: {"choices":[]}\n\ndata: [DONE]\n\n',
    expected: [message('{"choices":[]}'), message('[DONE]')],
  },
];
