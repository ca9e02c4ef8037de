import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExampleApi } from '../../docs/examples/angular/api/dev-api.js';
import { ANGULAR_DIR, angularInstalled, spawnNg } from './build-angular.js';
import { within, type Harness } from './harness.js';

const SUITE = 'angular example (ng serve)';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves once `url` answers 200, polling every half second until `ms` pass. */
async function reachable(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The documented development workflow: the example's backend (dev-api.ts: the relay with the scripted
 * mock as upstream) and `ng serve` with the example's own proxy.conf.json (its target pointed at that
 * relay's port), in Chromium. Guards against a second copy of @angular/core from the dev server's
 * dependency cache (NG0203, a blank page).
 */
export async function runAngularServeSuite(harness: Harness): Promise<void> {
  const installed = angularInstalled();
  if (installed !== true) return harness.record(SUITE, 'the dev server starts', false, installed);
  const api = await startExampleApi(0);
  const mock = api.mock;
  const dir = await mkdtemp(join(tmpdir(), 'rxjs-openai-stream-ng-serve-'));
  const proxy = JSON.parse(readFileSync(join(ANGULAR_DIR, 'proxy.conf.json'), 'utf8')) as Record<
    string,
    { target: string }
  >;
  for (const entry of Object.values(proxy)) entry.target = new URL(api.url).origin;
  await writeFile(join(dir, 'proxy.json'), JSON.stringify(proxy));
  const port = await freePort();
  const child = spawnNg(
    ['serve', '--host', '127.0.0.1', '--port', String(port), '--proxy-config', join(dir, 'proxy.json')],
    true,
  );
  child.stdout?.resume();
  const page = await harness.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  try {
    const url = `http://127.0.0.1:${port}/`;
    const started = await harness.check(SUITE, 'the dev server starts', () => reachable(url, 240_000));
    if (!started) return;
    await harness.check(SUITE, 'the page boots with one copy of Angular and streams a reply', async () => {
      await page.goto(url);
      await page.waitForSelector('#send', { timeout: 60_000 });
      mock.enqueue({ type: 'chat', text: 'Served by ng serve, through its proxy.', delayMs: 20 });
      const index = mock.requests.length;
      await page.fill('#prompt', 'Hello from the dev server?');
      await page.click('#send');
      await page.waitForSelector('#status[data-status="done"]', { timeout: 15_000 });
      const shown = await page.locator('li[data-role="assistant"] .content').last().textContent();
      const request = mock.requests[index];
      const path = request?.path;
      if (request) await within(request.closed, 5000, 'request end');
      const ok = shown === 'Served by ng serve, through its proxy.' && path === '/v1/chat/completions';
      return ok || `shown ${JSON.stringify(shown)}, path ${path}`;
    });
    await harness.screenshot(page, 'angular-ng-serve');
    harness.record(SUITE, 'no NG0203 or other errors in the console', errors.length === 0, errors.join('; '));
  } finally {
    await page.close();
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
    await api.close();
  }
}
