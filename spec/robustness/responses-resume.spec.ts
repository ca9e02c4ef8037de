// A background Responses stream skips only what a resume replays (issue 11 item 4): a server whose
// sequence_number never increases on the first connection loses nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { responseTextDeltas } from '../../lib/responses/index.js';
import type { ResponseStreamEvent } from '../../lib/responses/index.js';
import type { MockReply } from '../../lib/testing/index.js';
import { record } from '../faults/helpers.js';
import { setup } from '../http/helpers.js';
import { startLoopback } from './loopback.js';
import { textEvents } from '../responses/fixtures.js';

const frames = (events: readonly unknown[]) => events.map((event) => `data: ${JSON.stringify(event)}\n\n`);
const withSequence = (sequence: (index: number) => number) =>
  textEvents.map((event, index) => ({ ...event, sequence_number: sequence(index) }));
const stream = (events: readonly unknown[], extra: Partial<Extract<MockReply, { type: 'raw' }>> = {}) =>
  ({ type: 'raw', chunks: frames(events), ...extra }) as MockReply;
const BACKGROUND = { model: 'gpt-4o', input: 'Hi', stream: true, background: true } as const;

let env: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  env = await setup({}, { maxRetries: 0 });
});
afterAll(async () => {
  await env.mock.close();
});

describe('11.4 background Responses streams skip only replayed events', () => {
  it('11.4 every sequence_number 0 on the first connection: all events delivered, full text', async () => {
    env.mock.enqueue(stream(withSequence(() => 0)));
    const outcome = await record<ResponseStreamEvent>(env.client.responses.create(BACKGROUND));
    expect(outcome.completed).toBe(true);
    expect(outcome.values.map((event) => event.type)).toEqual(textEvents.map((event) => event.type));
    env.mock.enqueue(stream(withSequence(() => 0)));
    const text = await lastValueFrom(
      env.client.responses.create(BACKGROUND).pipe(responseTextDeltas(), toArray()),
    );
    expect(text.join('')).toBe('Hello');
  });

  it('11.4 decreasing sequence numbers on the first connection are delivered too', async () => {
    env.mock.enqueue(stream(withSequence((index) => 100 - index)));
    const outcome = await record<ResponseStreamEvent>(env.client.responses.create(BACKGROUND));
    expect(outcome.completed).toBe(true);
    expect(outcome.values).toHaveLength(textEvents.length);
  });

  it('11.4 the first connection of retrieve(id, { stream: true }) delivers everything too', async () => {
    const server = await startLoopback((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(frames(withSequence(() => 0)).join(''));
    });
    try {
      const client = createClient({ apiKey: 'sk-test', baseURL: `${server.origin}/v1`, maxRetries: 0 });
      const outcome = await record<ResponseStreamEvent>(
        client.responses.retrieve('resp_1', { stream: true }),
      );
      expect(outcome.completed).toBe(true);
      expect(outcome.values).toHaveLength(textEvents.length);
    } finally {
      await server.close();
    }
  });

  it('11.4 a resume still skips the events it replays, and delivers what follows once', async () => {
    const events = withSequence((index) => index);
    // The first connection drops after sequence 0..4; the resume replays from 2 on (2..4 are duplicates).
    const server = await startLoopback((request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (request.method === 'POST') {
        res.write(frames(events.slice(0, 5)).join(''), () => res.destroy());
      } else {
        res.end(frames(events.slice(2)).join(''));
      }
    });
    try {
      const client = createClient({ apiKey: 'sk-test', baseURL: `${server.origin}/v1`, maxRetries: 0 });
      const outcome = await record<ResponseStreamEvent>(
        client.responses.create(BACKGROUND, { resume: { backoff: 0 } }),
      );
      expect(outcome.completed).toBe(true);
      expect(outcome.values.map((event) => event.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
        'POST /v1/responses',
        'GET /v1/responses/resp_1?stream=true&starting_after=4',
      ]);
    } finally {
      await server.close();
    }
  });
});
