/**
 * `npm run test:browser`: real-browser tests in headless Chromium (playwright-core, Debian's chromium or
 * `CHROMIUM_PATH`). Runs the core library inside the page (every spec/sse jest spec through a browser
 * `@jest/globals` shim, the shared conformance vectors, streamed completions over the browser's fetch), the
 * dashboard, the built Angular example and the example under `ng serve`, against the mock server.
 * Screenshots go to `artifacts/`. Prints `N passed, N failed` last; exits 1 on any failure.
 * `BROWSER_SUITES=core,dashboard,angular,ng-serve` picks suites (default: all);
 * `BROWSER_SKIP_ANGULAR=1` leaves out both Angular suites; `BROWSER_SKIP_LINEAR_SPEC=1` leaves out the
 * timing-ratio spec.
 */
import { existsSync } from 'node:fs';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { runAngularServeSuite } from './angular-serve-suite.js';
import { runAngularSuite } from './angular-suite.js';
import { ensureAngularBuild } from './build-angular.js';
import { runCoreSuite } from './core-suite.js';
import { runDashboardSuite } from './dashboard-suite.js';
import { CHROMIUM, startHarness, type Harness } from './harness.js';

const DEADLINE_MS = 12 * 60_000;
const ALL = ['core', 'dashboard', 'angular', 'ng-serve'];
const wanted = new Set(process.env['BROWSER_SUITES']?.split(',').map((name) => name.trim()) ?? ALL);
if (process.env['BROWSER_SKIP_ANGULAR'] === '1')
  ['angular', 'ng-serve'].forEach((name) => wanted.delete(name));

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.log(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH).\n0 passed, 1 failed`);
    return 1;
  }
  const angular = wanted.has('angular') ? await ensureAngularBuild() : undefined;
  let harness: Harness | undefined;
  let mock: MockServer | undefined;
  try {
    harness = await startHarness();
    mock = await startMockServer();
    if (wanted.has('core')) await runCoreSuite(harness, mock);
    if (wanted.has('dashboard')) await runDashboardSuite(harness);
    if (angular && 'dir' in angular) await runAngularSuite(harness, angular.dir);
    else if (angular) harness.record('angular example', 'app is built', false, angular.reason);
    if (wanted.has('ng-serve')) await runAngularServeSuite(harness);
    console.log(`     (suites: ${[...wanted].join(', ')})`);
  } catch (error) {
    harness?.record(
      'runner',
      'suites ran to the end',
      false,
      error instanceof Error ? error.stack : String(error),
    );
  } finally {
    await mock?.close();
    await harness?.close();
  }
  const results = harness?.results ?? [];
  const failed = results.filter((r) => !r.ok).length + (harness ? 0 : 1);
  console.log(`\n${results.filter((r) => r.ok).length} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

const deadline = setTimeout(() => {
  console.error(`test:browser: deadline of ${DEADLINE_MS / 1000}s passed, exiting.\n0 passed, 1 failed`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
