import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { compileParser } from '../../lib/json/compile-parser.js';
import { INVALID, type Parser } from '../../lib/json/with-fast-parser.js';
import { chunkParser } from '../../lib/chat/schemas/chat-chunk-parser.js';
import { ChatCompletionChunkSchema, ChatCompletionSchema } from '../../lib/chat/schemas/index.js';
import {
  KnownResponseStreamEventSchema,
  ResponseSchema,
  ResponseStreamEventSchema,
} from '../../lib/responses/index.js';
import {
  plainWithUsage,
  withLogprobs,
  reasoning,
  azureFirstChunk,
} from '../chat/operators/fixtures/text-streams.js';
import { parallelCalls, legacyFunctionCall } from '../chat/operators/fixtures/tool-call-streams.js';
import { callEvents, response, textEvents } from '../responses/fixtures.js';

// The compiled parsers must agree with zod's runtime on every input: the same value where zod accepts,
// and `INVALID` (so that zod reports the issues) where it rejects. Checked on real shapes and on random
// mutations of them.

/** zod's runtime alone: the flag `withParser` sets once it falls back makes nested schemas skip theirs. */
function runtimeParse(schema: z.core.$ZodType, input: unknown): { ok: boolean; value?: unknown } {
  const ctx = {
    [Symbol.for('zod.compile.fallback')]: true,
  } as unknown as z.core.ParseContext<z.core.$ZodIssue>;
  const result = schema._zod.run({ value: input, issues: [] }, ctx) as z.core.ParsePayload;
  return result.issues.length ? { ok: false } : { ok: true, value: result.value };
}

function expectAgreement(schema: z.core.$ZodType, parse: Parser, input: unknown): void {
  const expected = runtimeParse(schema, structuredClone(input));
  const actual = parse(structuredClone(input));
  if (!expected.ok) expect(actual).toBe(INVALID);
  else expect(actual).toStrictEqual(expected.value);
}

const leaf = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
  fc.constant([{}]),
  fc.constant({ content: 'x' }),
);
const mutation = fc.record({
  at: fc.nat(),
  key: fc.nat(),
  op: fc.constantFrom('delete', 'set', 'set', 'add'),
  value: leaf,
});

type Mutation = { at: number; key: number; op: string; value: unknown };

/** Objects and arrays of `root`, depth first. */
function containers(root: unknown, out: unknown[] = []): unknown[] {
  if (typeof root !== 'object' || root === null) return out;
  out.push(root);
  for (const value of Object.values(root)) containers(value, out);
  return out;
}

function mutate(seed: unknown, mutations: Mutation[]) {
  const root = structuredClone(seed) as Record<string, unknown>;
  for (const { at, key, op, value } of mutations) {
    const nodes = containers(root);
    const node = nodes[at % nodes.length] as Record<string, unknown>;
    const keys = [...Object.keys(node), 'extra'];
    const name = op === 'add' ? `extra_${key}` : keys[key % keys.length]!;
    if (op === 'delete') delete node[name];
    else node[name] = structuredClone(value);
  }
  return root;
}

/** The compiled parser of each option of a discriminated union on `type`, chosen as zod chooses. */
function byType(union: typeof KnownResponseStreamEventSchema): Parser {
  const parsers = new Map(
    union.def.options.map((option) => [option.shape.type.def.values[0], compileParser(option)]),
  );
  return (input) => {
    const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
    return parsers.get(type as never)?.(input) ?? INVALID;
  };
}

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      finish_reason: 'tool_calls',
      logprobs: { content: [{ token: 'a', logprob: -1, bytes: [97], top_logprobs: [] }], refusal: null },
    },
  ],
  usage: {
    prompt_tokens: 1,
    completion_tokens: 2,
    total_tokens: 3,
    prompt_tokens_details: { cached_tokens: 0 },
  },
  service_tier: 'default',
};
const chunks = [
  ...plainWithUsage,
  ...withLogprobs,
  ...reasoning,
  ...azureFirstChunk,
  ...parallelCalls,
  ...legacyFunctionCall,
];
const responses = [
  response('completed'),
  ...textEvents.flatMap((event) => ('response' in event ? [event.response] : [])),
];

const cases: Array<{ name: string; schema: z.core.$ZodType; parse: Parser; seeds: unknown[] }> = [
  {
    name: 'chunk (hand-written)',
    schema: ChatCompletionChunkSchema,
    parse: chunkParser(ChatCompletionChunkSchema),
    seeds: chunks,
  },
  {
    name: 'chunk (compiled)',
    schema: ChatCompletionChunkSchema,
    parse: compileParser(ChatCompletionChunkSchema),
    seeds: chunks,
  },
  {
    name: 'chat.completion',
    schema: ChatCompletionSchema,
    parse: compileParser(ChatCompletionSchema),
    seeds: [completion],
  },
  { name: 'response', schema: ResponseSchema, parse: compileParser(ResponseSchema), seeds: responses },
  {
    name: 'Responses stream event',
    schema: KnownResponseStreamEventSchema,
    parse: byType(KnownResponseStreamEventSchema),
    seeds: [...textEvents, ...callEvents],
  },
];

describe.each(cases)('compiled parser of $name', ({ schema, parse, seeds }) => {
  it('parses every real shape itself, as zod does', () => {
    for (const seed of seeds) {
      expect(parse(seed)).not.toBe(INVALID);
      expectAgreement(schema, parse, seed);
    }
  });

  it('agrees with zod on random mutations (types, missing keys, unknown keys)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (seed, mutations) => {
          expectAgreement(schema, parse, mutate(seed, mutations));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with zod on values that are not plain objects', () => {
    class Chunk {
      id = 'x';
      choices = [];
    }
    for (const input of [
      null,
      undefined,
      'chunk',
      1,
      [],
      [seeds[0]],
      new Chunk(),
      Object.create(null),
      new Date(0),
    ])
      expectAgreement(schema, parse, input);
  });
});

describe('compiled parsers and __proto__', () => {
  it('drop an own "__proto__" key, as zod does, and never change the prototype', () => {
    const input = JSON.parse(
      '{"id":"c","choices":[{"index":0,"delta":{"__proto__":{"evil":1}}}],"__proto__":{"evil":1}}',
    );
    for (const parse of [chunkParser(ChatCompletionChunkSchema), compileParser(ChatCompletionChunkSchema)]) {
      const out = parse(input) as { choices: Array<{ delta: object }> };
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.hasOwn(out, '__proto__')).toBe(false);
      expect(Object.getPrototypeOf(out.choices[0]!.delta)).toBe(Object.prototype);
      expect(Object.hasOwn(out.choices[0]!.delta, '__proto__')).toBe(false);
    }
  });
});

describe('compileParser on zod kinds it does not model', () => {
  it('runs them through zod: transforms, refinements, catch', () => {
    const schema = z.looseObject({
      n: z.pipe(
        z.string(),
        z.transform((text) => text.length),
      ),
      even: z.number().check(z.refine((value) => value % 2 === 0)),
      role: z.catch(z.literal('assistant'), 'assistant'),
    });
    const parse = compileParser(schema);
    expect(parse({ n: 'abc', even: 2, role: 'user', extra: 1 })).toStrictEqual({
      n: 3,
      even: 2,
      role: 'assistant',
      extra: 1,
    });
    expect(parse({ n: 'abc', even: 3 })).toBe(INVALID);
  });

  it('builds a fresh object for every parse, with unknown values by reference', () => {
    const nested = { deep: true };
    const input = { id: 'c', choices: [], extra: nested };
    const out = ChatCompletionChunkSchema.parse(input);
    expect(out).not.toBe(input);
    expect(out['extra']).toBe(nested);
  });
});

describe('the schemas that ship take their fast path', () => {
  // The compiled object parser keeps the input's key order; zod's runtime puts the shape's keys first.
  it('for Responses events, also through the public union', () => {
    const event = {
      delta: 'Hi',
      sequence_number: 3,
      type: 'response.output_text.delta',
      item_id: 'm',
      output_index: 0,
    };
    expect(Object.keys(ResponseStreamEventSchema.parse(event))[0]).toBe('delta');
    expect(Object.keys(ResponseSchema.parse({ status: 'completed', id: 'r' }))[0]).toBe('status');
  });
});
