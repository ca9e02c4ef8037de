import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { startProxyServer } from '../../docs/examples/dashboard/proxy-server.js';
import type { MockServer } from '../../lib/testing/index.js';
import { BROWSER_REPLIES } from './core-page/scenario.js';
import { within, type Harness } from './harness.js';

const SUITE = 'core in Chromium';
const ROOT = resolve(import.meta.dirname, '..', '..');

/** The shared conformance folder, if present: `CONFORMANCE_DIR`, else `../shared/conformance`. */
export function conformanceDir(): string | undefined {
  const dir = process.env['CONFORMANCE_DIR'] ?? resolve(ROOT, '..', 'shared', 'conformance');
  return existsSync(join(dir, 'sse-vectors.json')) ? dir : undefined;
}

/**
 * Bundles the test page for `platform: 'browser'` (a Node-only import fails the build), serves it next to
 * the conformance vectors with `/v1` forwarded to the mock server, and collects the page's results.
 */
export async function runCoreSuite(harness: Harness, mock: MockServer): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'rxjs-openai-stream-core-page-'));
  try {
    const built = await harness.check(
      SUITE,
      'esbuild bundles the core for platform browser (no Node builtins)',
      async () => {
        const result = await build({
          entryPoints: [join(import.meta.dirname, 'core-page', 'main.ts')],
          outfile: join(out, 'main.js'),
          bundle: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          metafile: true,
          logLevel: 'silent',
        });
        const inputs = Object.keys(result.metafile.inputs);
        const nodeOnly = inputs.filter(
          (input) => input.startsWith('node:') || input.includes('lib/testing/mock-server'),
        );
        if (nodeOnly.length > 0) return `Node-only inputs: ${nodeOnly.join(', ')}`;
        return inputs.some((input) => input.endsWith('lib/client.ts')) || 'lib/client.ts not in the bundle';
      },
    );
    if (!built) return;
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
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => window.__results !== undefined, undefined, { timeout: 90_000 });
      const results = await page.evaluate(() => window.__results!);
      if (results.error) harness.record(SUITE, 'test page ran', false, results.error);
      let passed = 0;
      for (const result of results.cases) {
        if (result.ok && result.name.startsWith('conformance: ')) {
          passed++;
          continue;
        }
        harness.record(SUITE, result.name, result.ok, result.detail);
      }
      if (conformance) {
        const total = results.cases.filter((c) => c.name.startsWith('conformance: ')).length;
        harness.record(
          SUITE,
          `shared SSE conformance vectors: ${passed} of ${total} pass in Chromium`,
          total > 0 && results.conformance === 'ran',
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
