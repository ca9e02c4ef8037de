// Stream bodies as real servers send them, written for these specs (.sse text).

const chunk = (body: Record<string, unknown>) => `data: ${JSON.stringify(body)}\n\n`;
const base = { object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o' };

/** Azure OpenAI: a first chunk with an empty id, no choices and prompt_filter_results; filter results on every choice. */
export const AZURE = [
  chunk({
    id: '',
    object: '',
    created: 0,
    model: '',
    choices: [],
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
  }),
  chunk({
    ...base,
    id: 'chatcmpl-az',
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: '' },
        finish_reason: null,
        content_filter_results: {},
      },
    ],
  }),
  chunk({
    ...base,
    id: 'chatcmpl-az',
    choices: [
      {
        index: 0,
        delta: { content: 'Hello' },
        finish_reason: null,
        content_filter_results: { hate: { filtered: false } },
      },
    ],
  }),
  chunk({
    ...base,
    id: 'chatcmpl-az',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop', content_filter_results: {} }],
  }),
  'data: [DONE]\n\n',
].join('');

/** `usage: null` on every chunk, `role` only on the first, then the include_usage chunk. */
export const USAGE_NULL = [
  chunk({
    ...base,
    id: 'c1',
    choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
    usage: null,
  }),
  chunk({
    ...base,
    id: 'c1',
    choices: [{ index: 0, delta: { content: ' there' }, finish_reason: null }],
    usage: null,
  }),
  chunk({ ...base, id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: null }),
  chunk({
    ...base,
    id: 'c1',
    choices: [],
    usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
  }),
  'data: [DONE]\n\n',
].join('');

/** DeepSeek-style `reasoning_content` before the content. */
export const REASONING = [
  chunk({
    ...base,
    id: 'r1',
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: null, reasoning_content: 'Think' },
        finish_reason: null,
      },
    ],
  }),
  chunk({
    ...base,
    id: 'r1',
    choices: [{ index: 0, delta: { content: null, reasoning_content: 'ing.' }, finish_reason: null }],
  }),
  chunk({ ...base, id: 'r1', choices: [{ index: 0, delta: { content: 'Answer' }, finish_reason: 'stop' }] }),
  'data: [DONE]\n\n',
].join('');

/** A tool call whose index starts at 1. */
export const TOOL_INDEX_1 = [
  chunk({
    ...base,
    id: 't1',
    choices: [
      {
        index: 0,
        delta: {
          role: 'assistant',
          tool_calls: [
            { index: 1, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        },
        finish_reason: null,
      },
    ],
  }),
  chunk({
    ...base,
    id: 't1',
    choices: [
      {
        index: 0,
        delta: { tool_calls: [{ index: 1, function: { arguments: '{"city":' } }] },
        finish_reason: null,
      },
    ],
  }),
  chunk({
    ...base,
    id: 't1',
    choices: [
      {
        index: 0,
        delta: { tool_calls: [{ index: 1, function: { arguments: '"Paris"}' } }] },
        finish_reason: null,
      },
    ],
  }),
  chunk({ ...base, id: 't1', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
  'data: [DONE]\n\n',
].join('');

/** The body ends `data: [DONE]\n`, without the blank line (a WHATWG parser drops that block). */
export const DONE_WITHOUT_BLANK_LINE = [
  chunk({ ...base, id: 'd1', choices: [{ index: 0, delta: { content: 'Done' }, finish_reason: null }] }),
  'data: [DONE]\n',
].join('');

/** Comments, keep-alives, an event without data, empty and whitespace-only data, CRLF line ends. */
export const KEEP_ALIVES = [
  ': OPENROUTER PROCESSING\n\n',
  ':\n\n',
  'event: ping\n\n',
  'data:\n\n',
  'data:    \n\n',
  'data: \t \r\n\r\n',
  chunk({ ...base, id: 'k1', choices: [{ index: 0, delta: { content: 'Kept' }, finish_reason: null }] }),
  ': keep-alive\n\n',
  chunk({ ...base, id: 'k1', choices: [{ index: 0, delta: { content: ' alive' }, finish_reason: 'stop' }] }),
  'data: [DONE]\n\n',
].join('');

/** No `[DONE]`, but every choice finished: a complete answer. */
export const FINISHED_WITHOUT_DONE = [
  chunk({
    ...base,
    id: 'f1',
    choices: [
      { index: 0, delta: { content: 'A' }, finish_reason: null },
      { index: 1, delta: { content: 'B' }, finish_reason: null },
    ],
  }),
  chunk({ ...base, id: 'f1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
  chunk({ ...base, id: 'f1', choices: [{ index: 1, delta: {}, finish_reason: 'length' }] }),
].join('');

/** Cuts a body into pieces of `size` characters, to check that chunking does not matter. */
export function rechunk(body: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < body.length; i += size) pieces.push(body.slice(i, i + size));
  return pieces;
}
