import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { elementStream, finalObject, partialObject } from '../../lib/structured/partial-object.js';
import { StructuredOutputError } from '../../lib/errors/structured-output-error.js';
import { answerChunks, chatFinish, chatRun, chunk } from './fixtures.js';
import { collect, marbles, sequence } from './helpers.js';

const Recipe = z.object({
  title: z.string(),
  kind: z.enum(['sweet', 'salty']),
  servings: z.number(),
  steps: z.array(z.object({ text: z.string(), minutes: z.number() })),
});

describe('partialObject', () => {
  it('emits a snapshot per visible change, then completes (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(
        answerChunks([
          '{"title":"Pan',
          'cakes","kind":"sw',
          'eet","servings":4,"steps":[{"text":"Mix',
          '","minutes":2}]}',
        ]),
      );
      expect(diagram).toBe('abcdef|');
      expectObservable(cold(diagram, values).pipe(partialObject(Recipe))).toBe('-bcde-|', {
        b: { title: 'Pan' },
        c: { title: 'Pancakes' },
        d: { title: 'Pancakes', kind: 'sweet', servings: 4, steps: [{ text: 'Mix' }] },
        e: { title: 'Pancakes', kind: 'sweet', servings: 4, steps: [{ text: 'Mix', minutes: 2 }] },
      });
    });
  });

  it('emits the validated value last when it differs from the last snapshot (defaults, transforms)', async () => {
    const Schema = z.object({ name: z.string(), code: z.string().transform((s) => s.toUpperCase()) });
    const { out, error } = await collect(
      answerChunks(['{"name":"a', '","code":"x', 'y"}']),
      partialObject(Schema),
    );
    expect(error).toBeUndefined();
    // The transformed field appears only once complete (and transformed).
    expect(out).toEqual([{ name: 'a' }, { name: 'a', code: 'XY' }]);
  });

  it('never shows a number, enum or literal before it is complete, and strings only grow', async () => {
    const text =
      '{"title":"Crêpes \\"fines\\"","kind":"salty","servings":12,"steps":[{"text":"Rest","minutes":30}]}';
    const pieces = Array.from(text);
    const { out, error } = await collect(answerChunks(pieces), partialObject(Recipe));
    expect(error).toBeUndefined();
    const final = JSON.parse(text);
    for (const snapshot of out) expectConsistent(snapshot, final);
    expect(out.at(-1)).toEqual(final);
  });

  it('keeps unchanged parts by identity and freezes every snapshot', async () => {
    const { out } = await collect(
      answerChunks([
        '{"title":"T","kind":"sweet","servings":1,"steps":[{"text":"a","minutes":1}',
        ',{"text":"b',
        '"}]}',
      ]),
      partialObject(Recipe),
    );
    const [first, second] = out.slice(-2) as Array<z.output<typeof Recipe>>;
    expect(second!.steps[0]).toBe(first!.steps[0]);
    expect(Object.isFrozen(second)).toBe(true);
    expect(() => ((second as { title: string }).title = 'x')).toThrow(TypeError);
    expect(() => (second!.steps as unknown[]).push(1)).toThrow(TypeError);
  });

  it('fails with StructuredOutputError on a refusal, keeping what came before (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const values = {
        a: chunk({ content: '{"title":"X' }),
        b: chunk({ refusal: "I can't help" }),
        c: chunk({ refusal: ' with that.' }),
        d: chunk({}, 'stop'),
      };
      expectObservable(cold('abcd|', values).pipe(partialObject(Recipe))).toBe(
        'a---#',
        { a: { title: 'X' } },
        expect.objectContaining({
          name: 'StructuredOutputError',
          kind: 'refusal',
          text: "I can't help with that.",
        }),
      );
    });
  });

  it('fails for an answer cut off by length or the content filter, and for invalid JSON', async () => {
    const cut = await collect(answerChunks(['{"title":"Pan'], 'length'), partialObject(Recipe));
    expect(cut.out).toEqual([{ title: 'Pan' }]);
    expect(cut.error).toMatchObject({ kind: 'length', text: '{"title":"Pan' });
    const filtered = await collect(answerChunks(['{"ti'], 'content_filter'), finalObject(Recipe));
    expect(filtered.error).toMatchObject({ kind: 'content_filter' });
    const invalid = await collect(answerChunks(['{"title":"a"', ' oops}']), partialObject(Recipe));
    expect(invalid.out).toEqual([{ title: 'a' }]);
    expect(invalid.error).toBeInstanceOf(StructuredOutputError);
    expect(invalid.error).toMatchObject({ kind: 'invalid_json', text: '{"title":"a" oops}' });
    const empty = await collect(answerChunks([]), finalObject(Recipe));
    expect(empty.error).toMatchObject({ kind: 'invalid_json', text: '' });
  });

  it('fails with every zod issue for a schema failure, after the snapshots that were valid', async () => {
    const { out, error } = await collect(
      answerChunks(['{"title":"T",', '"kind":"bitter",', '"servings":"two","steps":[]}']),
      partialObject(Recipe),
    );
    expect(out).toEqual([{ title: 'T' }]);
    expect(error).toMatchObject({ kind: 'schema' });
    const paths = (error as StructuredOutputError).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['kind', 'servings']);
  });

  it('works with zod/mini schemas', async () => {
    const Mini = zm.object({ city: zm.string(), days: zm.array(zm.number()) });
    const { out, error } = await collect(
      answerChunks(['{"city":"Os', 'lo","days":[1,', '2]}']),
      partialObject(Mini),
    );
    expect(error).toBeUndefined();
    expect(out).toEqual([{ city: 'Os' }, { city: 'Oslo', days: [1] }, { city: 'Oslo', days: [1, 2] }]);
  });

  it('reads a tool run: the last step only, ending at finish (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const values = {
        a: chatRun(1, chunk({ content: 'Let me check.' })),
        b: chatRun(1, chunk({}, 'tool_calls')),
        c: chatRun(2, chunk({ content: '{"title":"A"' })),
        d: chatRun(2, chunk({ content: '}' })),
        e: chatFinish(),
      };
      const Title = z.object({ title: z.string() });
      expectObservable(cold('abcde|', values).pipe(partialObject(Title))).toBe('--c--|', {
        c: { title: 'A' },
      });
      expectObservable(cold('abcde|', values).pipe(finalObject(Title))).toBe('----e|', {
        e: { title: 'A' },
      });
    });
  });

  it('fails with kind max_steps when the run ran out of steps', async () => {
    const { error } = await collect(
      [chatRun(1, chunk({}, 'tool_calls')), chatFinish('max_steps')],
      finalObject(Recipe),
    );
    expect(error).toMatchObject({ kind: 'max_steps' });
  });

  it('errors on a malformed value instead of completing, and passes source errors through (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      expectObservable(cold('-a|', { a: { id: 'x' } as never }).pipe(partialObject(Recipe))).toBe(
        '-#',
        undefined,
        expect.any(TypeError),
      );
      const values = { a: chunk({ content: '{"title":"A"' }) };
      expectObservable(cold('a#', values).pipe(partialObject(Recipe))).toBe('a#', { a: { title: 'A' } });
    });
  });

  it('unsubscribes from the source when unsubscribed (marbles)', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c|', {
        a: chunk({ content: '{"title":"A' }),
        b: chunk({ content: 'B' }),
        c: chunk({}),
      });
      expectObservable(source.pipe(partialObject(Recipe)), '^--!').toBe('a-b', {
        a: { title: 'A' },
        b: { title: 'AB' },
      });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('follows a recursive schema 64 levels deep, and turns JSON nested too deep to validate into a typed error', async () => {
    type Node = { name: string; children: Node[] };
    const Tree: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(Tree);
      },
    });
    const open = (depth: number) => '{"name":"n","children":['.repeat(depth);
    const close = (depth: number) => ']}'.repeat(depth);
    const shallow = await collect(
      answerChunks([open(3), '{"name":"leaf","children":[]}', close(3)]),
      partialObject(Tree),
    );
    expect(shallow.error).toBeUndefined();
    expect(shallow.out.at(-1)).toEqual({
      name: 'n',
      children: [{ name: 'n', children: [{ name: 'n', children: [{ name: 'leaf', children: [] }] }] }],
    });
    // Far deeper than zod's recursion can validate: its call stack runs out near 2,000 levels.
    const deep = await collect(
      answerChunks([open(20_000), '{"name":"x","children":[]}', close(20_000)]),
      partialObject(Tree),
    );
    expect(deep.error).toBeInstanceOf(StructuredOutputError);
    expect(deep.error).toMatchObject({ kind: 'schema' });
    expect(deep.out.length).toBeGreaterThan(0);
  });

  it('throws a TypeError at call time for a value that is not a zod schema', () => {
    expect(() => partialObject({} as never)).toThrow(TypeError);
    expect(() => finalObject(null as never)).toThrow('finalObject: the schema must be a zod schema');
  });
});

describe('finalObject', () => {
  it('emits the validated, frozen value once at the end (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(answerChunks(['{"answer":', '"yes"}']));
      const Answer = z.object({ answer: z.enum(['yes', 'no']) });
      expectObservable(cold(diagram, values).pipe(finalObject(Answer))).toBe('----(a|)', {
        a: { answer: 'yes' },
      });
    });
  });
});

describe('elementStream', () => {
  it('emits each element of the array field when it closes, validated (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(
        answerChunks([
          '{"title":"T","steps":[{"text":"Mix","min',
          'utes":5},{"text":"Fry"',
          ',"minutes":10}',
          ']}',
        ]),
      );
      const Steps = z.object({
        title: z.string(),
        steps: z.array(z.object({ text: z.string(), minutes: z.number() })),
      });
      expectObservable(cold(diagram, values).pipe(elementStream(Steps, 'steps'))).toBe('--bc--|', {
        b: { text: 'Mix', minutes: 5 },
        c: { text: 'Fry', minutes: 10 },
      });
    });
  });

  it('emits a string element at its closing quote, and every element of an array that arrives whole', async () => {
    const Tags = z.object({ tags: z.array(z.string()), n: z.number() });
    const quoted = await collect(
      answerChunks(['{"tags":["a', '"', ',"b"', '],"n":1}']),
      elementStream(Tags, 'tags'),
    );
    expect(quoted).toEqual({ out: ['a', 'b'], error: undefined });
    const whole = await collect(answerChunks(['{"tags":["a","b","c"],"n":1}']), elementStream(Tags, 'tags'));
    expect(whole.out).toEqual(['a', 'b', 'c']);
  });

  it('stops at an invalid element and fails with the schema issues', async () => {
    const Numbers = z.object({ values: z.array(z.number().max(9)) });
    const { out, error } = await collect(
      answerChunks(['{"values":[1,', '20,3]}']),
      elementStream(Numbers, 'values'),
    );
    expect(out).toEqual([1]);
    expect(error).toMatchObject({ kind: 'schema' });
    expect((error as StructuredOutputError).issues[0]?.path).toEqual(['values', 1]);
  });

  it('throws a TypeError at call time for a key that is not an array field', () => {
    expect(() => elementStream(Recipe, 'title' as never)).toThrow(
      'elementStream: "title" must be the key of an array field of the object schema',
    );
  });
});

/**
 * Asserts that `partial` could grow into `final` without any shown value changing: every shown field
 * exists in `final` with the same value, except a string, which may be a prefix of its final text.
 */
function expectConsistent(partial: unknown, final: unknown): void {
  if (typeof partial === 'string' && typeof final === 'string') {
    expect(final.startsWith(partial)).toBe(true);
    return;
  }
  if (typeof partial !== 'object' || partial === null) {
    expect(partial).toBe(final);
    return;
  }
  expect(typeof final).toBe('object');
  expect(Array.isArray(partial)).toBe(Array.isArray(final));
  const keys = Object.keys(partial);
  if (Array.isArray(partial)) expect(partial.length).toBeLessThanOrEqual((final as unknown[]).length);
  for (const key of keys) {
    expect(Object.hasOwn(final as object, key)).toBe(true);
    expectConsistent((partial as Record<string, unknown>)[key], (final as Record<string, unknown>)[key]);
  }
}
