import type { Page } from 'playwright-core';
import { startExampleApi } from '../../docs/examples/angular/api/dev-api.js';
import { forecastFor } from '../../docs/examples/angular/api/example-replies.js';
import { startProxyServer } from '../../docs/examples/dashboard/proxy-server.js';
import { readStates, recordStates, within, type Harness } from './harness.js';

const SUITE = 'angular example';
const STORY =
  'Once upon a time a lighthouse keeper counted the waves, one by one, and every wave brought a word ' +
  'from the sea until the whole story had arrived on the shore.';

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

/** Whether `b` is laid out apart from `a` (below it, or to its right), not run together on one line. */
async function apart(page: Page, a: string, b: string): Promise<boolean> {
  const [boxA, boxB] = [
    await page.locator(a).first().boundingBox(),
    await page.locator(b).first().boundingBox(),
  ];
  return !!boxA && !!boxB && (boxB.y >= boxA.y + boxA.height || boxB.x >= boxA.x + boxA.width);
}

/**
 * The example app as a user drives it, THROUGH THE RELAY: the built app served with `/api` forwarded to
 * the example's backend (docs/examples/angular/api/dev-api.ts: a relay whose upstream is the scripted mock
 * server), as `ng serve`'s proxy does. A two-turn conversation, smooth text, a weather tool that runs in
 * the page, the structured forecast card growing, Stop (the upstream sees the abort), an error with Retry,
 * Regenerate, and a 401.
 */
export async function runAngularSuite(harness: Harness, distDir: string): Promise<void> {
  const api = await startExampleApi(0);
  const mock = api.mock;
  const server = await startProxyServer({ mounts: { '/': distDir }, upstream: api.url, apiPrefix: '/api' });
  const page = await harness.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Angular reports errors such as NG0203 through console.error; failed requests (the 400) are expected.
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
        // The first turn left the status at 'done': wait for the second reply itself, then for 'done'.
        await page.waitForFunction(
          () => document.querySelectorAll('li[data-role="assistant"]').length >= 2,
          null,
          {
            timeout: 15_000,
          },
        );
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
      // The turn before left the status at 'done': wait for the new reply itself, then for 'done'.
      await page.waitForFunction(
        () => {
          const items = document.querySelectorAll('li[data-role]');
          return items[items.length - 1]?.querySelector('.content')?.textContent === 'A second take.';
        },
        null,
        { timeout: 15_000 },
      );
      await waitStatus(page, 'done');
      const after = await history(page);
      const ok =
        after.length === before.length &&
        after.at(-1) === 'assistant: A second take.' &&
        JSON.stringify(after.slice(0, -1)) === JSON.stringify(before.slice(0, -1));
      return ok || `before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`;
    });

    await harness.check(
      SUITE,
      'an upstream HTTP 400, passed on by the relay, shows BadRequestError',
      async () => {
        mock.enqueue({
          type: 'status',
          status: 400,
          error: {
            message: 'This conversation is too long for the model.',
            type: 'invalid_request_error',
            code: 'context_length_exceeded',
          },
        });
        await ask(page, 'Hello?');
        await waitStatus(page, 'error');
        const name = await text(page, '#error .error-name');
        const message = await text(page, '#error .error-message');
        const ok = name === 'BadRequestError' && message.includes('too long');
        return ok || `shown: ${name}: ${message}`;
      },
    );

    await harness.check(SUITE, 'New chat clears the conversation', async () => {
      await page.click('#reset');
      await waitStatus(page, 'idle');
      const left = await history(page);
      return left.length === 0 || `left: ${JSON.stringify(left)}`;
    });

    await harness.check(
      SUITE,
      'a weather tool runs in the page: its call streams, runs, answers, and the model goes on',
      async () => {
        const index = mock.requests.length;
        await recordStates(page, 'tool', '#tool-activity .tool-status', '#status');
        await ask(page, 'What is the weather in Oslo?');
        await page.waitForSelector('#tool-activity .tool[data-status="running"]', { timeout: 15_000 });
        await harness.screenshot(page, 'angular-tool-running');
        const name = await text(page, '#tool-activity .tool-name');
        const id = await text(page, '#tool-activity .tool-id');
        const laidOut = await apart(page, '#tool-activity .tool-name', '#tool-activity .tool-id');
        await waitStatus(page, 'done');
        const result = JSON.parse(await text(page, '#tool-activity .tool-result')) as { city?: string };
        const states = (await readStates(page, 'tool')).map((s) => s.text.trim());
        const order = ['streaming', 'running in the page…', 'done'].map((state) => states.indexOf(state));
        const last = (await history(page)).at(-1) ?? '';
        const second = mock.requests[index + 1]?.body as {
          messages?: Array<{ role: string; content: string }>;
        };
        const toolAnswer = second?.messages?.find((m) => m.role === 'tool')?.content ?? '';
        const ok =
          name === 'get_weather' &&
          /^call_weather_\d+$/.test(id) &&
          laidOut &&
          order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)) &&
          result.city === 'Oslo' &&
          JSON.parse(toolAnswer).city === 'Oslo' &&
          /^assistant: Right now it is \d+ °C and \w+ in Oslo\./.test(last);
        return (
          ok ||
          `name ${name}, id ${id}, apart ${laidOut}, states ${JSON.stringify(states)}, result ${JSON.stringify(result)}, last ${last}`
        );
      },
    );
    await harness.screenshot(page, 'angular-tool-done');

    await harness.check(SUITE, 'Stop while the tool runs marks it aborted', async () => {
      await ask(page, 'And the weather in Rome?');
      await page.waitForSelector('#tool-activity .tool[data-status="running"]', { timeout: 15_000 });
      await page.click('#stop');
      await waitStatus(page, 'aborted');
      const shown = await page.locator('#tool-activity .tool').last().getAttribute('data-status');
      return shown === 'aborted' || `tool status ${shown}`;
    });

    await harness.check(
      SUITE,
      'the structured forecast grows as a card (fields appear as they complete) and ends as sent',
      async () => {
        await recordStates(page, 'card', '#forecast-card', '#forecast-status');
        await page.fill('#forecast-city', 'Lisbon');
        await page.click('#forecast-run');
        await page.waitForSelector('#forecast-card[data-days="1"]', { timeout: 15_000 });
        await harness.screenshot(page, 'angular-card-growing');
        await page.waitForSelector('#forecast-status[data-status="done"]', { timeout: 15_000 });
        const expected = forecastFor('Lisbon') as { summary: string; days: Array<{ day: string }> };
        const states = (await readStates(page, 'card')).filter((s) => s.text !== '');
        const days = await page.$$eval('#forecast-card .day', (els) => els.map((el) => el.textContent));
        const summary = await text(page, '#forecast-card .summary');
        const city = await text(page, '#forecast-card .city');
        const ok =
          states.length >= 5 &&
          city === 'Lisbon' &&
          summary === expected.summary &&
          JSON.stringify(days) === JSON.stringify(expected.days.map((d) => d.day));
        return (
          ok || `${states.length} states, city ${city}, summary ${summary}, days ${JSON.stringify(days)}`
        );
      },
    );
    await harness.screenshot(page, 'angular-card-done');

    harness.record(SUITE, 'no uncaught page errors', pageErrors.length === 0, pageErrors.join('; '));
  } finally {
    await page.close();
    await server.close();
    await api.close();
  }
}
