// Shared helpers of the HTTP edge specs (not a spec itself).
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { expect } from '@jest/globals';
import type { Observable } from 'rxjs';
import { createClient } from '../../lib/client.js';
import type { ClientOptions } from '../../lib/http/options.js';
import { startMockServer } from '../../lib/testing/index.js';
import type { MockServer, MockServerOptions } from '../../lib/testing/index.js';

/** The API key every spec uses; it must never show up in an error. */
export const SECRET = 'sk-secret-7f3a9c2e1b';

export const MESSAGES = [{ role: 'user' as const, content: 'Write a story about a robot.' }];

/** What an Observable did, once it stopped. */
export interface Outcome<T> {
  values: T[];
  error: unknown;
  completed: boolean;
}

/** Subscribes and resolves when the Observable errors or completes. */
export function collect<T>(source$: Observable<T>): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    const values: T[] = [];
    source$.subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => resolve({ values, error, completed: false }),
      complete: () => resolve({ values, error: undefined, completed: true }),
    });
  });
}

/** A mock server and a client pointed at it, for one spec file. */
export async function setup(server: MockServerOptions = {}, client: ClientOptions = {}) {
  const mock: MockServer = await startMockServer(server);
  return { mock, client: createClient({ apiKey: SECRET, baseURL: mock.url, ...client }) };
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asserts that the key is nowhere in the error: message, string form, JSON, inspect, cause chain. */
export function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const views = [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 6 }),
    (error as Error).stack ?? '',
  ];
  for (let cause = (error as Error).cause, depth = 0; cause !== undefined && depth < 6; depth++) {
    views.push(String(cause), JSON.stringify(cause) ?? '', inspect(cause, { depth: 6 }));
    cause = (cause as Error).cause;
  }
  for (const view of views) expect(view).not.toContain(SECRET);
}

/** A loopback port that nothing listens on (a server is opened on it, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
