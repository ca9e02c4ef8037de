import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideOpenAIStream } from 'rxjs-openai-stream/angular';
import { AppComponent } from './app/app.component';

// The API base URL: `?api=` when given (e.g. a mock server that sends CORS headers), else the same-origin
// `/v1`, which the serving backend forwards to the model provider and where it adds the API key. No key
// ever reaches the browser.
const api = new URL(location.href).searchParams.get('api') ?? new URL('/v1', location.origin).href;

bootstrapApplication(AppComponent, {
  providers: [provideZonelessChangeDetection(), provideOpenAIStream({ baseURL: api, maxRetries: 0 })],
}).catch((error: unknown) => console.error(error));
