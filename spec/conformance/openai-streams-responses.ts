/**
 * Conformance suite `openai-streams-responses`: replays every Responses API stream of
 * `openai-streams/INDEX.json` (`computed_summary.api == 'responses'`) through `client.responses.create()`
 * against the mock server's `raw` reply, as one chunk and in random byte chunkings (seeded), and compares
 * `output_text`, `function_calls`, `error_events` and `terminal` with `.expected`. In error cases the
 * events before the `error` event must be delivered, then a `ResponseStreamError` with its code, message
 * and param (the stream ends there, so `terminal` is not compared).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { from, lastValueFrom, toArray, type Observable } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { isResponseStreamError } from '../../lib/errors/index.js';
import {
  accumulateResponse,
  responseFunctionCalls,
  type ResponseStreamEvent,
} from '../../lib/responses/index.js';
import { startMockServer } from '../../lib/testing/index.js';
import type { ConformanceSuite } from './run.js';

interface ErrorEvent {
  sequence_number: number;
  error: { type?: string | null; code?: string | null; message?: string; param?: string | null };
}

interface Entry {
  file: string;
  computed_summary: {
    api: string;
    event_types: string[];
    expected: {
      output_text: string | null;
      function_calls: Array<{ item_id: string; call_id: string; name: string; arguments: string }> | null;
      error_events: ErrorEvent[] | null;
      terminal: { type: string; status: string; error: unknown; usage: unknown } | null;
    };
  };
}

const CHUNKINGS = 6;

/** A small seeded PRNG (mulberry32), so that a failing chunking can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function chunkings(bytes: Uint8Array, seed: number): Array<[string, Uint8Array[]]> {
  const out: Array<[string, Uint8Array[]]> = [['one chunk', [bytes]]];
  for (let n = 0; n < CHUNKINGS; n++) {
    const next = random(seed + n);
    const max = [3, 17, 64, 256, 1024, 4096][n % 6]!;
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length;) {
      const size = 1 + Math.floor(next() * max);
      chunks.push(bytes.subarray(i, i + size));
      i += size;
    }
    out.push([`random chunks <= ${max} (seed ${seed + n})`, chunks]);
  }
  return out;
}

/** Runs one replay; returns the mismatches (empty when it conforms). */
async function check(entry: Entry, events$: Observable<ResponseStreamEvent>): Promise<string[]> {
  const { expected, event_types: types } = entry.computed_summary;
  const events: ResponseStreamEvent[] = [];
  const error = await new Promise<unknown>((resolve) =>
    events$.subscribe({
      next: (event) => events.push(event),
      error: resolve,
      complete: () => resolve(undefined),
    }),
  );
  const problems: string[] = [];
  const expectThat = (what: string, actual: unknown, wanted: unknown) => {
    if (!isDeepStrictEqual(actual, wanted))
      problems.push(`${what}: got ${JSON.stringify(actual)}, want ${JSON.stringify(wanted)}`);
  };
  const snapshots = await lastValueFrom(from(events).pipe(accumulateResponse(), toArray()));
  const final = snapshots.at(-1);
  expectThat('output_text', final?.output_text || null, expected.output_text);
  const calls = await lastValueFrom(from(events).pipe(responseFunctionCalls(), toArray()));
  const callView = calls.map((call) => ({
    item_id: call.itemId,
    call_id: call.callId,
    name: call.name,
    arguments: call.arguments,
  }));
  expectThat('function_calls', callView.length ? callView : null, expected.function_calls);

  const wantedError = expected.error_events?.[0];
  if (wantedError) {
    const before = types.slice(0, types.indexOf('error'));
    expectThat(
      'events before the error',
      events.map((event) => event.type),
      before,
    );
    if (!isResponseStreamError(error))
      return [...problems, `error: got ${String(error)}, want a ResponseStreamError`];
    expectThat(
      'error_events',
      [
        {
          type: 'error',
          sequence_number: error.sequenceNumber,
          error: { type: error.type, code: error.code, message: error.error?.message, param: error.param },
        },
      ],
      expected.error_events,
    );
    return problems;
  }
  if (error !== undefined) return [...problems, `unexpected error: ${String(error)}`];
  expectThat(
    'event types',
    events.map((event) => event.type),
    types,
  );
  const terminal = events.at(-1);
  const wanted = expected.terminal;
  if (wanted) {
    expectThat(
      'terminal',
      {
        type: terminal?.type,
        status: final?.status,
        error: final?.error ?? null,
        usage: final?.usage ?? null,
      },
      wanted,
    );
  }
  return problems;
}

/** The suite, registered in `run.ts`. */
export const openaiStreamsResponsesSuite: ConformanceSuite = {
  name: 'openai-streams-responses',
  async run(dir) {
    const folder = join(dir, 'openai-streams');
    const index = JSON.parse(await readFile(join(folder, 'INDEX.json'), 'utf8')) as Entry[];
    const entries = index.filter((entry) => entry.computed_summary.api === 'responses');
    const mock = await startMockServer();
    const client = createClient({ apiKey: 'sk-conformance', baseURL: mock.url, maxRetries: 0 });
    let passed = 0;
    let failed = 0;
    try {
      for (const [position, entry] of entries.entries()) {
        const bytes = new Uint8Array(await readFile(join(folder, entry.file)));
        for (const [label, chunks] of chunkings(bytes, 1000 * (position + 1))) {
          mock.enqueue({ type: 'raw', chunks });
          const create$ = client.responses.create({ model: 'gpt-4o', input: 'conformance', stream: true });
          const problems = await check(entry, create$);
          if (problems.length === 0) {
            passed++;
            console.log(`ok   ${entry.file} [${label}]`);
          } else {
            failed++;
            console.log(`FAIL ${entry.file} [${label}]\n     ${problems.slice(0, 5).join('\n     ')}`);
          }
        }
      }
    } finally {
      await mock.close();
    }
    return { passed, failed };
  },
};
