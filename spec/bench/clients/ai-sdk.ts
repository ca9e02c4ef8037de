/** The Vercel AI SDK: `streamText` with `@ai-sdk/openai-compatible`, reading `textStream`. */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import { hashChunk } from '../bench-model.js';
import type { StreamOnce, StreamResult } from './types.js';

const messages = [{ role: 'user' as const, content: 'Count.' }];

export function createStreamOnce(url: string): StreamOnce {
  const provider = createOpenAICompatible({ name: 'mock', baseURL: url, apiKey: 'x' });
  return async (model) => {
    const result: StreamResult = { chunks: 0, chars: 0, hash: 0 };
    let failure: unknown;
    const run = streamText({
      model: provider.chatModel(model),
      messages,
      maxRetries: 0,
      onError: ({ error }) => {
        failure = error;
      },
    });
    for await (const text of run.textStream) {
      if (text) {
        result.chunks++;
        result.chars += text.length;
        result.hash = hashChunk(result.hash, text);
      }
    }
    if (failure) throw failure;
    return result;
  };
}
