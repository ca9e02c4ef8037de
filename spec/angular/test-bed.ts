// TestBed compiles its testing module with the JIT compiler, so it must be loaded first.
import '@angular/compiler';
import {
  ApplicationModule,
  ErrorHandler,
  PLATFORM_ID,
  platformCore,
  provideZonelessChangeDetection,
  ɵINJECTOR_SCOPE as INJECTOR_SCOPE,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { TestBed, TestComponentRenderer } from '@angular/core/testing';

let initialized = false;

/**
 * Configures a zoneless TestBed for DOM-less jest specs. Without @angular/platform-browser, the providers
 * that BrowserModule would give are listed here: the root scope (so `providedIn: 'root'` services
 * resolve), an ErrorHandler, and the no-op renderer TestBed's teardown asks for.
 */
export function configureTestBed(
  providers: Array<Provider | EnvironmentProviders>,
  platform: 'browser' | 'server' = 'browser',
): void {
  if (!initialized) {
    TestBed.initTestEnvironment(ApplicationModule, platformCore(), { teardown: { destroyAfterEach: true } });
    initialized = true;
  }
  TestBed.configureTestingModule({
    providers: [
      { provide: INJECTOR_SCOPE, useValue: 'root' },
      { provide: ErrorHandler, useValue: new ErrorHandler() },
      { provide: TestComponentRenderer, useValue: new TestComponentRenderer() },
      { provide: PLATFORM_ID, useValue: platform },
      provideZonelessChangeDetection(),
      ...providers,
    ],
  });
}
