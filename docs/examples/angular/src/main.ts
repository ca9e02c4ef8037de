import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideOpenAIStream } from 'rxjs-openai-stream/angular';
import { AppComponent } from './app/app.component';

// The page talks only to its own origin: `/api/v1` is forwarded by the backend (`ng serve`'s proxy in
// development, the relay in production), which holds the API key and the upstream URL. No key, no
// provider URL in the browser.
const baseURL = new URL('/api/v1', location.origin).href;

bootstrapApplication(AppComponent, {
  providers: [provideZonelessChangeDetection(), provideOpenAIStream({ baseURL, maxRetries: 1 })],
}).catch((error: unknown) => console.error(error));
