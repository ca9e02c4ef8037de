import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startProxyServer } from '../../docs/examples/dashboard/proxy-server.js';
import type { MockServer } from '../../lib/testing/index.js';
import { bundleCorePage, EXCLUDED_SPECS, type CoreBundle } from './core-bundle.js';
import type { PageMessage } from './core-page/main.js';
import { BROWSER_REPLIES } from './core-page/scenario.js';
import { within, type Harness } from './harness.js';

const SUITE = 'core in Chromium';
const ROOT = resolve(import.meta.dirname, '..', '..');

/** The shared conformance folder, if present: `CONFORMANCE_DIR`, else `../shared/conformance`. */
export function conformanceDir(): string | undefined {
  const dir = process.env['CONFORMANCE_DIR'] ?? resolve(ROOT, '..', 'shared', 'conformance');
  return existsSync(join(dir, 'sse-vectors.json')) ? dir : undefined;
}

/** The whole page (specs, vectors, completions) must finish within this. */
const PAGE_TIMEOUT_MS = 150_000;

/** What the page reported, collected by {@link collect}. */
interface PageRun {
  specResults: number;
  conformance: { passed: number; total: number };
  done?: Extract<PageMessage, { type: 'done' }>;
}

/**
 * Records the page's results as they arrive: every spec/sse test and fetch check individually, the
 * conformance vectors as one line (failures individually). Resolves when the page is done or fails.
 */
async function collect(harness: Harness, page: Page, url: string): Promise<PageRun> {
  const run: PageRun = { specResults: 0, conformance: { passed: 0, total: 0 } };
  let finish: (error?: string) => void = () => undefined;
  const finished = new Promise<string | undefined>((resolve) => (finish = resolve));
  await page.exposeFunction('__report', (message: PageMessage) => {
    if (message.type === 'done') [run.done] = [message];
    if (message.type !== 'case') return finish(message.type === 'error' ? message.error : undefined);
    if (message.group === 'spec') run.specResults++;
    if (message.group === 'conformance') {
      run.conformance.total++;
      if (message.ok) return void run.conformance.passed++;
    }
    harness.record(SUITE, message.name, message.ok, message.detail);
  });
  page.on('pageerror', (error) => {
    harness.record(SUITE, 'no uncaught error in the page', false, error.stack ?? error.message);
    finish(`page error: ${error.message}`);
  });
  await page.goto(url);
  const error = await within(finished, PAGE_TIMEOUT_MS, 'the core test page').catch(
    (caught: unknown) => `${String(caught)} (after ${run.specResults} spec results)`,
  );
  if (error) harness.record(SUITE, 'test page ran to the end', false, error);
  return run;
}

/**
 * Bundles the test page with every spec/sse spec for `platform: 'browser'` (a Node builtin fails the
 * build), serves it next to the conformance vectors with `/v1` forwarded to the mock server, and records
 * the page's results.
 */
export async function runCoreSuite(harness: Harness, mock: MockServer): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'rxjs-openai-stream-core-page-'));
  try {
    const bundled = 'esbuild bundles the core and spec/sse for platform browser (no Node builtins)';
    let bundle: CoreBundle;
    try {
      bundle = await bundleCorePage(join(out, 'main.js'));
    } catch (error) {
      return harness.record(SUITE, bundled, false, error instanceof Error ? error.message : String(error));
    }
    const size = `${bundle.specs.length} spec files, ${bundle.modules} modules, ${Math.round(bundle.bytes / 1024)} kB`;
    harness.record(SUITE, `${bundled}: ${size}`, true);
    for (const [file, reason] of Object.entries(EXCLUDED_SPECS))
      console.log(`     (spec/sse/${file} not run in the browser: ${reason})`);
    await writeFile(
      join(out, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>core</title><script type="module" src="./main.js"></script><body>running</body>',
    );
    const conformance = conformanceDir();
    const mounts: Record<string, string> = { '/': out };
    if (conformance) mounts['/conformance'] = conformance;
    const server = await startProxyServer({ mounts, upstream: mock.url, spaFallback: false });
    const page = await harness.context.newPage();
    try {
      const first = mock.requests.length;
      mock.enqueue(...BROWSER_REPLIES);
      const run = await collect(harness, page, `${server.url}/`);
      const specs = bundle.specs;
      const registered = run.done?.registered ?? {};
      const expected = Object.values(registered).reduce((sum, n) => sum + n, 0);
      harness.record(
        SUITE,
        `every bundled spec file registered tests, and all ${expected} ran`,
        specs.every((file) => (registered[file] ?? 0) > 0) &&
          Object.keys(registered).length === specs.length &&
          run.specResults === expected,
        `registered ${JSON.stringify(registered)}, ${run.specResults} results`,
      );
      if (conformance) {
        const { passed, total } = run.conformance;
        harness.record(
          SUITE,
          `shared SSE conformance vectors: ${passed} of ${total} pass in Chromium`,
          total > 0 && run.done?.conformance === 'ran',
        );
      } else {
        console.log(`     (shared conformance vectors not found: skipped)`);
      }
      await harness.check(SUITE, 'the mock server saw the unsubscribed request close early', async () => {
        const stopped = mock.requests[first + 1];
        if (!stopped) return 'second request missing';
        const { abortedByClient } = await within(stopped.closed, 5000, 'request close');
        return abortedByClient || 'the request ran to the end';
      });
      await harness.screenshot(page, 'core-in-chromium');
    } finally {
      await page.close();
      await server.close();
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
