import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_STORY, startMockServer, type MockServer } from '../../lib/testing/index.js';
import { jsonFrames, post, readBody, splitFrames, type Json } from './read-body.js';

const request = { model: 'gpt-4.1', input: 'Tell me a story', stream: true };

describe('mock Responses API', () => {
  let mock: MockServer;
  const stream = async (body: Json = request): Promise<Json[]> =>
    jsonFrames((await readBody(await post(`${mock.url}/responses`, body))).text);
  const types = (events: Json[]): string[] => events.map((event) => event.type as string);
  beforeEach(async () => {
    mock = await startMockServer();
  });
  afterEach(async () => {
    await mock.close();
  });

  it('streams the default story as numbered response.* events', async () => {
    const events = await stream();
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    const names = types(events);
    expect(names.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(names.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const text = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join('');
    expect(text).toBe(DEFAULT_STORY);
    const done = events[events.length - 1]!.response;
    expect(done).toMatchObject({ object: 'response', status: 'completed', model: 'gpt-4.1' });
    expect(done.id).toMatch(/^resp_/);
    expect(done.output[0].content[0].text).toBe(DEFAULT_STORY);
    expect(done.usage.total_tokens).toBe(done.usage.input_tokens + done.usage.output_tokens);
  });

  it('adds event: lines when eventLines is set', async () => {
    mock.enqueue({ type: 'responses', text: 'Hi', eventLines: true });
    const frames = splitFrames((await readBody(await post(`${mock.url}/responses`, request))).text);
    expect(frames.every((frame) => frame.event === (JSON.parse(frame.data) as Json).type)).toBe(true);
  });

  it('streams function calls and reasoning summaries', async () => {
    mock.enqueue({
      type: 'responses',
      reasoning: 'Need the weather.',
      functionCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_9' }],
    });
    const events = await stream();
    const summary = events
      .filter((e) => e.type === 'response.reasoning_summary_text.delta')
      .map((e) => e.delta);
    expect(summary.join('')).toBe('Need the weather.');
    const args = events
      .filter((e) => e.type === 'response.function_call_arguments.delta')
      .map((e) => e.delta);
    expect(args.join('')).toBe('{"city":"Paris"}');
    const added = events.filter((e) => e.type === 'response.output_item.added').map((e) => e.item);
    expect(added.map((item) => item.type)).toEqual(['reasoning', 'function_call']);
    expect(added[1]).toMatchObject({ name: 'get_weather', call_id: 'call_9', arguments: '' });
    const final = events[events.length - 1]!.response;
    expect(final.output[1]).toMatchObject({
      type: 'function_call',
      status: 'completed',
      arguments: '{"city":"Paris"}',
    });
  });

  it('reports an error event then response.failed, failed alone, or incomplete', async () => {
    mock.enqueue(
      { type: 'responses', errorEvent: { message: 'Boom', code: 'server_error', afterEvents: 1 } },
      { type: 'responses', failed: { message: 'Nope' } },
      { type: 'responses', text: 'cut', incomplete: true },
    );
    const errored = await stream();
    expect(types(errored)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'error',
      'response.failed',
    ]);
    expect(errored[3]).toMatchObject({ code: 'server_error', message: 'Boom', sequence_number: 3 });
    const failed = await stream();
    expect(failed[failed.length - 1]!.response).toMatchObject({
      status: 'failed',
      error: { message: 'Nope' },
    });
    expect(types(failed)).not.toContain('error');
    const incomplete = await stream();
    expect(incomplete[incomplete.length - 1]).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
  });

  it('answers the response object without stream, and queued for background', async () => {
    mock.enqueue(
      { type: 'responses', text: 'Hello' },
      { type: 'responses', text: 'Later', background: true },
    );
    const plain = (await (await post(`${mock.url}/responses`, { ...request, stream: false })).json()) as Json;
    expect(plain).toMatchObject({ object: 'response', status: 'completed', background: false });
    expect(plain.output[0].content[0].text).toBe('Hello');
    const queued = (await (
      await post(`${mock.url}/responses`, { ...request, stream: false })
    ).json()) as Json;
    expect(queued).toMatchObject({ status: 'queued', background: true, output: [] });
    const later = (await (await fetch(`${mock.url}/responses/${queued.id}`)).json()) as Json;
    expect(later.status).toBe('completed');
    const cancelled = (await (
      await fetch(`${mock.url}/responses/${queued.id}/cancel`, { method: 'POST' })
    ).json()) as Json;
    expect(cancelled.status).toBe('cancelled');
  });

  it('resumes a dropped stream with GET ?stream=true&starting_after=N', async () => {
    mock.enqueue({ type: 'responses', text: 'a b c d e f', fault: { kind: 'drop-after-chunks', chunks: 5 } });
    const first = await readBody(await post(`${mock.url}/responses`, request));
    expect(first.error).toBeDefined();
    const seen = jsonFrames(first.text);
    expect(seen).toHaveLength(5);
    const id = seen[0]!.response.id as string;
    const last = seen[seen.length - 1]!.sequence_number as number;
    const resumed = await readBody(
      await fetch(`${mock.url}/responses/${id}?stream=true&starting_after=${last}`),
    );
    expect(resumed.error).toBeUndefined();
    const rest = jsonFrames(resumed.text);
    expect(rest[0]!.sequence_number).toBe(last + 1);
    const all = [...seen, ...rest];
    expect(all.map((e) => e.sequence_number)).toEqual(all.map((_, i) => i));
    expect(
      all
        .filter((e) => e.type === 'response.output_text.delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('a b c d e f');
    const retrieved = (await (await fetch(`${mock.url}/responses/${id}`)).json()) as Json;
    expect(retrieved).toMatchObject({ id, status: 'completed' });
    expect(mock.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET']);
  });

  it('applies the fault on resume only with faultOnResume, and 404s unknown ids', async () => {
    mock.enqueue({
      type: 'responses',
      id: 'resp_x',
      fault: { kind: 'drop-after-chunks', chunks: 2 },
      faultOnResume: true,
    });
    await readBody(await post(`${mock.url}/responses`, request));
    const resumed = await readBody(await fetch(`${mock.url}/responses/resp_x?stream=true&starting_after=1`));
    expect(jsonFrames(resumed.text).map((e) => e.sequence_number)).toEqual([2, 3]);
    expect(resumed.error).toBeDefined();
    const missing = await fetch(`${mock.url}/responses/resp_nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Json).error.message).toMatch(/resp_nope/);
  });

  it('turns a chat reply into the equivalent responses reply on /responses', async () => {
    mock.enqueue({ type: 'chat', text: 'from chat' });
    const events = await stream();
    expect(events[events.length - 1]!.response.output[0].content[0].text).toBe('from chat');
  });
});
