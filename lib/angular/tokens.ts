import { InjectionToken } from '@angular/core';
import type { OpenAIClient } from '../client.js';

/**
 * The injection token under which {@link provideOpenAIStream} registers the streaming client.
 *
 * @example
 * ```ts
 * import { inject } from '@angular/core';
 * import { OPENAI_STREAM_CLIENT } from 'rxjs-openai-stream/angular';
 *
 * const client = inject(OPENAI_STREAM_CLIENT); // inside a constructor, field initializer or factory
 * ```
 */
export const OPENAI_STREAM_CLIENT = new InjectionToken<OpenAIClient>('OPENAI_STREAM_CLIENT');
