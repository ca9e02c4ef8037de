import type { Page } from 'playwright-core';
import { startDashboard } from '../../docs/examples/dashboard/serve.js';
import { readStates, recordStates, within, type Harness } from './harness.js';

const SUITE = 'dashboard';

const card = (id: string) => `[data-stream="${id}"]`;

async function statusOf(page: Page, id: string): Promise<string | null> {
  return page.locator(card(id)).getAttribute('data-status');
}

/** Loads the dashboard (which starts its streams itself) and checks metrics, chart, stop and retry. */
export async function runDashboardSuite(harness: Harness): Promise<void> {
  const dashboard = await startDashboard({ port: 0 });
  const page = await harness.context.newPage();
  try {
    await page.goto(`${dashboard.url}/?autostart=0`);
    await page.waitForSelector(card('slow'));
    await recordStates(page, 'slow', `${card('slow')} .text`, card('slow'));
    await page.click('#start-all');

    await harness.check(
      SUITE,
      'the slow stream shows at least three growing text states while streaming',
      async () => {
        await page.waitForFunction(
          () => (document.querySelector('[data-stream="slow"] .text')?.textContent?.length ?? 0) > 60,
          undefined,
          { timeout: 10_000 },
        );
        const states = (await readStates(page, 'slow')).filter(
          (s) => s.status === 'streaming' && s.text.length > 0,
        );
        return states.length >= 3 || `only ${states.length} states`;
      },
    );
    await harness.screenshot(page, 'dashboard-streaming');

    await harness.check(SUITE, 'Stop aborts the slow stream and the server sees the disconnect', async () => {
      await page.click(`${card('slow')} .stop`);
      if ((await statusOf(page, 'slow')) !== 'stopped') return 'status is not "stopped"';
      const request = dashboard.mock.requests.find(
        (r) => (r.body as { model?: string }).model === 'mock-slow',
      );
      if (!request) return 'no request for mock-slow';
      const { abortedByClient } = await within(request.closed, 5000, 'slow request close');
      return abortedByClient || 'the server did not see an abort';
    });

    await harness.check(
      SUITE,
      'the fast stream completes with TTFT, chars/s and one chart bar per chunk',
      async () => {
        await page.waitForSelector(`${card('fast')}[data-status="complete"]`, { timeout: 15_000 });
        const ttft = await page.locator(`${card('fast')} .ttft`).textContent();
        const cps = await page.locator(`${card('fast')} .cps`).textContent();
        const chunks = Number(await page.locator(`${card('fast')} .chunks`).textContent());
        const bars = await page.locator(`${card('fast')} svg rect.arrival`).count();
        const ok = /^\d+ ms$/.test(ttft ?? '') && /^\d+$/.test(cps ?? '') && chunks > 3 && bars === chunks;
        return ok || `ttft=${ttft} cps=${cps} chunks=${chunks} bars=${bars}`;
      },
    );

    await harness.check(
      SUITE,
      "all charts share one time axis: the fast stream's 10th chunk lies left of the slow one's",
      async () => {
        const labels = await page.$$eval('.axis-end', (ends) => ends.map((end) => end.textContent));
        const tenth = (id: string) =>
          page.$$eval(`${card(id)} svg rect.arrival`, (bars) =>
            Number(bars[9]?.getAttribute('x') ?? Number.NaN),
          );
        const [fast, slow] = [await tenth('fast'), await tenth('slow')];
        const ok = new Set(labels).size === 1 && /^\d+\.\d s$/.test(labels[0] ?? '') && fast < slow;
        return ok || `axis labels ${JSON.stringify(labels)}, 10th bar fast ${fast} / slow ${slow}`;
      },
    );

    await harness.check(SUITE, 'the flaky streams fail with typed errors', async () => {
      await page.waitForSelector(`${card('flaky-status')}[data-status="error"]`, { timeout: 15_000 });
      await page.waitForSelector(`${card('flaky-midstream')}[data-status="error"]`, { timeout: 15_000 });
      const statusError = (await page.locator(`${card('flaky-status')} .error`).textContent()) ?? '';
      const midError = (await page.locator(`${card('flaky-midstream')} .error`).textContent()) ?? '';
      const partial = (await page.locator(`${card('flaky-midstream')} .text`).textContent()) ?? '';
      const ok =
        /^\w+Error: .*overloaded/.test(statusError) &&
        /^\w+Error: .*crashed/.test(midError) &&
        partial.length > 0;
      return (
        ok ||
        `status card: ${statusError} | mid-stream card: ${midError} (kept text ${JSON.stringify(partial)})`
      );
    });
    await harness.check(SUITE, 'the chunk count agrees with the error text ("after N chunks")', async () => {
      const error = (await page.locator(`${card('flaky-midstream')} .error`).textContent()) ?? '';
      const counted = await page.locator(`${card('flaky-midstream')} .chunks`).textContent();
      const said = /after (\d+) chunks?/.exec(error)?.[1];
      return (said !== undefined && said === counted) || `card says ${counted} chunks, error says ${error}`;
    });
    await harness.screenshot(page, 'dashboard-failed');

    await harness.check(
      SUITE,
      '"Retry failed" restarts exactly the failed streams, which then complete',
      async () => {
        const before = dashboard.mock.requests.length;
        await page.click('#retry-failed');
        await page.waitForSelector(`${card('flaky-status')}[data-status="complete"]`, { timeout: 15_000 });
        await page.waitForSelector(`${card('flaky-midstream')}[data-status="complete"]`, { timeout: 15_000 });
        const retried = dashboard.mock.requests
          .slice(before)
          .map((r) => (r.body as { model?: string }).model);
        const slow = await statusOf(page, 'slow');
        return (
          (retried.length === 2 && slow === 'stopped') ||
          `retried ${JSON.stringify(retried)}, slow is ${slow}`
        );
      },
    );
    await harness.screenshot(page, 'dashboard-retried');
  } finally {
    await page.close();
    await dashboard.close();
  }
}
