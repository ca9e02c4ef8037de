import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { of, type Observable } from 'rxjs';
import { lazy } from '../../lib/http/lazy.js';
import { APIConnectionError } from '../../lib/errors/connection.js';
import { collect, delay, MESSAGES, setup } from './helpers.js';

describe('lazy', () => {
  it('loads nothing before subscribe, then emits what the module builds', async () => {
    let loads = 0;
    const value$ = lazy(
      'test',
      async () => {
        loads++;
        return { answer: 42 };
      },
      (module) => of(module.answer),
    );
    await delay(5);
    expect(loads).toBe(0);
    expect(await collect(value$)).toEqual({ values: [42], completed: true, error: undefined });
    expect(loads).toBe(1);
  });

  it('never builds when unsubscribed while loading', async () => {
    let built = false;
    const subscription = lazy(
      'test',
      () => delay(10).then(() => ({})),
      () => {
        built = true;
        return of(1);
      },
    ).subscribe();
    subscription.unsubscribe();
    await delay(30);
    expect(built).toBe(false);
  });

  it('turns a failed load into an APIConnectionError with a plain cause', async () => {
    const failure = Object.assign(new TypeError('Failed to fetch dynamically imported module'), {
      code: 'ERR_CHUNK',
    });
    const { error } = await collect(
      lazy(
        'Responses API',
        () => Promise.reject(failure),
        () => of(1),
      ),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(
      'Could not load the Responses API code: Failed to fetch dynamically imported module (ERR_CHUNK)',
    );
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect((error as Error).cause).not.toBe(failure);
  });
});

describe('lazily loaded requests over HTTP', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup({}, { maxRetries: 0 });
  });
  afterAll(async () => {
    await env.mock.close();
  });

  it.each([
    ['responses.create', () => env.client.responses.create({ model: 'm', input: 'Hi', stream: true })],
    ['responses.retrieve', () => env.client.responses.retrieve('resp_1')],
    ['responses.cancel', () => env.client.responses.cancel('resp_1')],
    [
      'chat.completions.create (non-stream)',
      () => env.client.chat.completions.create({ model: 'm', messages: MESSAGES }),
    ],
  ] as [string, () => Observable<unknown>][])(
    '%s sends nothing when unsubscribed before its code has loaded',
    async (_name, create) => {
      env.mock.requests.length = 0;
      create().subscribe().unsubscribe();
      await delay(50);
      expect(env.mock.requests).toHaveLength(0);
    },
  );
});
