/**
 * This library, through its public API: `createClient().chat.completions.create()`, subscribed. It loads
 * the build named by `BENCH_LIB` (see `build-lib.ts`), else `lib/` itself.
 */
import type * as Library from '../../../lib/index.js';
import { hashChunk } from '../bench-model.js';
import type { StreamOnce, StreamResult } from './types.js';

const { createClient } = (await import(
  process.env['BENCH_LIB'] ?? '../../../lib/index.js'
)) as typeof Library;

const messages = [{ role: 'user' as const, content: 'Count.' }];

export function createStreamOnce(url: string): StreamOnce {
  const client = createClient({ apiKey: 'x', baseURL: url, maxRetries: 0 });
  return (model) =>
    new Promise((resolve, reject) => {
      const result: StreamResult = { chunks: 0, chars: 0, hash: 0 };
      client.chat.completions.create({ model, messages, stream: true }).subscribe({
        next: (chunk) => {
          const content = chunk.choices[0]?.delta.content;
          if (content) {
            result.chunks++;
            result.chars += content.length;
            result.hash = hashChunk(result.hash, content);
          }
        },
        error: reject,
        complete: () => resolve(result),
      });
    });
}
