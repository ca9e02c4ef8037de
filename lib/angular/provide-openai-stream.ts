import {
  EnvironmentInjector,
  inject,
  makeEnvironmentProviders,
  type EnvironmentProviders,
} from '@angular/core';
import { createClient, type OpenAIClient } from '../client.js';
import type { ClientOptions } from '../http/options.js';
import { hooksInContext } from './hooks-in-context.js';
import { OPENAI_STREAM_CLIENT } from './tokens.js';

/**
 * Client options for {@link provideOpenAIStream}: the client's options, whose request `hooks` run in the
 * injection context.
 *
 * @example
 * ```ts
 * import type { OpenAIStreamOptions } from 'rxjs-openai-stream/angular';
 *
 * const options: OpenAIStreamOptions = { baseURL: '/api/v1', maxRetries: 1, hooks: { beforeRequest: [] } };
 * ```
 */
export type OpenAIStreamOptions = ClientOptions;

/**
 * The argument of {@link provideOpenAIStream}: an options object, or a factory that runs in the
 * environment injector's injection context (so it may `inject()` configuration).
 *
 * @example
 * ```ts
 * import type { OpenAIStreamConfig } from 'rxjs-openai-stream/angular';
 *
 * const config: OpenAIStreamConfig = () => ({ baseURL: '/api/v1' });
 * ```
 */
export type OpenAIStreamConfig = OpenAIStreamOptions | (() => OpenAIStreamOptions);

/**
 * Registers an rxjs-openai-stream client under {@link OPENAI_STREAM_CLIENT}, created lazily on first
 * injection. The client sends requests with `fetch` (through ky), not `HttpClient`, so Angular's HTTP
 * interceptors do not see them: its `hooks` are the interceptors. Each hook runs in the environment
 * injector's injection context, so it can `inject(AuthService)` and set a fresh token on every request.
 *
 * @param config - client options, or a factory for them that may call `inject()`.
 * @returns environment providers for `bootstrapApplication`, a route's `providers` or an environment injector.
 *
 * @example
 * ```ts
 * import { Injectable, inject, provideZonelessChangeDetection, signal, type ApplicationConfig } from '@angular/core';
 * import { provideOpenAIStream } from 'rxjs-openai-stream/angular';
 *
 * @Injectable({ providedIn: 'root' })
 * export class AuthService {
 *   readonly token = signal('');
 * }
 *
 * // app.config.ts, for bootstrapApplication(AppComponent, appConfig)
 * export const appConfig: ApplicationConfig = {
 *   providers: [
 *     provideZonelessChangeDetection(),
 *     provideOpenAIStream({
 *       baseURL: '/api/v1',
 *       hooks: {
 *         beforeRequest: [({ request }) => void request.headers.set('X-Session', inject(AuthService).token())],
 *       },
 *     }),
 *   ],
 * };
 * ```
 */
export function provideOpenAIStream(config: OpenAIStreamConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: OPENAI_STREAM_CLIENT,
      useFactory: () => {
        const options = typeof config === 'function' ? config() : config;
        if (!options?.hooks) return createClient(options);
        const hooks = hooksInContext(options.hooks, inject(EnvironmentInjector));
        return createClient({ ...options, hooks });
      },
    },
  ]);
}

/**
 * Injects the client registered by {@link provideOpenAIStream}; call it in an injection context (a field
 * initializer, a constructor, a factory or `runInInjectionContext`).
 *
 * @returns the client.
 *
 * @example
 * ```ts
 * import { Injectable } from '@angular/core';
 * import { injectOpenAIStream } from 'rxjs-openai-stream/angular';
 *
 * @Injectable({ providedIn: 'root' })
 * export class ChatService {
 *   private readonly client = injectOpenAIStream();
 * }
 * ```
 */
export function injectOpenAIStream(): OpenAIClient {
  return inject(OPENAI_STREAM_CLIENT);
}
