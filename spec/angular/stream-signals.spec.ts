import { describe, expect, it } from '@jest/globals';
import { DestroyRef, runInInjectionContext, type Injector } from '@angular/core';
import { Subject, of, throwError } from 'rxjs';
import { streamSignals } from '../../lib/angular/index.js';
import { APIError, OpenAIStreamError } from '../../lib/errors/index.js';
import { environment } from './helpers.js';

describe('streamSignals', () => {
  it('mirrors values into signals and reports completion', () => {
    const injector = environment([]);
    const source = new Subject<string>();
    const state = runInInjectionContext(injector, () => streamSignals(source, { initialValue: '' }));
    expect([state.value(), state.status(), state.streaming()]).toEqual(['', 'streaming', true]);
    source.next('Hel');
    source.next('Hello');
    expect(state.value()).toBe('Hello');
    source.complete();
    expect([state.value(), state.status(), state.streaming(), state.error()]).toEqual([
      'Hello',
      'complete',
      false,
      undefined,
    ]);
    injector.destroy();
  });

  it('keeps the last value and exposes the library error on failure, as it is', () => {
    const injector = environment([]);
    const failure = new APIError('Slow down.');
    const source = new Subject<number>();
    const state = streamSignals(source, { initialValue: 0, injector });
    source.next(3);
    source.error(failure);
    expect([state.value(), state.status(), state.error()]).toEqual([3, 'error', failure]);
    expect(state.error()).toBe(failure);
    injector.destroy();
  });

  it('wraps an error of the app’s own code in an OpenAIStreamError whose cause is the original', () => {
    const injector = environment([]);
    const failure = new SyntaxError('Unexpected token');
    const state = streamSignals(
      throwError(() => failure),
      { initialValue: 0, injector },
    );
    const error = state.error();
    expect(error).toBeInstanceOf(OpenAIStreamError);
    expect([error?.message, error?.cause]).toEqual(['Unexpected token', failure]);
    const odd = streamSignals(
      throwError(() => 'plain string'),
      { initialValue: 0, injector },
    );
    expect([odd.error()?.message, odd.error()?.cause]).toEqual(['plain string', 'plain string']);
    injector.destroy();
  });

  it('stop() unsubscribes (aborting the request) and marks the stream stopped; later stops do nothing', () => {
    const injector = environment([]);
    const source = new Subject<number>();
    const state = streamSignals(source, { initialValue: 0, injector });
    state.stop();
    expect(source.observed).toBe(false);
    expect(state.status()).toBe('stopped');
    state.stop();
    expect(state.status()).toBe('stopped');
    injector.destroy();
  });

  it('stops when the DestroyRef is destroyed, and does not change a finished stream', () => {
    const running = environment([]);
    const source = new Subject<number>();
    const live = streamSignals(source, { initialValue: 0, injector: running });
    running.destroy();
    expect([live.status(), source.observed]).toEqual(['stopped', false]);

    const finished = environment([]);
    const done = streamSignals(of(1, 2), { initialValue: 0, injector: finished });
    finished.destroy();
    expect([done.value(), done.status()]).toEqual([2, 'complete']);
  });

  it('does not subscribe when the DestroyRef is already destroyed (e.g. a destroyed view)', () => {
    const destroyed = { destroyed: true, onDestroy: () => () => undefined } as unknown as DestroyRef;
    const injector = {
      get: (token: unknown) => (token === DestroyRef ? destroyed : undefined),
    } as unknown as Injector;
    let subscribed = false;
    const state = streamSignals(
      throwError(() => {
        subscribed = true;
        return new Error('never');
      }),
      { initialValue: 'x', injector },
    );
    expect([subscribed, state.status(), state.value()]).toEqual([false, 'stopped', 'x']);
  });

  it('throws outside an injection context without an injector', () => {
    expect(() => streamSignals(of(1), { initialValue: 0 })).toThrow(/injection context/);
  });
});
