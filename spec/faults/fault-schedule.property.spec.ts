// Random fault schedules against the mock server: whatever the server does, a subscription ends exactly
// once, in time, with a prefix of the text (nothing lost, repeated or reordered), and every connection
// gets closed. `FAULT_RUNS=200 npm test -- spec/faults/fault-schedule` for a longer run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Subscription } from 'rxjs';
import { isAPIError } from '../../lib/errors/api-error.js';
import { isAPIConnectionError, isAPIConnectionTimeoutError } from '../../lib/errors/connection.js';
import { isAPIStatusError } from '../../lib/errors/status.js';
import type { RequestOptions } from '../../lib/http/request-options.js';
import { statusReply, type MockReply, type MockServer } from '../../lib/testing/index.js';
import type { OpenAIClient } from '../../lib/client.js';
import { contentOf, delay, eventually, PARAMS, sequenceDeltas, sequenceText, setup } from './helpers.js';

const RUNS = Number(process.env['FAULT_RUNS'] ?? 15);
const WORDS = 6;
const TEXT = sequenceText(WORDS);
/** Frames of an ok reply: the role chunk, one per word, the finish chunk, `[DONE]`. */
const FRAMES = WORDS + 3;

/** One scripted reply, with what the client should make of it. */
type Step =
  | { kind: 'ok' }
  | { kind: 'no-done' }
  | { kind: 'status'; status: 429 | 503; retryAfterMs: number }
  | { kind: 'drop'; chunks: number }
  | { kind: 'stall-after'; chunks: number }
  | { kind: 'stall-headers' }
  | { kind: 'stall-before-headers' }
  | { kind: 'error-frame'; chunks: number; serverError: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant<Step>({ kind: 'ok' }), weight: 3 },
  { arbitrary: fc.constant<Step>({ kind: 'no-done' }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom(429 as const, 503 as const),
      retryAfterMs: fc.integer({ min: 1, max: 30 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('drop' as const),
      chunks: fc.integer({ min: 1, max: FRAMES + 1 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('stall-after' as const),
      chunks: fc.integer({ min: 0, max: FRAMES }),
    }),
    weight: 1,
  },
  { arbitrary: fc.constant<Step>({ kind: 'stall-headers' }), weight: 1 },
  { arbitrary: fc.constant<Step>({ kind: 'stall-before-headers' }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('error-frame' as const),
      chunks: fc.integer({ min: 0, max: 4 }),
      serverError: fc.boolean(),
    }),
    weight: 2,
  },
);

type Unsubscribe = { at: 'never' } | { at: 'ms'; ms: number } | { at: 'chunks'; chunks: number };

const scenarioArb = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 4 }),
  maxRetries: fc.integer({ min: 0, max: 2 }),
  timeout: fc.constantFrom(200, 400),
  idleTimeout: fc.constantFrom(150, 300),
  firstChunkTimeout: fc.constantFrom(0, 100),
  unsubscribe: fc.oneof(
    { arbitrary: fc.constant<Unsubscribe>({ at: 'never' }), weight: 3 },
    {
      arbitrary: fc.record({ at: fc.constant('ms' as const), ms: fc.integer({ min: 0, max: 300 }) }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        at: fc.constant('chunks' as const),
        chunks: fc.integer({ min: 1, max: FRAMES }),
      }),
      weight: 1,
    },
  ),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toReply(step: Step): MockReply {
  switch (step.kind) {
    case 'ok':
      return { type: 'chat', text: TEXT };
    case 'no-done':
      return { type: 'chat', text: TEXT, fault: { kind: 'no-done' } };
    case 'status':
      return statusReply(step.status, { retryAfterMs: String(step.retryAfterMs) });
    case 'drop':
      return { type: 'chat', text: TEXT, fault: { kind: 'drop-after-chunks', chunks: step.chunks } };
    case 'stall-after':
      return { type: 'chat', text: TEXT, fault: { kind: 'stall-after-chunks', chunks: step.chunks } };
    case 'stall-headers':
      return { type: 'chat', text: TEXT, fault: { kind: 'stall' } };
    case 'stall-before-headers':
      return { type: 'chat', text: TEXT, fault: { kind: 'stall-before-headers' } };
    case 'error-frame': {
      const error = {
        message: 'scheduled failure',
        type: step.serverError ? 'server_error' : 'invalid_request_error',
      };
      return { type: 'chat', text: TEXT, errorAfter: { chunks: step.chunks, error } };
    }
  }
}

/** What the client must end with when nobody unsubscribes: completion, or an error the guard accepts. */
function predict(
  scenario: Scenario,
): { outcome: 'complete' } | { outcome: 'error'; check: (e: unknown) => boolean } {
  let attempts = 0;
  for (const step of scenario.steps) {
    attempts++;
    const canRetry = attempts <= scenario.maxRetries;
    switch (step.kind) {
      case 'ok':
      case 'no-done':
        return { outcome: 'complete' };
      case 'status':
        if (canRetry) continue;
        return { outcome: 'error', check: (e) => isAPIStatusError(e) && e.status === step.status };
      case 'stall-before-headers':
        if (canRetry) continue;
        return { outcome: 'error', check: (e) => isAPIConnectionTimeoutError(e) && e.timeout === 'request' };
      case 'stall-headers':
        // A body timeout before any event is retried like a connection error (see retryEarlyErrors).
        if (canRetry) continue;
        return { outcome: 'error', check: (e) => isAPIConnectionTimeoutError(e) && e.timeout !== 'request' };
      case 'stall-after':
        if (step.chunks >= FRAMES) return { outcome: 'complete' };
        if (step.chunks === 0 && canRetry) continue;
        return { outcome: 'error', check: (e) => isAPIConnectionTimeoutError(e) && e.timeout !== 'request' };
      case 'drop':
        if (step.chunks >= FRAMES) return { outcome: 'complete' };
        if (step.chunks === 0 && canRetry) continue; // (the generator starts at 1 chunk)
        return { outcome: 'error', check: isAPIConnectionError };
      case 'error-frame':
        if (step.chunks === 0 && step.serverError && canRetry) continue;
        return { outcome: 'error', check: (e) => isAPIError(e) && (e as Error).name === 'APIStreamError' };
    }
  }
  return { outcome: 'complete' }; // the server's default reply is a good one
}

/** The longest a scenario may take before it counts as a hang. */
function budgetMs(scenario: Scenario): number {
  const attempts = scenario.maxRetries + 1;
  const perAttempt = scenario.timeout + scenario.idleTimeout + 300;
  const backoffs = Array.from({ length: scenario.maxRetries }, (_, i) => 500 * 2 ** i).reduce(
    (a, b) => a + b,
    0,
  );
  return attempts * perAttempt + backoffs + 1500;
}

describe('random fault schedules (property)', () => {
  let mock: MockServer;
  let client: OpenAIClient;
  let schedule: Step[] = [];
  let firstRequest = 0;

  beforeAll(async () => {
    // A reply function instead of enqueue, so that a run never leaves replies behind for the next one.
    ({ mock, client } = await setup({
      reply: (_request, index) => {
        const step = schedule[index - firstRequest];
        return step ? toReply(step) : { type: 'chat', text: TEXT };
      },
    }));
  });
  afterAll(async () => {
    await mock.close();
  });

  it(
    `holds for ${RUNS} random schedules`,
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (scenario) => {
          schedule = scenario.steps;
          firstRequest = mock.requests.length;
          const options: RequestOptions = {
            maxRetries: scenario.maxRetries,
            timeout: scenario.timeout,
            idleTimeout: scenario.idleTimeout,
            firstChunkTimeout: scenario.firstChunkTimeout,
          };
          const values: unknown[] = [];
          let terminals = 0;
          let afterTerminal = false;
          let error: unknown;
          let completed = false;
          let unsubscribed = false;
          let subscription: Subscription | undefined;
          const started = Date.now();
          const unsubscribe = scenario.unsubscribe;
          let timer: ReturnType<typeof setTimeout> | undefined;

          await new Promise<void>((resolve) => {
            const end = () => {
              clearTimeout(timer);
              resolve();
            };
            subscription = client.chat.completions.create(PARAMS, options).subscribe({
              next: (chunk) => {
                if (terminals > 0 || unsubscribed) afterTerminal = true;
                values.push(chunk);
                if (unsubscribe.at === 'chunks' && values.length === unsubscribe.chunks) {
                  unsubscribed = true;
                  subscription?.unsubscribe();
                  end();
                }
              },
              error: (e: unknown) => {
                if (terminals > 0 || unsubscribed) afterTerminal = true;
                terminals++;
                error = e;
                end();
              },
              complete: () => {
                if (terminals > 0 || unsubscribed) afterTerminal = true;
                terminals++;
                completed = true;
                end();
              },
            });
            if (unsubscribe.at === 'chunks' && unsubscribed) subscription.unsubscribe();
            if (unsubscribe.at === 'ms') {
              timer = setTimeout(() => {
                unsubscribed = terminals === 0;
                subscription?.unsubscribe();
                end();
              }, unsubscribe.ms);
            } else {
              timer = setTimeout(() => {
                subscription?.unsubscribe();
                end();
              }, budgetMs(scenario));
            }
          });
          const elapsed = Date.now() - started;
          await delay(10); // room for a stray notification

          // Exactly one ending, unless the test unsubscribed first; never anything after it.
          expect(afterTerminal).toBe(false);
          if (!unsubscribed) {
            expect({ terminals, elapsed, budget: budgetMs(scenario) }).toEqual({
              terminals: 1,
              elapsed: expect.any(Number),
              budget: expect.any(Number),
            });
            expect(elapsed).toBeLessThanOrEqual(budgetMs(scenario));
          } else {
            expect(terminals).toBe(0);
          }
          // The deltas are a prefix of the sequence; a completion has all of it.
          const deltas = contentOf(values);
          expect(deltas).toEqual(sequenceDeltas(WORDS).slice(0, deltas.length));
          if (completed) expect(deltas).toEqual(sequenceDeltas(WORDS));
          if (!unsubscribed) {
            const expected = predict(scenario);
            if (expected.outcome === 'complete')
              expect({ completed, error }).toEqual({ completed: true, error: undefined });
            else expect(expected.check(error) ? 'expected error' : error).toBe('expected error');
          }
          // Every connection of this run gets closed.
          const runRequests = mock.requests.slice(firstRequest);
          await withCap(
            Promise.all(runRequests.map((request) => request.closed)),
            3000,
            'every request closed',
          );
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      // Pooled keep-alive sockets close when their keep-alive time runs out.
      await eventually(() => mock.openConnections() === 0, 8000, 'openConnections() === 0');
    },
    60_000 + RUNS * 6000,
  );
});

function withCap<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, cap]).finally(() => clearTimeout(timer));
}
