import { inject, makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { createClient, type OpenAIClient } from '../client.js';
import type { ClientOptions } from '../http/options.js';
import { OPENAI_STREAM_CLIENT } from './tokens.js';

/**
 * Client options for {@link provideOpenAIStream}: an options object, or a factory that runs in the
 * environment injector's injection context (so it may `inject()` configuration or an auth service).
 *
 * @example
 * ```ts
 * import type { OpenAIStreamConfig } from 'rxjs-openai-stream/angular';
 *
 * const config: OpenAIStreamConfig = () => ({ baseURL: '/api/v1' });
 * ```
 */
export type OpenAIStreamConfig = ClientOptions | (() => ClientOptions);

/**
 * Registers an rxjs-openai-stream client under {@link OPENAI_STREAM_CLIENT}, created lazily on first
 * injection. The client uses `fetch` (through ky), not `HttpClient`: Angular HTTP interceptors do not apply;
 * add headers through the `fetch` option or point `baseURL` at your own backend proxy.
 *
 * @param config - client options, or a factory for them that may call `inject()`.
 * @returns environment providers for `bootstrapApplication`, a route's `providers` or an environment injector.
 *
 * @example
 * ```ts
 * import { provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
 * import { provideOpenAIStream } from 'rxjs-openai-stream/angular';
 *
 * // app.config.ts, for bootstrapApplication(AppComponent, appConfig)
 * export const appConfig: ApplicationConfig = {
 *   providers: [provideZonelessChangeDetection(), provideOpenAIStream({ baseURL: '/api/v1' })],
 * };
 * ```
 */
export function provideOpenAIStream(config: OpenAIStreamConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: OPENAI_STREAM_CLIENT,
      useFactory: () => createClient(typeof config === 'function' ? config() : config),
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
