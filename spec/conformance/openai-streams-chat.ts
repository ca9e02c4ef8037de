/**
 * Conformance suite `openai-streams (chat)`: replays every `chat.completions` body of
 * `openai-streams/INDEX.json` through the real client against the loopback mock server, in several
 * chunkings (one chunk and seeded random splits), pipes the response into `accumulateChatCompletion()` and
 * `toolCalls()` (one shared request), and compares text, refusal, reasoning, tool calls, the legacy function
 * call, finish reasons, usage, errors (and id, model, logprob counts) with the file's `computed_summary`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { lastValueFrom, share, tap, toArray } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { isAPIStreamError } from '../../lib/errors/index.js';
import {
  accumulateChatCompletion,
  toolCalls,
  type ChatCompletionSnapshot,
  type CompleteToolCall,
} from '../../lib/chat/operators/index.js';
import { startMockServer } from '../../lib/testing/index.js';
import type { ConformanceSuite } from './run.js';

interface ExpectedCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

interface ExpectedChoice {
  index: number;
  content: string | null;
  refusal: string | null;
  finish_reason: string | null;
  reasoning_content?: string | null;
  tool_calls?: ExpectedCall[];
  function_call?: { name: string; arguments: string } | null;
}

interface ExpectedError {
  message: string;
  type: string | null;
  param: string | null;
  code: string | number | null;
}

interface Entry {
  file: string;
  computed_summary: {
    api: string;
    completion_ids?: string[];
    models?: string[];
    choices?: Array<{ index: number; logprobs_content_tokens?: number; logprobs_refusal_tokens?: number }>;
    expected: { choices: ExpectedChoice[]; usage: unknown; errors: ExpectedError[] | null };
  };
}

interface Outcome {
  snapshot: ChatCompletionSnapshot | undefined;
  calls: CompleteToolCall[];
  error: unknown;
}

/** Stands for an id that toolCalls() generated (the legacy function call has none in the API). */
const GENERATED = '(generated)';
const CUT_OFF = new Set(['length', 'content_filter']);

/** A small seeded PRNG (mulberry32), so a failing chunking can be reproduced. */
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
  for (let round = 0; round < 3; round++) {
    const next = random(seed * 31 + round);
    const max = [7, 64, 512][round] as number;
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < bytes.length;) {
      const size = 1 + Math.floor(next() * max);
      pieces.push(bytes.subarray(at, at + size));
      at += size;
    }
    out.push([`random 1..${max} bytes (seed ${seed * 31 + round})`, pieces]);
  }
  return out;
}

/** Every difference between what the client produced and what the file's summary expects. */
function compare(outcome: Outcome, summary: Entry['computed_summary']): string[] {
  const { expected } = summary;
  const problems: string[] = [];
  const firstId = summary.completion_ids?.find((id) => id !== '');
  if (outcome.snapshot && firstId && outcome.snapshot.id !== firstId)
    problems.push(`id ${outcome.snapshot.id} != ${firstId}`);
  const firstModel = summary.models?.find((model) => model !== '');
  if (outcome.snapshot && firstModel && outcome.snapshot.model !== firstModel)
    problems.push(`model ${outcome.snapshot.model} != ${firstModel}`);
  for (const counts of summary.choices ?? []) {
    const logprobs = outcome.snapshot?.choices.find((choice) => choice.index === counts.index)?.logprobs;
    const content = logprobs?.content?.length ?? 0;
    const refusal = logprobs?.refusal?.length ?? 0;
    if (
      content !== (counts.logprobs_content_tokens ?? 0) ||
      refusal !== (counts.logprobs_refusal_tokens ?? 0)
    ) {
      problems.push(
        `choice ${counts.index} logprobs ${content}/${refusal} tokens, expected ${counts.logprobs_content_tokens}/${counts.logprobs_refusal_tokens}`,
      );
    }
  }
  const choices = outcome.snapshot?.choices ?? [];
  if (choices.length !== expected.choices.length)
    problems.push(`${choices.length} choices, expected ${expected.choices.length}`);
  for (const want of expected.choices) {
    const got = choices.find((choice) => choice.index === want.index);
    if (!got) continue;
    const where = `choice ${want.index}`;
    const check = (field: string, actual: unknown, wanted: unknown) => {
      if (!isDeepStrictEqual(actual, wanted))
        problems.push(
          `${where} ${field}: ${JSON.stringify(actual)?.slice(0, 80)} != ${JSON.stringify(wanted)?.slice(0, 80)}`,
        );
    };
    check('content', got.message.content, want.content);
    check('refusal', got.message.refusal, want.refusal);
    check('finish_reason', got.finish_reason, want.finish_reason);
    check('reasoning_content', got.message.reasoning_content ?? null, want.reasoning_content ?? null);
    const calls = (got.message.tool_calls ?? []).map((call) => ({
      index: call.index,
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    }));
    check('tool_calls', calls, want.tool_calls ?? []);
    check('function_call', got.message.function_call ?? null, want.function_call ?? null);
    // toolCalls() emits exactly the calls of choices that finished normally (or ran to [DONE]).
    const emitted = outcome.calls.filter((call) => call.choice === want.index);
    const complete =
      want.finish_reason === null ? outcome.error === undefined : !CUT_OFF.has(want.finish_reason);
    const wantedEmitted = complete
      ? [
          ...calls.map((call) => ({ kind: 'tool_call', ...call })),
          ...(want.function_call
            ? [{ kind: 'function_call', index: 0, id: GENERATED, ...want.function_call }]
            : []),
        ]
      : [];
    check(
      'toolCalls()',
      emitted.map(({ kind, index, id, name, arguments: args }) => ({
        kind,
        index,
        // The legacy function call has no id in the API: toolCalls() gives it a generated one.
        id: kind === 'function_call' && /^call_0_[a-z0-9]+$/.test(id) ? GENERATED : id,
        name,
        arguments: args,
      })),
      wantedEmitted,
    );
  }
  if (!isDeepStrictEqual(outcome.snapshot?.usage ?? null, expected.usage ?? null))
    problems.push(`usage ${JSON.stringify(outcome.snapshot?.usage)} != ${JSON.stringify(expected.usage)}`);
  const wantedError = expected.errors?.[0];
  if (!wantedError && outcome.error !== undefined) problems.push(`unexpected error ${String(outcome.error)}`);
  if (wantedError) {
    if (!isAPIStreamError(outcome.error))
      problems.push(`expected an APIStreamError, got ${String(outcome.error)}`);
    else {
      const body = outcome.error;
      const same =
        body.error?.message === wantedError.message &&
        body.type === wantedError.type &&
        body.param === wantedError.param &&
        body.code === (wantedError.code === null ? null : String(wantedError.code));
      if (!same)
        problems.push(
          `error ${JSON.stringify({ message: body.error?.message, type: body.type, param: body.param, code: body.code })} != ${JSON.stringify(wantedError)}`,
        );
    }
  }
  return problems;
}

async function replay(baseURL: string): Promise<Outcome> {
  const client = createClient({ baseURL, apiKey: 'test', maxRetries: 0 });
  const chunks$ = client.chat.completions.create({ model: 'x', messages: [], stream: true }).pipe(share());
  const outcome: Outcome = { snapshot: undefined, calls: [], error: undefined };
  const snapshots = lastValueFrom(
    chunks$.pipe(
      accumulateChatCompletion(),
      tap((snapshot) => (outcome.snapshot = snapshot)),
      toArray(),
    ),
  );
  const calls = lastValueFrom(
    chunks$.pipe(
      toolCalls(),
      tap((call) => outcome.calls.push(call)),
      toArray(),
    ),
  );
  const results = await Promise.allSettled([snapshots, calls]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) outcome.error = failure.reason;
  return outcome;
}

/** The suite, in the shape `run.ts` expects. */
export const openaiStreamsChatSuite: ConformanceSuite = {
  name: 'openai-streams (chat)',
  async run(dir: string) {
    const folder = join(dir, 'openai-streams');
    const index = JSON.parse(await readFile(join(folder, 'INDEX.json'), 'utf8')) as Entry[];
    const mock = await startMockServer();
    let passed = 0;
    let failed = 0;
    try {
      let seed = 1;
      for (const entry of index.filter((item) => item.computed_summary.api === 'chat.completions')) {
        const bytes = new Uint8Array(await readFile(join(folder, entry.file)));
        const before = failed;
        for (const [label, chunks] of chunkings(bytes, seed++)) {
          mock.enqueue({ type: 'raw', chunks, delayMs: 0 });
          const problems = compare(await replay(mock.url), entry.computed_summary);
          if (problems.length === 0) passed++;
          else {
            failed++;
            console.log(`FAIL ${entry.file} (${label}):\n  ${problems.join('\n  ')}`);
          }
        }
        if (failed === before) console.log(`ok   ${entry.file}`);
      }
    } finally {
      await mock.close();
    }
    return { passed, failed };
  },
};
