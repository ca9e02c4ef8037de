import { afterEach, describe, expect, it } from '@jest/globals';
import { lastValueFrom } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { AuthenticationError, RateLimitError } from '../../lib/errors/index.js';
import type { MockReply, RecordedRequest } from '../../lib/testing/index.js';
import { createMemoryStreamStore } from '../../lib/server/index.js';
import {
  MESSAGES,
  SERVER_KEY,
  contentOf,
  postChat,
  readEvents,
  sequenceText,
  startRig,
  type RelayRig,
} from './helpers.js';

let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const N = 12;
const slowReply = { reply: { type: 'chat' as const, text: sequenceText(N) }, chunkDelayMs: 15 };

async function reconnect(url: string, id: string, lastEventId?: string, init: RequestInit = {}) {
  const headers: Record<string, string> = lastEventId ? { 'last-event-id': lastEventId } : {};
  return fetch(`${url}/streams/${id}`, { headers, ...init });
}

describe('relay resume protocol (plain fetch)', () => {
  it('resumes a dropped connection from Last-Event-ID: every chunk once, no new upstream request', async () => {
    rig = await startRig({}, slowReply);
    const abort = new AbortController();
    const first = await postChat(rig.url, {}, { signal: abort.signal });
    const id = first.headers.get('x-stream-id')!;
    const before = await readEvents(first, { dropAfter: 4, abort });
    const after = await readEvents(await reconnect(rig.url, id, before.lastEventId));
    expect(after.events.at(-1)?.data).toBe('[DONE]');
    const text = [...contentOf(before.events), ...contentOf(after.events)].join('');
    expect(text).toBe(sequenceText(N));
    expect(rig.mock.requests).toHaveLength(1);
    expect((await rig.mock.requests[0]!.closed).abortedByClient).toBe(false);
  });

  it('fans one generation out to several watchers, each from the start', async () => {
    rig = await startRig({}, slowReply);
    const first = await postChat(rig.url);
    const id = first.headers.get('x-stream-id')!;
    const [a, b] = await Promise.all([readEvents(first), readEvents(await reconnect(rig.url, id))]);
    expect(contentOf(a.events).join('')).toBe(sequenceText(N));
    expect(contentOf(b.events).join('')).toBe(sequenceText(N));
    expect(rig.mock.requests).toHaveLength(1);
  });

  it('keeps generating while nobody watches, up to detachTimeout, then aborts the upstream', async () => {
    rig = await startRig(
      { detachTimeout: 60 },
      { reply: { type: 'chat', text: sequenceText(200) }, chunkDelayMs: 10 },
    );
    const abort = new AbortController();
    const first = await postChat(rig.url, {}, { signal: abort.signal });
    await readEvents(first, { dropAfter: 2, abort });
    const upstream = rig.mock.requests[0]!;
    expect(await upstream.closed).toEqual({ abortedByClient: true });
    const id = first.headers.get('x-stream-id')!;
    const rest = await readEvents(await reconnect(rig.url, id, '2'));
    const last = JSON.parse(rest.events.at(-1)!.data) as { error: { code: string } };
    expect(last.error.code).toBe('stream_abandoned');
  });

  it("with onDisconnect: 'abort', a closed connection aborts the upstream at once", async () => {
    rig = await startRig(
      { onDisconnect: 'abort', detachTimeout: 60_000 },
      { reply: { type: 'chat', text: sequenceText(500) }, chunkDelayMs: 10 },
    );
    const abort = new AbortController();
    await readEvents(await postChat(rig.url, {}, { signal: abort.signal }), { dropAfter: 1, abort });
    expect(await rig.mock.requests[0]!.closed).toEqual({ abortedByClient: true });
  });

  it('a cancel (DELETE) stops the upstream at once and ends every watcher with stream_cancelled', async () => {
    rig = await startRig(
      { detachTimeout: 60_000 },
      { reply: { type: 'chat', text: sequenceText(500) }, chunkDelayMs: 10 },
    );
    const first = await postChat(rig.url);
    const id = first.headers.get('x-stream-id')!;
    const watching = readEvents(first);
    const cancel = await fetch(`${rig.url}/streams/${id}`, { method: 'DELETE' });
    expect(cancel.status).toBe(204);
    expect(await rig.mock.requests[0]!.closed).toEqual({ abortedByClient: true });
    const { events } = await watching;
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ error: { code: 'stream_cancelled' } });
    expect((await fetch(`${rig.url}/streams/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('a browser client that unsubscribes aborts the upstream (with onDisconnect: abort)', async () => {
    rig = await startRig(
      { onDisconnect: 'abort' },
      { reply: { type: 'chat', text: sequenceText(500) }, chunkDelayMs: 10 },
    );
    const client = createClient({ baseURL: rig.url, maxRetries: 0 });
    await new Promise<void>((resolve) => {
      const subscription = client.chat.completions
        .create({ model: 'gpt-mock', messages: MESSAGES, stream: true })
        .subscribe(() => {
          subscription.unsubscribe();
          resolve();
        });
    });
    expect(await rig.mock.requests[0]!.closed).toEqual({ abortedByClient: true });
  });

  it('a browser that leaves before the upstream answered aborts it, whatever onDisconnect says', async () => {
    rig = await startRig({}, { reply: () => new Promise(() => {}) }); // the upstream never answers
    const abort = new AbortController();
    const pending = postChat(rig.url, {}, { signal: abort.signal }).catch(() => undefined);
    await rig.mock.waitForRequests(1);
    abort.abort();
    await pending;
    expect(await rig.mock.requests[0]!.closed).toEqual({ abortedByClient: true });
  });

  it('ends a generation that overflows the memory store with stream_store_full and aborts its upstream', async () => {
    rig = await startRig(
      { store: createMemoryStreamStore({ maxBytes: 4000 }) },
      { reply: { type: 'chat', text: sequenceText(500) }, chunkDelayMs: 2 },
    );
    const { events } = await readEvents(await postChat(rig.url));
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({
      type: 'error',
      error: { code: 'stream_store_full' },
    });
    expect(await rig.mock.requests[0]!.closed).toEqual({ abortedByClient: true });
  });

  it('answers 404 stream_not_found for an unknown id and 400 for a bad Last-Event-ID', async () => {
    rig = await startRig();
    const missing = await reconnect(rig.url, 'no-such-stream');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'stream_not_found' } });
    const first = await postChat(rig.url);
    await readEvents(first);
    const bad = await reconnect(rig.url, first.headers.get('x-stream-id')!, 'abc');
    expect(bad.status).toBe(400);
  });

  it('bounds upstream streams: 429 with retry-after when busy and whenBusy is reject', async () => {
    rig = await startRig(
      { maxConcurrentStreams: 1, whenBusy: 'reject' },
      { reply: { type: 'chat', text: sequenceText(30) }, chunkDelayMs: 10 },
    );
    const first = await postChat(rig.url);
    const client = createClient({ baseURL: rig.url, maxRetries: 0 });
    const error = await lastValueFrom(
      client.chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get('retry-after')).toBe('1');
    await readEvents(first);
    expect(rig.mock.requests).toHaveLength(1);
  });

  it('queues streams past maxConcurrentStreams by default, one upstream at a time', async () => {
    let active = 0;
    let most = 0;
    const reply = (request: RecordedRequest): MockReply => {
      most = Math.max(most, ++active);
      void request.closed.then(() => active--);
      return { type: 'chat', text: sequenceText(5) };
    };
    rig = await startRig({ maxConcurrentStreams: 1 }, { reply, chunkDelayMs: 5 });
    const results = await Promise.all([1, 2, 3].map(async () => readEvents(await postChat(rig!.url))));
    for (const result of results) expect(contentOf(result.events).join('')).toBe(sequenceText(5));
    expect(rig.mock.requests).toHaveLength(3);
    expect(most).toBe(1);
  });

  it('asks authorize for every route: 401 AuthenticationError when it says no', async () => {
    rig = await startRig({ authorize: (request) => request.headers.get('authorization') === 'Bearer app' });
    const denied = createClient({ baseURL: rig.url, apiKey: 'wrong', maxRetries: 0 });
    const error = await lastValueFrom(
      denied.chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((await fetch(`${rig.url}/streams/x`)).status).toBe(401);
    const allowed = createClient({ baseURL: rig.url, apiKey: 'app', maxRetries: 0 });
    await lastValueFrom(
      allowed.chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true }),
    );
    expect(rig.mock.requests[0]?.headers['authorization']).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('relays Responses streams with the same events, and resumes them', async () => {
    rig = await startRig({}, { chunkDelayMs: 5 });
    rig.mock.enqueue({ type: 'responses', text: sequenceText(N) });
    const abort = new AbortController();
    const first = await fetch(`${rig.url}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-mock', input: 'Count.', stream: true }),
      signal: abort.signal,
    });
    const id = first.headers.get('x-stream-id')!;
    const before = await readEvents(first, { dropAfter: 3, abort });
    const after = await readEvents(await reconnect(rig.url, id, before.lastEventId));
    const types = [...before.events, ...after.events].map((e) =>
      e.data.startsWith('{') ? JSON.parse(e.data).type : e.data,
    );
    expect(types[0]).toBe('response.created');
    expect(types.at(-2)).toBe('response.completed');
    const ids = [...before.events, ...after.events].slice(0, -1).map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });
});
