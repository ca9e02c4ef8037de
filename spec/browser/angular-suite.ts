import type { Page } from 'playwright-core';
import { startProxyServer } from '../../docs/examples/dashboard/proxy-server.js';
import type { MockServer } from '../../lib/testing/index.js';
import { readStates, recordStates, within, type Harness } from './harness.js';

const SUITE = 'angular example';
const STORY =
  'Once upon a time a lighthouse keeper counted the waves, one by one, and every wave brought a word ' +
  'from the sea until the whole story had arrived on the shore.';
const TOOL_ARGS = { city: 'Paris', unit: 'celsius', days: 3, include: ['wind', 'rain'] };

async function send(page: Page): Promise<void> {
  await page.click('#send');
}

async function waitStatus(page: Page, status: string, timeout = 15_000): Promise<void> {
  await page.waitForSelector(`#status[data-status="${status}"]`, { timeout });
}

/** Serves the built Angular example with `/v1` forwarded to the mock server and drives its chat panel. */
export async function runAngularSuite(harness: Harness, mock: MockServer, distDir: string): Promise<void> {
  const server = await startProxyServer({ mounts: { '/': distDir }, upstream: mock.url });
  const page = await harness.context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  try {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#send', { timeout: 15_000 });

    await harness.check(
      SUITE,
      'tokens render as they arrive (at least three states before completion)',
      async () => {
        mock.enqueue({ type: 'chat', text: STORY, delayMs: 40 });
        await recordStates(page, 'answer', '#answer', '#status');
        await send(page);
        await page.waitForFunction(
          () => (document.querySelector('#answer')?.textContent?.length ?? 0) > 40,
          undefined,
          { timeout: 10_000 },
        );
        await harness.screenshot(page, 'angular-streaming');
        await waitStatus(page, 'done');
        const states = await readStates(page, 'answer');
        const during = states.filter((s) => s.status === 'streaming' && s.text.length > 0);
        const final = (await page.locator('#answer').textContent()) ?? '';
        return (
          (during.length >= 3 && final === STORY) ||
          `${during.length} streaming states, final ${JSON.stringify(final)}`
        );
      },
    );
    await harness.screenshot(page, 'angular-done');

    await harness.check(
      SUITE,
      'Stop aborts the request and the mock server sees the disconnect',
      async () => {
        mock.enqueue({ type: 'chat', text: STORY.repeat(4), delayMs: 60 });
        const index = mock.requests.length;
        await send(page);
        await page.waitForFunction(
          () => (document.querySelector('#answer')?.textContent?.length ?? 0) > 10,
          undefined,
          { timeout: 10_000 },
        );
        await page.click('#stop');
        await waitStatus(page, 'stopped');
        const request = mock.requests[index];
        if (!request) return 'no request recorded';
        const { abortedByClient } = await within(request.closed, 5000, 'request close');
        const length = (await page.locator('#answer').textContent())?.length ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 300));
        const later = (await page.locator('#answer').textContent())?.length ?? 0;
        return (
          (abortedByClient && later === length) ||
          `abortedByClient=${abortedByClient}, text grew ${length} -> ${later}`
        );
      },
    );
    await harness.screenshot(page, 'angular-stopped');

    await harness.check(SUITE, 'tool call arguments render as they grow (toolCallDeltas)', async () => {
      mock.enqueue({
        type: 'chat',
        toolCalls: [{ name: 'get_weather', arguments: TOOL_ARGS }],
        argsChunkSize: 6,
        delayMs: 40,
      });
      await recordStates(page, 'tool', '.tool-args', '#status');
      await send(page);
      await waitStatus(page, 'done');
      const states = (await readStates(page, 'tool')).filter((s) => s.text.length > 0);
      const growing = states.every((s, i) => i === 0 || s.text.startsWith(states[i - 1]!.text));
      const name = await page.locator('.tool-name').textContent();
      const args = (await page.locator('.tool-args').textContent()) ?? '';
      const parsed = JSON.stringify(JSON.parse(args));
      const ok =
        states.length >= 3 && growing && name === 'get_weather' && parsed === JSON.stringify(TOOL_ARGS);
      return ok || `${states.length} states, growing=${growing}, name=${name}, args=${args}`;
    });
    await harness.screenshot(page, 'angular-tool-call');

    await harness.check(
      SUITE,
      'an error frame mid-stream shows its typed class name and message',
      async () => {
        const error = {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
        };
        mock.enqueue({ type: 'chat', text: STORY, delayMs: 20, errorAfter: { chunks: 4, error } });
        await send(page);
        await waitStatus(page, 'error');
        const name = (await page.locator('.error-name').textContent()) ?? '';
        const message = (await page.locator('.error-message').textContent()) ?? '';
        const kept = (await page.locator('#answer').textContent()) ?? '';
        const ok =
          /^[A-Z]\w*Error$/.test(name) &&
          name !== 'Error' &&
          message.includes(error.message) &&
          kept.length > 0;
        return ok || `${name}: ${message} (kept ${JSON.stringify(kept)})`;
      },
    );
    await harness.screenshot(page, 'angular-error');

    await harness.check(SUITE, 'an HTTP 401 shows AuthenticationError', async () => {
      mock.enqueue({
        type: 'status',
        status: 401,
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
      await send(page);
      await waitStatus(page, 'error');
      const name = await page.locator('.error-name').textContent();
      return name === 'AuthenticationError' || `shown: ${name}`;
    });

    harness.record(SUITE, 'no uncaught page errors', consoleErrors.length === 0, consoleErrors.join('; '));
  } finally {
    await page.close();
    await server.close();
  }
}
