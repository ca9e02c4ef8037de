import { runInInjectionContext, type EnvironmentInjector } from '@angular/core';
import type { ClientHooks } from '../http/options.js';

/**
 * Request hooks for {@link provideOpenAIStream}: the client's `hooks` (ky's `beforeRequest`, run before every
 * attempt, and `afterResponse`). Each hook runs in the environment injector's injection context, so it may
 * call `inject()`, before its first `await`.
 *
 * @example
 * ```ts
 * import { inject } from '@angular/core';
 * import type { OpenAIStreamHooks } from 'rxjs-openai-stream/angular';
 *
 * class AuthService {
 *   token(): string {
 *     return 'session-token';
 *   }
 * }
 *
 * const hooks: OpenAIStreamHooks = {
 *   beforeRequest: [({ request }) => void request.headers.set('X-Session', inject(AuthService).token())],
 * };
 * ```
 */
export type OpenAIStreamHooks = ClientHooks;

type Hook = (...args: never[]) => unknown;

/**
 * Wraps every hook so that it runs in `injector`'s injection context. Arrays are mapped, anything else is
 * left for createClient to reject with its own message.
 * @internal
 */
export function hooksInContext<H extends object>(hooks: H, injector: EnvironmentInjector): H {
  const wrapped: Record<string, unknown> = {};
  for (const [name, list] of Object.entries(hooks)) {
    wrapped[name] = Array.isArray(list)
      ? list.map((hook: unknown) =>
          typeof hook === 'function'
            ? (...args: Parameters<Hook>) => runInInjectionContext(injector, () => (hook as Hook)(...args))
            : hook,
        )
      : list;
  }
  return wrapped as H;
}
