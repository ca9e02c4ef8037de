import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationRef, EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  injectChat,
  provideOpenAIStream,
  type Chat,
  type InjectChatOptions,
} from '../../lib/angular/index.js';
import { isAPIStreamError, isAuthenticationError } from '../../lib/errors/index.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { until } from './helpers.js';
import { configureTestBed } from './test-bed.js';

const STORY = 'Once upon a time a keeper counted the waves, and every wave brought a word from the sea.';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

function setup(options: Partial<InjectChatOptions> = {}, platform: 'browser' | 'server' = 'browser'): Chat {
  configureTestBed([provideOpenAIStream({ baseURL: mock.url, maxRetries: 0 })], platform);
  return TestBed.runInInjectionContext(() => injectChat({ model: 'gpt-mock', ...options }));
}

const ended = (status: string) => ['done', 'error', 'aborted'].includes(status);

describe('injectChat (zoneless TestBed, mock server)', () => {
  it('goes idle → submitted → streaming (at the first token) → done, and keeps the conversation', async () => {
    const chat = setup();
    mock.enqueue({ type: 'chat', text: STORY, delayMs: 15 });
    expect(chat.status()).toBe('idle');
    chat.send('Tell me a story.');
    expect([chat.status(), chat.busy(), chat.text()]).toEqual(['submitted', true, '']);
    const states = await until(
      () => `${chat.status()}:${chat.text().length > 0}`,
      (s) => ended(s.split(':')[0]!),
    );
    expect(states[0]).toBe('submitted:false');
    expect(states).toContain('streaming:true');
    expect(states).not.toContain('streaming:false'); // streaming starts with the first token
    expect(states.at(-1)).toBe('done:true');
    expect([chat.text(), chat.busy(), chat.error()]).toEqual([STORY, false, undefined]);
    expect(chat.messages()).toEqual([
      { role: 'user', content: 'Tell me a story.' },
      { role: 'assistant', content: STORY },
    ]);
  });

  it('sends the whole history on the next turn, and every change is a new frozen snapshot', async () => {
    const chat = setup({ messages: [{ role: 'system', content: 'Be brief.' }], params: { temperature: 0 } });
    mock.enqueue({ type: 'chat', text: 'First.' }, { type: 'chat', text: 'Second.' });
    chat.send('One?');
    await until(chat.status, ended);
    const before = chat.messages();
    const index = mock.requests.length;
    chat.send('Two?');
    expect(chat.messages()).not.toBe(before);
    expect(before).toHaveLength(3);
    expect(Object.isFrozen(before) && Object.isFrozen(before[2])).toBe(true);
    await until(chat.status, ended);
    const [request] = await mock.waitForRequests(index + 1).then((all) => all.slice(index));
    expect(request!.body).toMatchObject({
      model: 'gpt-mock',
      stream: true,
      temperature: 0,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'One?' },
        { role: 'assistant', content: 'First.' },
        { role: 'user', content: 'Two?' },
      ],
    });
    expect(chat.messages().map((m) => m.content)).toEqual(['Be brief.', 'One?', 'First.', 'Two?', 'Second.']);
  });

  it('stop() aborts the request (the server sees the socket close) and keeps the partial reply', async () => {
    const chat = setup();
    mock.enqueue({ type: 'chat', text: STORY.repeat(20), delayMs: 10 });
    const index = mock.requests.length;
    chat.send('Go on.');
    await until(chat.text, (text) => text.length > 20);
    chat.stop();
    const partial = chat.text();
    expect(chat.status()).toBe('aborted');
    expect(chat.messages().at(-1)).toEqual({ role: 'assistant', content: partial });
    const [request] = (await mock.waitForRequests(index + 1)).slice(index);
    await expect(request!.closed).resolves.toEqual({ abortedByClient: true });
    expect(STORY.repeat(20).startsWith(partial) && partial.length < STORY.length * 20).toBe(true);
    chat.stop(); // nothing running: no change
    expect(chat.messages().at(-1)).toEqual({ role: 'assistant', content: partial });
  });

  it('aborts the running reply when its injector is destroyed', async () => {
    configureTestBed([provideOpenAIStream({ baseURL: mock.url, maxRetries: 0 })]);
    const child = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const chat = injectChat({ model: 'gpt-mock', injector: child });
    mock.enqueue({ type: 'chat', text: STORY.repeat(20), delayMs: 10 });
    const index = mock.requests.length;
    chat.send('Go on.');
    await until(chat.status, (status) => status === 'streaming');
    child.destroy();
    const [request] = (await mock.waitForRequests(index + 1)).slice(index);
    await expect(request!.closed).resolves.toEqual({ abortedByClient: true });
    chat.send('Still there?');
    expect(mock.requests.length).toBe(index + 1); // a destroyed chat sends nothing
  });

  it('shows an HTTP error as its typed class, leaves the history, and regenerate() retries', async () => {
    const chat = setup();
    mock.enqueue({ type: 'status', status: 401 }, { type: 'chat', text: 'Welcome back.' });
    chat.send('Hello?');
    await until(chat.status, ended);
    expect(chat.status()).toBe('error');
    expect(isAuthenticationError(chat.error())).toBe(true);
    expect(chat.messages()).toEqual([{ role: 'user', content: 'Hello?' }]);
    chat.regenerate();
    expect([chat.status(), chat.error()]).toEqual(['submitted', undefined]);
    await until(chat.status, ended);
    expect(chat.messages().map((m) => m.content)).toEqual(['Hello?', 'Welcome back.']);
  });

  it('keeps the text that arrived before an error frame, beside the typed error', async () => {
    const chat = setup();
    const error = { message: 'The model crashed.', type: 'server_error' };
    mock.enqueue({ type: 'chat', text: STORY, errorAfter: { chunks: 4, error } });
    chat.send('Story?');
    await until(chat.status, ended);
    expect(chat.status()).toBe('error');
    expect(isAPIStreamError(chat.error())).toBe(true);
    expect(chat.error()?.message).toContain('The model crashed.');
    expect(chat.text().length).toBeGreaterThan(0);
    expect(STORY.startsWith(chat.text())).toBe(true);
    expect(chat.messages()).toHaveLength(1);
  });

  it('regenerate() replaces the last reply; reset() goes back to the initial messages', async () => {
    const chat = setup({ messages: [{ role: 'system', content: 'Hi.' }] });
    mock.enqueue({ type: 'chat', text: 'A.' }, { type: 'chat', text: 'B.' });
    chat.send('Q');
    await until(chat.status, ended);
    chat.regenerate();
    await until(chat.status, ended);
    expect(chat.messages().map((m) => m.content)).toEqual(['Hi.', 'Q', 'B.']);
    chat.reset();
    expect([chat.messages(), chat.status(), chat.text(), chat.error()]).toEqual([
      [{ role: 'system', content: 'Hi.' }],
      'idle',
      '',
      undefined,
    ]);
  });

  it('a new send() while a reply runs stops it first (aborted, partial kept) and asks again', async () => {
    const chat = setup();
    mock.enqueue({ type: 'chat', text: STORY.repeat(20), delayMs: 10 }, { type: 'chat', text: 'Short.' });
    const index = mock.requests.length;
    chat.send('Long?');
    await until(chat.text, (text) => text.length > 0);
    chat.send('Short?');
    const [first] = (await mock.waitForRequests(index + 1)).slice(index);
    await expect(first!.closed).resolves.toEqual({ abortedByClient: true });
    await until(chat.status, ended);
    expect(chat.messages().map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(chat.messages().at(-1)?.content).toBe('Short.');
  });

  it('paces a burst with smooth: the text grows in word steps and ends exactly as sent', async () => {
    const chat = setup({ smooth: { delay: 5 } });
    mock.enqueue({ type: 'chat', text: STORY, tokenSize: 1000 }); // the whole reply in one delta
    chat.send('Story?');
    const texts = await until(chat.text, (text) => text === STORY);
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.slice(1).every((text) => STORY.startsWith(text))).toBe(true);
    await until(chat.status, ended);
    expect(chat.messages().at(-1)).toEqual({ role: 'assistant', content: STORY });
  });

  it('requests nothing during server-side rendering unless asked', async () => {
    let fetches = 0;
    const counting: typeof fetch = (input, init) => (fetches++, fetch(input, init));
    configureTestBed([provideOpenAIStream({ baseURL: mock.url, fetch: counting })], 'server');
    const chat = TestBed.runInInjectionContext(() => injectChat({ model: 'gpt-mock' }));
    chat.send('Hello?');
    expect([chat.status(), chat.messages()]).toEqual(['submitted', [{ role: 'user', content: 'Hello?' }]]);
    await TestBed.inject(ApplicationRef).whenStable(); // no pending task: the render would not wait
    await new Promise((resolve) => setImmediate(resolve)); // past every microtask of a request start
    expect(fetches).toBe(0);
  });

  it('with streamOnServer, the server render waits for the reply (a pending task)', async () => {
    const chat = setup({ streamOnServer: true }, 'server');
    mock.enqueue({ type: 'chat', text: 'Rendered on the server.', delayMs: 10 });
    chat.send('Hello?');
    await TestBed.inject(ApplicationRef).whenStable();
    expect([chat.status(), chat.text()]).toEqual(['done', 'Rendered on the server.']);
  });

  it('throws outside an injection context without an injector', () => {
    expect(() => injectChat({ model: 'gpt-mock' })).toThrow(/injection context/);
  });
});
