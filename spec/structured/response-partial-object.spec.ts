import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  responseElementStream,
  responseFinalObject,
  responsePartialObject,
} from '../../lib/structured/response-partial-object.js';
import { answerEvents, event, refusalEvent, responseFinish, responseRun } from './fixtures.js';
import { collect, marbles, sequence } from './helpers.js';

const Recipe = z.object({ title: z.string(), steps: z.array(z.string()) });

describe('responsePartialObject', () => {
  it('emits snapshots from output_text deltas, ignoring other events (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(answerEvents(['{"title":"Pan', 'cakes","steps":["Mix', '"]}']));
      expect(diagram).toBe('abcde|');
      expectObservable(cold(diagram, values).pipe(responsePartialObject(Recipe))).toBe('-bc--|', {
        b: { title: 'Pan' },
        c: { title: 'Pancakes', steps: ['Mix'] },
      });
    });
  });

  it('fails with StructuredOutputError for a refusal, an incomplete response and invalid JSON', async () => {
    const [created, ...rest] = answerEvents(['{"title":"X"']);
    const refused = await collect([created!, refusalEvent('No.'), ...rest], responseFinalObject(Recipe));
    expect(refused.error).toMatchObject({ kind: 'refusal', text: 'No.' });
    const cut = await collect(
      answerEvents(['{"title":"Pan'], 'max_output_tokens'),
      responsePartialObject(Recipe),
    );
    expect(cut.out).toEqual([{ title: 'Pan' }]);
    expect(cut.error).toMatchObject({ kind: 'length' });
    const filtered = await collect(answerEvents(['{'], 'content_filter'), responseFinalObject(Recipe));
    expect(filtered.error).toMatchObject({ kind: 'content_filter' });
    const invalid = await collect(answerEvents(['{"title":]']), responseFinalObject(Recipe));
    expect(invalid.error).toMatchObject({ kind: 'invalid_json', text: '{"title":]' });
  });

  it('reads a Responses tool run: the last step, ending at finish (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
      const values = {
        a: responseRun(1, event({ type: 'response.output_text.delta', ...at, delta: 'Checking.' })),
        b: responseRun(
          2,
          event({ type: 'response.output_text.delta', ...at, delta: '{"title":"A","steps":[]}' }),
        ),
        c: responseFinish(),
      };
      expectObservable(cold('abc|', values).pipe(responseFinalObject(Recipe))).toBe('--c|', {
        c: { title: 'A', steps: [] },
      });
      expectObservable(
        cold('ac|', { a: values.a, c: responseFinish('max_steps') }).pipe(responseFinalObject(Recipe)),
      ).toBe('-#', undefined, expect.objectContaining({ kind: 'max_steps' }));
    });
  });
});

describe('responseElementStream', () => {
  it('emits each element of the array field as it closes (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(answerEvents(['{"title":"T","steps":["Mix', '","Fry', '"]}']));
      expectObservable(cold(diagram, values).pipe(responseElementStream(Recipe, 'steps'))).toBe('--bc-|', {
        b: 'Mix',
        c: 'Fry',
      });
    });
  });
});
