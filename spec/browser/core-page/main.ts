/**
 * The in-browser test page: bundled by esbuild for `platform: 'browser'` together with every spec/sse spec
 * (see ../core-bundle.ts; any Node-only import fails the build). It runs those jest specs through the
 * browser runner, then the shared conformance vectors when served, then real streamed completions over the
 * browser's fetch, and sends each result to the Node side as it finishes (`window.__report`).
 */
import { firstValueFrom, take, toArray } from 'rxjs';
import { createClient } from '../../../lib/client.js';
import { textDeltas } from '../../../lib/chat/operators/text-deltas.js';
import { runConformance } from './conformance.js';
import { BROWSER_TEXT } from './scenario.js';
import { registeredTests, runSpecs } from './spec-runner.js';

/** One check's outcome. */
export interface CaseResult {
  name: string;
  ok: boolean;
  detail?: string | undefined;
}

/** What the page sends to the runner. */
export type PageMessage =
  | ({ type: 'case'; group: 'spec' | 'conformance' | 'fetch' } & CaseResult)
  | { type: 'done'; conformance: 'ran' | 'absent'; registered: Record<string, number> }
  | { type: 'error'; error: string };

async function completions(): Promise<CaseResult[]> {
  const client = createClient({ baseURL: new URL('/v1', location.origin).href, maxRetries: 0 });
  const ask = () =>
    client.chat.completions.create({
      model: 'gpt-mock',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
  const results: CaseResult[] = [];
  try {
    const deltas = await firstValueFrom(ask().pipe(textDeltas(), toArray()));
    const text = deltas.join('');
    results.push({
      name: 'fetch: streamed completion reassembles the text',
      ok: text === BROWSER_TEXT && deltas.length > 3,
      detail: `${deltas.length} deltas: ${JSON.stringify(text)}`,
    });
  } catch (error) {
    results.push({
      name: 'fetch: streamed completion reassembles the text',
      ok: false,
      detail: String(error),
    });
  }
  try {
    const first = await firstValueFrom(ask().pipe(textDeltas(), take(1)));
    results.push({
      name: 'fetch: unsubscribing after the first delta',
      ok: first.length > 0,
      detail: JSON.stringify(first),
    });
  } catch (error) {
    results.push({ name: 'fetch: unsubscribing after the first delta', ok: false, detail: String(error) });
  }
  try {
    await firstValueFrom(ask());
    results.push({ name: 'fetch: HTTP 429 becomes RateLimitError', ok: false, detail: 'no error' });
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    results.push({
      name: 'fetch: HTTP 429 becomes RateLimitError',
      ok: name === 'RateLimitError',
      detail: `${name}: ${String((error as Error).message)}`,
    });
  }
  return results;
}

declare global {
  interface Window {
    /** Exposed by the runner (playwright `exposeFunction`); absent when the page is opened by hand. */
    __report?: (message: PageMessage) => Promise<void>;
  }
}

async function send(message: PageMessage): Promise<void> {
  if (window.__report) await window.__report(message);
  else console.log(JSON.stringify(message));
}

async function main(): Promise<void> {
  let passed = 0;
  let total = 0;
  const tally = async (group: 'spec' | 'conformance' | 'fetch', result: CaseResult): Promise<void> => {
    total++;
    if (result.ok) passed++;
    document.body.textContent = `${passed}/${total} passed`;
    await send({ type: 'case', group, ...result });
  };
  await runSpecs((result) => tally('spec', result));
  const vectors = await runConformance();
  for (const result of vectors ?? []) await tally('conformance', result);
  for (const result of await completions()) await tally('fetch', result);
  await send({ type: 'done', conformance: vectors ? 'ran' : 'absent', registered: registeredTests() });
}

main().catch((error: unknown) =>
  send({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
