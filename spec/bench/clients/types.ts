/**
 * The clients that the HTTP benchmarks compare. Each lives in its own module (`clients/<name>.ts`, exporting
 * `createStreamOnce(url)`), so that a benchmark process loads only the client it measures: its heap and RSS
 * hold no other library. Every client sends the same request, reads the text of `choices[0].delta.content`
 * and never retries (`maxRetries: 0`).
 */

/** The names of the clients, in the order they are printed. */
export const CLIENTS = ['ours', 'openai', 'ai-sdk', 'fetch'] as const;
export type ClientName = (typeof CLIENTS)[number];

/** How each client is printed in tables. */
export const CLIENT_LABELS: Record<ClientName, string> = {
  ours: 'rxjs-openai-stream',
  openai: 'openai (official)',
  'ai-sdk': 'Vercel AI SDK',
  fetch: 'fetch + JSON.parse (floor)',
};

/** What one stream delivered: content chunks (frames with non-empty content), characters, order hash. */
export interface StreamResult {
  chunks: number;
  chars: number;
  hash: number;
}

/** Reads one streamed chat completion of `model` and reports what arrived. */
export type StreamOnce = (model: string) => Promise<StreamResult>;
