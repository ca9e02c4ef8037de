import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  EnvironmentInjector,
  Injectable,
  InjectionToken,
  inject,
  runInInjectionContext,
  signal,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { BeforeRequestState } from 'ky';
import { lastValueFrom } from 'rxjs';
import { OPENAI_STREAM_CLIENT, injectOpenAIStream, provideOpenAIStream } from '../../lib/angular/index.js';
import { hooksInContext } from '../../lib/angular/hooks-in-context.js';
import { accumulateText } from '../../lib/chat/operators/index.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { environment } from './helpers.js';
import { configureTestBed } from './test-bed.js';

@Injectable({ providedIn: 'root' })
class AuthService {
  readonly token = signal('token-1');
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

describe('provideOpenAIStream', () => {
  it('registers one client under OPENAI_STREAM_CLIENT, created on first injection', () => {
    const injector = environment([provideOpenAIStream({ baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 })]);
    const client = injector.get(OPENAI_STREAM_CLIENT);
    expect(client.options.baseURL).toBe('http://127.0.0.1:9/v1');
    expect(client.options.maxRetries).toBe(0);
    expect(injector.get(OPENAI_STREAM_CLIENT)).toBe(client);
    injector.destroy();
  });

  it('runs a config factory in the injection context, so it can inject configuration', () => {
    const API_URL = new InjectionToken<string>('API_URL');
    const injector = environment([
      { provide: API_URL, useValue: 'http://127.0.0.1:9/proxy/v1' },
      provideOpenAIStream(() => ({ baseURL: inject(API_URL) })),
    ]);
    expect(injector.get(OPENAI_STREAM_CLIENT).options.baseURL).toBe('http://127.0.0.1:9/proxy/v1');
    injector.destroy();
  });

  it('surfaces a bad option as the TypeError that names it, at first injection', () => {
    const injector = environment([provideOpenAIStream({ timeout: -1 })]);
    expect(() => injector.get(OPENAI_STREAM_CLIENT)).toThrow(/timeout/);
    injector.destroy();
  });

  it('injectOpenAIStream() returns the client inside services and throws outside an injection context', () => {
    // A factory provider: an @Injectable() class would need the JIT compiler in this DOM-less test.
    class ChatService {
      readonly client = injectOpenAIStream();
    }
    const injector = environment([
      provideOpenAIStream({ baseURL: mock.url }),
      { provide: ChatService, useFactory: () => new ChatService() },
    ]);
    expect(injector.get(ChatService).client).toBe(injector.get(OPENAI_STREAM_CLIENT));
    expect(runInInjectionContext(injector, () => injectOpenAIStream())).toBe(
      injector.get(OPENAI_STREAM_CLIENT),
    );
    expect(() => injectOpenAIStream()).toThrow(/injection context/);
    injector.destroy();
  });

  it('streams a completion from the mock server through the injected client', async () => {
    mock.enqueue({ type: 'chat', text: 'Hello from Angular.' });
    const injector = environment([provideOpenAIStream({ baseURL: mock.url, maxRetries: 0 })]);
    const client = injector.get(OPENAI_STREAM_CLIENT);
    const text$ = client.chat.completions
      .create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'Hi' }], stream: true })
      .pipe(accumulateText());
    await expect(lastValueFrom(text$)).resolves.toBe('Hello from Angular.');
    injector.destroy();
  });
});

describe('provideOpenAIStream hooks (zoneless TestBed)', () => {
  it('runs each hook in the injection context, so a hook can inject a service', async () => {
    configureTestBed([]);
    const seen: string[] = [];
    const hooks = hooksInContext(
      {
        beforeRequest: [(_state: BeforeRequestState) => void seen.push(inject(AuthService).token())],
        afterResponse: 'left as is',
      },
      TestBed.inject(EnvironmentInjector),
    );
    await hooks.beforeRequest[0]!({} as BeforeRequestState);
    TestBed.inject(AuthService).token.set('token-2');
    await hooks.beforeRequest[0]!({} as BeforeRequestState);
    expect([seen, hooks.afterResponse]).toEqual([['token-1', 'token-2'], 'left as is']);
  });

  it('a beforeRequest hook sets a fresh token on every request: the mock server sees the header', async () => {
    configureTestBed([
      provideOpenAIStream({
        baseURL: mock.url,
        maxRetries: 0,
        hooks: {
          beforeRequest: [
            ({ request }) =>
              void request.headers.set('Authorization', `Bearer ${inject(AuthService).token()}`),
          ],
        },
      }),
    ]);
    const client = TestBed.inject(OPENAI_STREAM_CLIENT);
    const ask = () =>
      lastValueFrom(
        client.chat.completions
          .create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'Hi' }], stream: true })
          .pipe(accumulateText()),
      );
    const before = mock.requests.length;
    mock.enqueue({ type: 'chat', text: 'One.' }, { type: 'chat', text: 'Two.' });
    await ask();
    TestBed.inject(AuthService).token.set('token-2');
    await ask();
    const headers = mock.requests.slice(before).map((request) => request.headers['authorization']);
    expect(headers).toEqual(['Bearer token-1', 'Bearer token-2']);
  });
});
