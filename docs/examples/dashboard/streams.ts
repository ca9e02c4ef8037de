/** One stream of the dashboard; `model` picks the mock server's behaviour (see `dashboard-replies.ts`). */
export interface StreamConfig {
  id: string;
  title: string;
  model: string;
  prompt: string;
}

/** The streams shown side by side. Two fail on every odd attempt, so "Retry failed" recovers them. */
export const STREAMS: StreamConfig[] = [
  { id: 'fast', title: 'Fast model', model: 'mock-fast', prompt: 'Write a limerick about streams.' },
  { id: 'slow', title: 'Slow model', model: 'mock-slow', prompt: 'Explain backpressure slowly.' },
  { id: 'flaky-status', title: 'Flaky (HTTP 503)', model: 'mock-flaky-status', prompt: 'Say hello.' },
  {
    id: 'flaky-midstream',
    title: 'Flaky (error mid-stream)',
    model: 'mock-flaky-midstream',
    prompt: 'Count to ten.',
  },
];
