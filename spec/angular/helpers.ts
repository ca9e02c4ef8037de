import {
  Injector,
  createEnvironmentInjector,
  type EnvironmentInjector,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';

/**
 * An environment injector without TestBed (no DOM needed): `Injector.create` gives the root, which is an
 * environment injector at run time.
 */
export function environment(providers: Array<Provider | EnvironmentProviders>): EnvironmentInjector {
  const root = Injector.create({ providers: [], name: 'test root' }) as EnvironmentInjector;
  return createEnvironmentInjector(providers, root, 'test environment');
}

/**
 * Samples `read()` after every macrotask (the mock server's frames arrive in their own tasks) and returns
 * the distinct values seen until `done` holds. Waits for real I/O, asserts nothing about time.
 */
export async function until<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 5000): Promise<T[]> {
  const seen: T[] = [read()];
  const deadline = Date.now() + timeoutMs;
  while (!done(seen.at(-1)!)) {
    if (Date.now() > deadline) throw new Error(`timed out; saw ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setImmediate(resolve));
    const value = read();
    if (value !== seen.at(-1)) seen.push(value);
  }
  return seen;
}
