import { DestroyRef, assertInInjectionContext, inject } from '@angular/core';
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * Completes the stream when a `DestroyRef` (component, directive, service or environment injector) is
 * destroyed. Completing unsubscribes from the source, which aborts the HTTP request of a client stream.
 *
 * @param destroyRef - the lifetime to follow. @defaultValue the `DestroyRef` injected from the current injection context
 * @returns an operator that mirrors the source until the `DestroyRef` is destroyed.
 *
 * @example
 * ```ts
 * import { Component } from '@angular/core';
 * import { textDeltas } from 'rxjs-openai-stream';
 * import { injectOpenAIStream, streamUntilDestroyed } from 'rxjs-openai-stream/angular';
 *
 * @Component({ selector: 'app-haiku', template: '{{ text }}' })
 * export class HaikuComponent {
 *   text = '';
 *   constructor() {
 *     injectOpenAIStream()
 *       .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Haiku?' }], stream: true })
 *       .pipe(textDeltas(), streamUntilDestroyed())
 *       .subscribe((delta) => (this.text += delta));
 *   }
 * }
 * ```
 */
export function streamUntilDestroyed<T>(destroyRef?: DestroyRef): MonoTypeOperatorFunction<T> {
  if (!destroyRef) assertInInjectionContext(streamUntilDestroyed);
  const ref = destroyRef ?? inject(DestroyRef);
  return (source) =>
    new Observable<T>((subscriber) => {
      if (ref.destroyed) {
        subscriber.complete();
        return;
      }
      const unregister = ref.onDestroy(() => subscriber.complete());
      const subscription = source.subscribe(subscriber);
      return () => {
        unregister();
        subscription.unsubscribe();
      };
    });
}
