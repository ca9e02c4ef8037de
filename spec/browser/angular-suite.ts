import type { Page } from 'playwright-core';
import { startProxyServer } from '../../docs/examples/dashboard/proxy-server.js';
import type { MockServer } from '../../lib/testing/index.js';
import { readStates, recordStates, within, type Harness } from './harness.js';

const SUITE = 'angular example';
const STORY =
  'Once upon a time a lighthouse keeper counted the waves, one by one, and every wave brought a word ' +
  'from the sea until the whole story had arrived on the shore.';
const TOOL_ARGS = { city: 'Paris', unit: 'celsius', days: 3, include: ['wind', 'rain'] };

const text = async (page: Page, selector: string): Promise<string> =>
  (await page.locator(selector).last().textContent()) ?? '';

async function ask(page: Page, prompt: string): Promise<void> {
  await page.fill('#prompt', prompt);
  await page.click('#send');
}

async function waitStatus(page: Page, status: string, timeout = 15_000): Promise<void> {
  await page.waitForSelector(`#status[data-status="${status}"]`, { timeout });
}

/** The finished messages on the page, as `role: content`. */
async function history(page: Page): Promise<string[]> {
  return page.$$eval('li[data-role]', (items) =>
    items.map((li) => `${li.getAttribute('data-role')}: ${li.querySelector('.content')?.textContent ?? ''}`),
  );
}

/**
 * The example app as a user drives it: the built app served with `/api/v1` forwarded to the mock server
 * (what `ng serve`'s proxy, or the relay, does), a two-turn conversation, smooth text, Stop, an error with
 * Retry, Regenerate, and a tool call whose name and id are laid out apart.
 */
export async function runAngularSuite(harness: Harness, mock: MockServer, distDir: string): Promise<void> {
  const server = await startProxyServer({
    mounts: { '/': distDir },
    upstream: mock.url,
    apiPrefix: '/api/v1',
  });
  const page = await harness.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Angular reports errors such as NG0203 through console.error; failed requests (the 401) are expected.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      pageErrors.push(message.text());
  });
  try {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#send', { timeout: 15_000 });

    await harness.check(SUITE, 'a reply sent in bursts is shown word by word (smooth text)', async () => {
      mock.enqueue({ type: 'chat', text: STORY, tokenSize: 30, delayMs: 150 });
      await recordStates(page, 'reply', '#reply .content', '#status');
      await ask(page, 'Tell me a story.');
      await page.waitForFunction(
        () => (document.querySelector('#reply .content')?.textContent?.length ?? 0) > 40,
      );
      await harness.screenshot(page, 'angular-streaming');
      await waitStatus(page, 'done');
      const states = (await readStates(page, 'reply')).filter(
        (s) => s.status === 'streaming' && s.text !== '',
      );
      const bursts = Math.ceil(STORY.length / 30);
      // Every step ends a word: with its whitespace, or the end of the reply.
      const wordSteps = states.every(
        (s) => s.text === STORY || (STORY.startsWith(s.text) && /\s$/.test(s.text)),
      );
      return (
        (states.length > bursts * 2 && wordSteps) ||
        `${states.length} states for ${bursts} bursts, word steps: ${wordSteps}: ${JSON.stringify(states.slice(0, 4))}`
      );
    });

    await harness.check(
      SUITE,
      'a second turn sends the conversation back and both turns stay on the page',
      async () => {
        mock.enqueue({ type: 'chat', text: 'The keeper smiled and lit the lamp.', delayMs: 20 });
        const index = mock.requests.length;
        await ask(page, 'And then?');
        await waitStatus(page, 'done');
        const body = mock.requests[index]?.body as { messages?: Array<{ role: string; content: string }> };
        const sent = (body?.messages ?? []).map((m) => `${m.role}: ${m.content}`);
        const shown = await history(page);
        const expected = [
          'user: Tell me a story.',
          `assistant: ${STORY}`,
          'user: And then?',
          'assistant: The keeper smiled and lit the lamp.',
        ];
        const ok =
          JSON.stringify(shown) === JSON.stringify(expected) &&
          JSON.stringify(sent.slice(1)) === JSON.stringify(expected.slice(0, 3)) &&
          sent[0]?.startsWith('system: ');
        return ok || `shown ${JSON.stringify(shown)}, sent ${JSON.stringify(sent)}`;
      },
    );
    await harness.screenshot(page, 'angular-conversation');

    await harness.check(
      SUITE,
      'Stop aborts the request (the server sees it) and keeps the partial reply',
      async () => {
        mock.enqueue({ type: 'chat', text: STORY.repeat(4), delayMs: 60 });
        const index = mock.requests.length;
        await ask(page, 'A long one, please.');
        await page.waitForFunction(
          () => (document.querySelector('#reply .content')?.textContent?.length ?? 0) > 20,
        );
        await page.click('#stop');
        await waitStatus(page, 'aborted');
        const request = mock.requests[index];
        if (!request) return 'no request recorded';
        const { abortedByClient } = await within(request.closed, 5000, 'request close');
        const kept = await text(page, 'li[data-role="assistant"] .content');
        await new Promise((resolve) => setTimeout(resolve, 300));
        const later = await text(page, 'li[data-role="assistant"] .content');
        const ok = abortedByClient && kept.length > 20 && STORY.repeat(4).startsWith(kept) && later === kept;
        return (
          ok || `abortedByClient=${abortedByClient}, kept ${JSON.stringify(kept)}, later ${later.length}`
        );
      },
    );
    await harness.screenshot(page, 'angular-stopped');

    await harness.check(
      SUITE,
      'an error mid-stream shows its class and the text so far; Retry answers',
      async () => {
        const error = {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
        };
        mock.enqueue(
          { type: 'chat', text: STORY, delayMs: 20, errorAfter: { chunks: 6, error } },
          { type: 'chat', text: 'Here is the whole answer.', delayMs: 20 },
        );
        await ask(page, 'Try this.');
        await waitStatus(page, 'error');
        const name = await text(page, '#error .error-name');
        const message = await text(page, '#error .error-message');
        const partial = await text(page, '#reply .content');
        await harness.screenshot(page, 'angular-error');
        await page.click('#retry');
        await waitStatus(page, 'done');
        const last = (await history(page)).at(-1);
        const errorGone = (await page.locator('#error').count()) === 0;
        const ok =
          /^[A-Z]\w*Error$/.test(name) &&
          name !== 'Error' &&
          message.includes(error.message) &&
          partial.length > 0 &&
          last === 'assistant: Here is the whole answer.' &&
          errorGone;
        return (
          ok ||
          `${name}: ${message} (partial ${JSON.stringify(partial)}), then ${last}, error gone: ${errorGone}`
        );
      },
    );
    await harness.screenshot(page, 'angular-retried');

    await harness.check(SUITE, 'Regenerate replaces the last reply', async () => {
      const before = await history(page);
      mock.enqueue({ type: 'chat', text: 'A second take.', delayMs: 10 });
      await page.click('#regenerate');
      await waitStatus(page, 'done');
      const after = await history(page);
      const ok =
        after.length === before.length &&
        after.at(-1) === 'assistant: A second take.' &&
        JSON.stringify(after.slice(0, -1)) === JSON.stringify(before.slice(0, -1));
      return ok || `before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`;
    });

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
      await ask(page, 'Hello?');
      await waitStatus(page, 'error');
      const name = await text(page, '#error .error-name');
      return name === 'AuthenticationError' || `shown: ${name}`;
    });

    await harness.check(SUITE, 'New chat clears the conversation', async () => {
      await page.click('#reset');
      await waitStatus(page, 'idle');
      const left = await history(page);
      return left.length === 0 || `left: ${JSON.stringify(left)}`;
    });

    await harness.check(
      SUITE,
      'a tool call streams with its name and call id in separate fields',
      async () => {
        mock.enqueue({
          type: 'chat',
          toolCalls: [{ name: 'get_weather', id: 'call_weather_1', arguments: TOOL_ARGS }],
          argsChunkSize: 6,
          delayMs: 40,
        });
        await recordStates(page, 'tool', '.preview .tool-args', '#tool-status');
        await page.click('#tool-run');
        await page.waitForSelector('#tool-status[data-status="complete"]', { timeout: 15_000 });
        const states = (await readStates(page, 'tool')).filter((s) => s.text.length > 0);
        const growing = states.every((s, i) => i === 0 || s.text.startsWith(states[i - 1]!.text));
        const name = page.locator('.preview .tool-name');
        const id = page.locator('.preview .tool-id');
        const [nameBox, idBox] = [await name.boundingBox(), await id.boundingBox()];
        const apart =
          !!nameBox &&
          !!idBox &&
          (idBox.y >= nameBox.y + nameBox.height || idBox.x >= nameBox.x + nameBox.width);
        const args = JSON.stringify(JSON.parse(await text(page, '.preview .tool-args')));
        const ok =
          states.length >= 3 &&
          growing &&
          (await name.textContent()) === 'get_weather' &&
          (await id.textContent()) === 'call_weather_1' &&
          apart &&
          args === JSON.stringify(TOOL_ARGS);
        return ok || `${states.length} states, growing=${growing}, apart=${apart}, args=${args}`;
      },
    );
    await harness.screenshot(page, 'angular-tool-call');

    harness.record(SUITE, 'no uncaught page errors', pageErrors.length === 0, pageErrors.join('; '));
  } finally {
    await page.close();
    await server.close();
  }
}
