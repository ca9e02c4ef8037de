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
