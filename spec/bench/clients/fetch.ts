/** The floor: plain `fetch`, a body reader, `TextDecoder`, a split on blank lines and one `JSON.parse` per frame. */
import { hashChunk } from '../bench-model.js';
import type { StreamOnce, StreamResult } from './types.js';

const messages = [{ role: 'user' as const, content: 'Count.' }];

export function createStreamOnce(url: string): StreamOnce {
  const init = (model: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    body: JSON.stringify({ model, messages, stream: true }),
  });
  return async (model) => {
    const result: StreamResult = { chunks: 0, chars: 0, hash: 0 };
    const response = await fetch(`${url}/chat/completions`, init(model));
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let rest = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const text = rest + decoder.decode(read.value, { stream: true });
      let start = 0;
      // The mock server sends `data: …\n\n` frames: enough for a floor, not a general SSE parser.
      for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n', start)) {
        const data = text.slice(start + 6, end);
        start = end + 2;
        if (data === '[DONE]') continue;
        const content = (JSON.parse(data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]
          ?.delta.content;
        if (content) {
          result.chunks++;
          result.chars += content.length;
          result.hash = hashChunk(result.hash, content);
        }
      }
      rest = text.slice(start);
    }
    return result;
  };
}
