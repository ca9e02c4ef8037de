/**
 * The in-browser test page: bundled by esbuild for `platform: 'browser'` (so any Node-only import fails the
 * build), it runs our SSE cases, the shared conformance vectors when served, and real streamed completions
 * over the browser's fetch, then publishes the results on `window.__results`.
 */
import { firstValueFrom, take, toArray } from 'rxjs';
import { createClient } from '../../../lib/client.js';
import { textDeltas } from '../../../lib/operators/text-deltas.js';
import { runConformance } from './conformance.js';
import { replay, same } from './replay.js';
import { BROWSER_TEXT } from './scenario.js';
import { SSE_CASES } from './sse-cases.js';

/** One check's outcome. */
export interface CaseResult {
  name: string;
  ok: boolean;
  detail?: string | undefined;
}

async function sseCases(): Promise<CaseResult[]> {
  const encoder = new TextEncoder();
  const results: CaseResult[] = [];
  for (const testCase of SSE_CASES) {
    const bytes = encoder.encode(testCase.input);
    const chunkings: Array<[string, Array<Uint8Array | string>]> = [
      ['one chunk', [bytes]],
      ['byte by byte', Array.from(bytes, (byte) => Uint8Array.of(byte))],
      ['as characters', Array.from(testCase.input)],
    ];
    let detail: string | undefined;
    for (const [label, chunks] of chunkings) {
      const seen = await replay(chunks).catch((error: unknown) => ({
        log: [`threw ${String(error)}`],
        comments: [],
      }));
      if (!same(seen.log, testCase.expected)) detail = `${label}: got ${JSON.stringify(seen.log)}`;
      else if (testCase.comments && !same(seen.comments, testCase.comments))
        detail = `${label}: comments ${JSON.stringify(seen.comments)}`;
      if (detail) break;
    }
    results.push({ name: `sse: ${testCase.name}`, ok: !detail, detail });
  }
  return results;
}

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
    __results?: { cases: CaseResult[]; conformance: 'ran' | 'absent'; error?: string };
  }
}

async function main(): Promise<void> {
  const cases = await sseCases();
  const vectors = await runConformance();
  cases.push(...(vectors ?? []), ...(await completions()));
  window.__results = { cases, conformance: vectors ? 'ran' : 'absent' };
  document.body.textContent = `${cases.filter((c) => c.ok).length}/${cases.length} passed`;
}

main().catch((error: unknown) => {
  window.__results = { cases: [], conformance: 'absent', error: String(error) };
});
