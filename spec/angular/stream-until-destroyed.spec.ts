import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DestroyRef, runInInjectionContext } from '@angular/core';
import { Subject } from 'rxjs';
import { OPENAI_STREAM_CLIENT, provideOpenAIStream, streamUntilDestroyed } from '../../lib/angular/index.js';
import { textDeltas } from '../../lib/chat/operators/index.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { environment } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

describe('streamUntilDestroyed', () => {
  it('does not subscribe before subscribe, mirrors values, and completes when the DestroyRef is destroyed', () => {
    const injector = environment([]);
    const source = new Subject<number>();
    const seen: unknown[] = [];
    const piped = runInInjectionContext(injector, () => source.pipe(streamUntilDestroyed()));
    expect(source.observed).toBe(false);
    piped.subscribe({ next: (value) => seen.push(value), complete: () => seen.push('complete') });
    source.next(1);
    injector.destroy();
    source.next(2);
    expect(seen).toEqual([1, 'complete']);
    expect(source.observed).toBe(false);
  });

  it('takes an explicit DestroyRef outside an injection context, and throws without one', () => {
    const injector = environment([]);
    const ref = injector.get(DestroyRef);
    const source = new Subject<number>();
    const seen: unknown[] = [];
    source.pipe(streamUntilDestroyed(ref)).subscribe({ complete: () => seen.push('complete') });
    injector.destroy();
    expect(seen).toEqual(['complete']);
    expect(() => streamUntilDestroyed()).toThrow(/injection context/);
  });

  it('completes at once when subscribed after the DestroyRef was destroyed', () => {
    const injector = environment([]);
    const ref = injector.get(DestroyRef);
    injector.destroy();
    const source = new Subject<number>();
    const seen: unknown[] = [];
    source.pipe(streamUntilDestroyed(ref)).subscribe({ complete: () => seen.push('complete') });
    expect(seen).toEqual(['complete']);
    expect(source.observed).toBe(false);
  });

  it('stops listening to the DestroyRef once the stream is over', () => {
    const injector = environment([]);
    const source = new Subject<number>();
    const seen: unknown[] = [];
    source
      .pipe(streamUntilDestroyed(injector.get(DestroyRef)))
      .subscribe({ complete: () => seen.push('complete') });
    source.complete();
    injector.destroy();
    expect(seen).toEqual(['complete']);
  });

  it('aborts the HTTP request when the injector is destroyed mid-stream (the server sees the disconnect)', async () => {
    mock.enqueue({ type: 'chat', text: 'word '.repeat(200), delayMs: 20 });
    const injector = environment([provideOpenAIStream({ baseURL: mock.url, maxRetries: 0 })]);
    const client = injector.get(OPENAI_STREAM_CLIENT);
    const before = mock.requests.length;
    const first = new Promise<void>((resolve, reject) => {
      client.chat.completions
        .create({ model: 'gpt-mock', messages: [{ role: 'user', content: 'Go' }], stream: true })
        .pipe(textDeltas(), streamUntilDestroyed(injector.get(DestroyRef)))
        .subscribe({ next: () => resolve(), error: reject });
    });
    await first;
    injector.destroy();
    const request = (await mock.waitForRequests(before + 1))[before];
    await expect(request!.closed).resolves.toEqual({ abortedByClient: true });
  });
});
