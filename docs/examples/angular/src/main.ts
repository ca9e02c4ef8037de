import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideOpenAIStream } from 'rxjs-openai-stream/angular';
import { AppComponent } from './app/app.component';

// The page talks only to its own origin: `/api` is the relay (`ng serve`'s proxy forwards it in
// development; in production the relay is mounted at `/api` of the app's server). The relay holds the API
// key and the upstream URL: no key, no provider URL in the browser.
const baseURL = new URL('/api', location.origin).href;

bootstrapApplication(AppComponent, {
  providers: [provideZonelessChangeDetection(), provideOpenAIStream({ baseURL, maxRetries: 1 })],
}).catch((error: unknown) => console.error(error));
