/** The official `openai` package: `for await` over `chat.completions.create({ stream: true })`. */
import OpenAI from 'openai';
import { hashChunk } from '../bench-model.js';
import type { StreamOnce, StreamResult } from './types.js';

const messages = [{ role: 'user' as const, content: 'Count.' }];

export function createStreamOnce(url: string): StreamOnce {
  const client = new OpenAI({ apiKey: 'x', baseURL: url, maxRetries: 0 });
  return async (model) => {
    const result: StreamResult = { chunks: 0, chars: 0, hash: 0 };
    const stream = await client.chat.completions.create({ model, messages, stream: true });
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) {
        result.chunks++;
        result.chars += content.length;
        result.hash = hashChunk(result.hash, content);
      }
    }
    return result;
  };
}
