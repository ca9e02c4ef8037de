import { describe, it } from '@jest/globals';
import { responseTextDeltas } from '../../../lib/responses/index.js';
import { expectMalformedToError, marbles, sequence } from '../../chat/operators/helpers.js';
import { textEvents } from '../fixtures.js';

describe('responseTextDeltas', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(responseTextDeltas(), null);
  });

  it('emits the output_text deltas (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(textEvents);
      expectObservable(cold(diagram, values).pipe(responseTextDeltas())).toBe('----ef---|', {
        e: 'Hel',
        f: 'lo',
      });
    });
  });

  it('propagates errors (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(textEvents);
      expectObservable(cold('abcde#', values).pipe(responseTextDeltas())).toBe('----e#', { e: 'Hel' });
    });
  });
});
