import {
  DestroyRef,
  assertInInjectionContext,
  computed,
  inject,
  signal,
  type Injector,
  type Signal,
} from '@angular/core';
import type { Observable } from 'rxjs';
import type { OpenAIStreamError } from '../errors/index.js';
import { toStreamError } from './to-stream-error.js';

/**
 * Where a stream turned into signals by {@link streamSignals} stands.
 *
 * @example
 * ```ts
 * import type { StreamStatus } from 'rxjs-openai-stream/angular';
 *
 * const status: StreamStatus = 'streaming';
 * ```
 */
export type StreamStatus = 'streaming' | 'complete' | 'error' | 'stopped';

/**
 * Signals that follow one subscription of a stream, and a `stop()` that unsubscribes (aborting the request).
 *
 * @example
 * ```ts
 * import type { StreamSignals } from 'rxjs-openai-stream/angular';
 *
 * declare const state: StreamSignals<string>;
 * console.log(state.value(), state.status(), state.streaming());
 * ```
 */
export interface StreamSignals<T> {
  /** The latest value (e.g. the accumulated text so far); kept after an error or a stop. */
  readonly value: Signal<T>;
  readonly status: Signal<StreamStatus>;
  /**
   * The error the stream failed with, or `undefined`. Errors of this library (`RateLimitError`,
   * `APIStreamError`, ...) as they are; any other error (thrown by your own operators) is wrapped in an
   * `OpenAIStreamError` whose `cause` is the original.
   */
  readonly error: Signal<OpenAIStreamError | undefined>;
  /** `true` while the stream runs. */
  readonly streaming: Signal<boolean>;
  /** Unsubscribes if still running (the request is aborted) and sets the status to `'stopped'`. */
  stop(): void;
}

/**
 * Options of {@link streamSignals}.
 *
 * @example
 * ```ts
 * import type { StreamSignalsOptions } from 'rxjs-openai-stream/angular';
 *
 * const options: StreamSignalsOptions<string> = { initialValue: '' };
 * ```
 */
export interface StreamSignalsOptions<T> {
  /** The value before the first emission. */
  initialValue: T;
  /** The injector whose `DestroyRef` stops the stream. @defaultValue the current injection context */
  injector?: Injector;
}

/**
 * Subscribes to a stream now and mirrors it into signals (value, status, error) until it ends, `stop()` is
 * called, or the surrounding `DestroyRef` is destroyed. Signals drive change detection, so this works
 * in zoneless applications.
 *
 * @param source - a cold stream, e.g. a completion piped through `accumulateText()`.
 * @param options - the initial value and, outside an injection context, an injector.
 * @returns the signals and `stop()`.
 *
 * @example
 * ```ts
 * import { Component } from '@angular/core';
 * import { accumulateText } from 'rxjs-openai-stream';
 * import { injectOpenAIStream, streamSignals } from 'rxjs-openai-stream/angular';
 *
 * @Component({ selector: 'app-answer', template: '<p>{{ answer.value() }}</p><button (click)="answer.stop()">Stop</button>' })
 * export class AnswerComponent {
 *   readonly answer = streamSignals(
 *     injectOpenAIStream()
 *       .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true })
 *       .pipe(accumulateText()),
 *     { initialValue: '' },
 *   );
 * }
 * ```
 */
export function streamSignals<T>(source: Observable<T>, options: StreamSignalsOptions<T>): StreamSignals<T> {
  if (!options.injector) assertInInjectionContext(streamSignals);
  const destroyRef = options.injector ? options.injector.get(DestroyRef) : inject(DestroyRef);
  const value = signal(options.initialValue);
  const status = signal<StreamStatus>('streaming');
  const error = signal<OpenAIStreamError | undefined>(undefined);
  const state: StreamSignals<T> = {
    value: value.asReadonly(),
    status: status.asReadonly(),
    error: error.asReadonly(),
    streaming: computed(() => status() === 'streaming'),
    stop: () => undefined,
  };
  if (destroyRef.destroyed) {
    status.set('stopped');
    return state;
  }
  const subscription = source.subscribe({
    next: (next) => value.set(next),
    error: (failure: unknown) => {
      error.set(toStreamError(failure));
      status.set('error');
    },
    complete: () => status.set('complete'),
  });
  const stop = (): void => {
    if (status() !== 'streaming') return;
    status.set('stopped');
    subscription.unsubscribe();
  };
  subscription.add(destroyRef.onDestroy(stop));
  return { ...state, stop };
}
