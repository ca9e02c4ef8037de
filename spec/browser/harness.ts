import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** One check's outcome, printed by the runner. */
export interface CheckResult {
  suite: string;
  name: string;
  ok: boolean;
  detail?: string | undefined;
}

/** Where screenshots go (gitignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'artifacts');

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A headless Chromium with a fresh profile, and the results collected so far. */
export interface Harness {
  context: BrowserContext;
  results: CheckResult[];
  /** Runs one named check; a throw or a `false`/string result fails it (a string is the detail). */
  check(
    suite: string,
    name: string,
    fn: () => Promise<boolean | string | void> | boolean | string | void,
  ): Promise<boolean>;
  /** Records an already computed outcome. */
  record(suite: string, name: string, ok: boolean, detail?: string): void;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** Launches Chromium (fresh user data dir) and returns the harness. */
export async function startHarness(): Promise<Harness> {
  const profile = await mkdtemp(join(tmpdir(), 'rxjs-openai-stream-chromium-'));
  await mkdir(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1100, height: 800 },
    timeout: 30_000,
  });
  const results: CheckResult[] = [];
  const record = (suite: string, name: string, ok: boolean, detail?: string): void => {
    results.push({ suite, name, ok, detail });
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${suite}: ${name}${detail && (!ok || process.env['VERBOSE']) ? `\n     ${detail.replaceAll('\n', '\n     ')}` : ''}`,
    );
  };
  return {
    context,
    results,
    record,
    async check(suite, name, fn) {
      try {
        const outcome = await fn();
        const ok = outcome === undefined || outcome === true;
        record(suite, name, ok, typeof outcome === 'string' ? outcome : undefined);
        return ok;
      } catch (error) {
        record(suite, name, false, error instanceof Error ? error.message.split('\n')[0] : String(error));
        return false;
      }
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Starts recording the distinct text states of the elements matching `selector` (all of them, joined),
 * each with the value of `statusSelector`'s `data-status` at that moment. Read them with {@link readStates}.
 */
export async function recordStates(
  page: Page,
  key: string,
  selector: string,
  statusSelector: string,
): Promise<void> {
  // A string, not a function: tsx (esbuild keepNames) would wrap inner functions in a `__name` helper that
  // does not exist in the page.
  const script = `(() => {
    const store = (window.__states ??= {});
    const states = (store[${JSON.stringify(key)}] = []);
    const sample = () => {
      const text = Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (el) => el.textContent ?? '').join('|');
      const status = document.querySelector(${JSON.stringify(statusSelector)})?.dataset.status ?? '';
      if (states.at(-1)?.text !== text) states.push({ text, status });
    };
    new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    sample();
  })()`;
  await page.evaluate(script);
}

/** The states recorded by {@link recordStates}. */
export async function readStates(page: Page, key: string): Promise<Array<{ text: string; status: string }>> {
  return page.evaluate(
    (key) =>
      (window as unknown as { __states?: Record<string, Array<{ text: string; status: string }>> })
        .__states?.[key] ?? [],
    key,
  );
}

/** Resolves with the promise's value, or rejects after `ms` with `what` in the message. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
