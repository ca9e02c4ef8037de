import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { contentOf, postChat, readEvents, sequenceText, startRig, type RelayRig } from './helpers.js';

const N = 16;
let rig: RelayRig;
beforeAll(async () => {
  rig = await startRig({}, { reply: { type: 'chat', text: sequenceText(N) }, chunkDelayMs: 2 });
});
afterAll(async () => {
  await rig.close();
});

describe('relay resume (property)', () => {
  it('delivers every chunk exactly once, in order, through any drops and reconnects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 6 }),
        fc.boolean(),
        async (drops, watchFromStart) => {
          const requestsBefore = rig.mock.requests.length;
          const abort = new AbortController();
          let response = await postChat(rig.url, {}, { signal: abort.signal });
          const id = response.headers.get('x-stream-id')!;
          const events = [];
          let lastEventId = '';
          for (const dropAfter of [...drops, undefined]) {
            const controller = new AbortController();
            const read = await readEvents(
              response,
              dropAfter === undefined ? {} : { dropAfter, abort: controller },
            );
            events.push(...read.events);
            if (read.lastEventId) lastEventId = read.lastEventId;
            if (!read.dropped) break;
            const headers: Record<string, string> = lastEventId ? { 'last-event-id': lastEventId } : {};
            response = await fetch(`${rig.url}/streams/${id}`, { headers });
          }
          expect(contentOf(events).join('')).toBe(sequenceText(N));
          expect(events.at(-1)?.data).toBe('[DONE]');
          const ids = events.slice(0, -1).map((event) => Number(event.id));
          expect(ids).toEqual(ids.map((_, i) => i + 1));
          if (watchFromStart) {
            const again = await readEvents(await fetch(`${rig.url}/streams/${id}`));
            expect(contentOf(again.events).join('')).toBe(sequenceText(N));
          }
          expect(rig.mock.requests.length).toBe(requestsBefore + 1); // never a new upstream request
          abort.abort();
        },
      ),
      { numRuns: 20 },
    );
  });
});
