/**
 * Per-chunk validation cost: `safeParse` of a chat completion chunk with the library's schema against the
 * other shapes that schema could have: classic zod's `looseObject` (0.1), zod/mini's `looseObject` as it
 * is, zod/mini's strip `object` (drops unknown fields, so it does not qualify; shown as a floor of zod's
 * interpreter), zod's own `compile()` (generated code: needs `new Function`, which a strict CSP blocks,
 * and adds ~10 KB gzipped) and our closures compiled from the schema (`lib/json/compile-parser.ts`).
 * "library" is what ships: `ChatCompletionChunkSchema`, zod/mini with its hand-written chunk parser.
 *
 * Every variant has the same shape and runs in its own process, so V8 specialises its code to that one
 * schema, as in an app. Time is CPU time (`process.cpuUsage`) per `safeParse` of an already JSON-parsed
 * chunk: the median of 11 rounds of ~40 ms in the child, then the median over `BENCH_SCHEMA_ROUNDS` (default 3) runs
 * of every child, in alternating order. Each child also checks its output against classic zod's and that
 * a wrong type is rejected with a zod issue at its path.
 *
 * Run alone with `npx tsx spec/bench/schemas.ts`, or via `npm run bench` once wired into index.ts.
 */
import { fork } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as classic from 'zod';
import * as mini from 'zod/mini';
import { ChatCompletionChunkSchema } from '../../lib/chat/schemas/chat-chunk.js';
import { withCompiledParser } from '../../lib/json/compile-parser.js';

const SELF = fileURLToPath(import.meta.url);
const ROUNDS = Number(process.env['BENCH_SCHEMA_ROUNDS'] ?? 3);

/** The library's chunk schema, written with either zod's constructors (`object` makes it loose or strip). */
function chunkSchema(
  z: typeof mini | typeof classic,
  object: (shape: mini.core.$ZodLooseShape) => mini.core.$ZodType,
) {
  const { nullish, number, string, array } = z as typeof mini;
  const _default = (z as typeof mini)._default as (
    schema: mini.core.$ZodType,
    value: unknown,
  ) => mini.core.$ZodType;
  const fn = object({ name: nullish(string()), arguments: nullish(string()) });
  const usage = object({
    prompt_tokens: number(),
    completion_tokens: number(),
    total_tokens: number(),
    prompt_tokens_details: nullish(object({})),
    completion_tokens_details: nullish(object({})),
  });
  const top = { token: string(), logprob: number(), bytes: nullish(array(number())) };
  const token = object({ ...top, top_logprobs: nullish(array(object(top))) });
  const toolCall = object({
    index: nullish(number()),
    id: nullish(string()),
    type: nullish(string()),
    function: nullish(fn),
  });
  const delta = object({
    role: nullish(string()),
    content: nullish(string()),
    refusal: nullish(string()),
    reasoning_content: nullish(string()),
    tool_calls: nullish(array(toolCall)),
    function_call: nullish(fn),
  });
  const choice = object({
    index: _default(number(), 0),
    delta: _default(delta, {}),
    finish_reason: nullish(string()),
    logprobs: nullish(object({ content: nullish(array(token)), refusal: nullish(array(token)) })),
  });
  return object({
    id: _default(string(), ''),
    object: _default(string(), 'chat.completion.chunk'),
    created: _default(number(), 0),
    model: _default(string(), ''),
    system_fingerprint: nullish(string()),
    service_tier: nullish(string()),
    choices: _default(array(choice), []),
    usage: nullish(usage),
  });
}

type Parse = (input: unknown) => {
  success: boolean;
  data?: unknown;
  error?: { issues: Array<{ path: PropertyKey[] }> };
};
const asParse =
  (schema: mini.core.$ZodType): Parse =>
  (input) =>
    mini.safeParse(schema, input);

const VARIANTS: Record<string, () => Parse> = {
  'classic zod looseObject (0.1)': () => asParse(chunkSchema(classic, (shape) => classic.looseObject(shape))),
  'zod/mini looseObject': () => asParse(chunkSchema(mini, (shape) => mini.looseObject(shape))),
  'zod/mini object (strips unknown fields)': () => asParse(chunkSchema(mini, (shape) => mini.object(shape))),
  'zod/mini + zod compile() (new Function, ~10 KB)': () =>
    asParse(mini.compile(chunkSchema(mini, (shape) => mini.looseObject(shape)))),
  'zod/mini + compiled closures': () =>
    asParse(withCompiledParser(chunkSchema(mini, (shape) => mini.looseObject(shape)))),
  'library: ChatCompletionChunkSchema (zod/mini + chunk parser)': () => (input) =>
    ChatCompletionChunkSchema.safeParse(input) as ReturnType<Parse>,
};

const BASE = {
  id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
  object: 'chat.completion.chunk',
  created: 1741570000,
  model: 'gpt-4o-2024-08-06',
  service_tier: 'default',
  system_fingerprint: 'fp_f9f4fb6dbf',
};
const text = (content: string) => ({
  ...BASE,
  choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
  obfuscation: 'q7Xb',
});
const logprob = (token: string) => ({
  token,
  logprob: -0.0123,
  bytes: [...new TextEncoder().encode(token)],
  top_logprobs: [
    { token, logprob: -0.0123, bytes: [...new TextEncoder().encode(token)] },
    { token: ' the', logprob: -4.5, bytes: [32, 116, 104, 101] },
  ],
});

/** Frames as they arrive (JSON text): sizes are of the JSON. */
export const FRAMES: Record<string, string> = {
  '~200 B text chunk': JSON.stringify(text(' world')),
  '~1 KiB text chunk': JSON.stringify(text(' lorem ipsum dolor sit amet,'.repeat(28))),
  '~1 KiB chunk with logprobs and a tool call': JSON.stringify({
    ...BASE,
    choices: [
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: '{"ci' } }], content: null },
        logprobs: { content: [logprob(' Hello'), logprob(' world')], refusal: null },
        finish_reason: null,
      },
    ],
    usage: null,
  }),
};

/** A chunk with a wrong type deep inside: every variant must reject it with an issue at this path. */
const BAD = { ...text('x'), choices: [{ index: 0, delta: { content: 42 } }] };
const BAD_PATH = ['choices', 0, 'delta', 'content'];

interface ChildResult {
  nsPerParse: Record<string, number>;
  sameOutput: boolean;
  rejects: boolean;
}

/** In a child: measures one variant on every frame. */
function measureVariant(name: string): ChildResult {
  const parse = VARIANTS[name]!();
  const reference = VARIANTS['classic zod looseObject (0.1)']!();
  const nsPerParse: Record<string, number> = {};
  let sameOutput = true;
  for (const [frame, json] of Object.entries(FRAMES)) {
    sameOutput &&= isDeepStrictEqual(parse(JSON.parse(json)).data, reference(JSON.parse(json)).data);
    const inputs = Array.from({ length: 200 }, () => JSON.parse(json) as unknown);
    const once = () => {
      for (const input of inputs) if (!parse(input).success) throw new Error(name);
    };
    // About 40 ms of parsing per round, measured after a calibrating (and warming) round.
    let start = process.cpuUsage();
    for (let i = 0; i < 20; i++) once();
    const calibration = process.cpuUsage(start);
    const perRound = Math.max(1, Math.round((40_000 * 20) / (calibration.user + calibration.system + 1)));
    const samples: number[] = [];
    for (let round = 0; round < 11; round++) {
      start = process.cpuUsage();
      for (let i = 0; i < perRound; i++) once();
      const used = process.cpuUsage(start);
      samples.push(((used.user + used.system) * 1000) / (perRound * inputs.length));
    }
    nsPerParse[frame] = median(samples);
  }
  const bad = parse(structuredClone(BAD));
  const rejects = !bad.success && isDeepStrictEqual(bad.error?.issues[0]?.path, BAD_PATH);
  return { nsPerParse, sameOutput, rejects };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function runChild(name: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--variant', name], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve(message as ChildResult));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${name}: exit ${code}`))));
  });
}

/** Prints the table: ns per `safeParse` per frame, and the ratio to classic zod's looseObject. */
export async function run(): Promise<void> {
  const names = Object.keys(VARIANTS);
  const runs = new Map<string, ChildResult[]>(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) runs.get(name)!.push(await runChild(name));
  }
  const frames = Object.keys(FRAMES);
  const sizes = frames.map((frame) => `${frame} (${FRAMES[frame]!.length} B)`);
  const nsOf = (name: string, frame: string) =>
    median(runs.get(name)!.map((result) => result.nsPerParse[frame]!));
  const baseline = names[0]!;
  console.log(
    'CPU time per safeParse of one JSON-parsed chunk, median; (×) = ratio to classic looseObject.\n',
  );
  console.log(
    `| schema | ${sizes.join(' | ')} | keeps unknown fields, same output | rejects with a zod issue |`,
  );
  console.log(`|---|${frames.map(() => '---:|').join('')}:---:|:---:|`);
  for (const name of names) {
    const cells = frames.map(
      (frame) =>
        `${nsOf(name, frame).toFixed(0)} ns (${(nsOf(name, frame) / nsOf(baseline, frame)).toFixed(2)}×)`,
    );
    const results = runs.get(name)!;
    const same = results.every((result) => result.sameOutput) ? 'yes' : 'no';
    const rejects = results.every((result) => result.rejects) ? 'yes' : 'no';
    console.log(`| ${name} | ${cells.join(' | ')} | ${same} | ${rejects} |`);
  }
}

const variantFlag = process.argv.indexOf('--variant');
if (variantFlag >= 0) {
  process.send!(measureVariant(process.argv[variantFlag + 1]!));
  process.disconnect();
} else if (process.argv[1] === SELF) {
  await run();
}
