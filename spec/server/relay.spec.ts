import { afterEach, describe, expect, it } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { textDeltas } from '../../lib/chat/operators/index.js';
import {
  RateLimitError,
  BadRequestError,
  APIStreamError,
  ResponseFailedError,
  ResponseStreamError,
} from '../../lib/errors/index.js';
import { responseTextDeltas } from '../../lib/responses/index.js';
import { RelayError } from '../../lib/server/index.js';
import { SERVER_KEY, MESSAGES, contentOf, postChat, readEvents, startRig, type RelayRig } from './helpers.js';

let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const browser = (url: string) => createClient({ baseURL: url, maxRetries: 0 });

describe('createRelay: a browser client through the relay', () => {
  it('streams the same chunks as the upstream, with the key kept on the server', async () => {
    rig = await startRig({}, { reply: { type: 'chat', text: 'Hello there, relay.' } });
    const text = await lastValueFrom(
      browser(rig.url)
        .chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true })
        .pipe(textDeltas(), toArray()),
    );
    expect(text.join('')).toBe('Hello there, relay.');
    const [upstream] = rig.mock.requests;
    expect(upstream?.headers['authorization']).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('answers non-streamed completions as JSON', async () => {
    rig = await startRig({}, { reply: { type: 'chat', text: 'Whole.' } });
    const completion = await lastValueFrom(
      browser(rig.url).chat.completions.create({ model: 'gpt-mock', messages: MESSAGES }),
    );
    expect(completion.choices[0]?.message.content).toBe('Whole.');
  });

  it('sends an id per event, x-stream-id, and [DONE]', async () => {
    rig = await startRig({}, { reply: { type: 'chat', text: 'a b c' } });
    const response = await postChat(rig.url);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-stream-id')).toMatch(/^[\w-]+$/);
    const { events } = await readEvents(response);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const ids = events.slice(0, -1).map((event) => event.id);
    expect(ids).toEqual(ids.map((_, i) => String(i + 1)));
    expect(contentOf(events).join('')).toBe('a b c');
  });

  it('passes an upstream 429 as a RateLimitError with retry-after, without the key', async () => {
    rig = await startRig();
    rig.mock.enqueue({
      type: 'status',
      status: 429,
      headers: { 'retry-after': '7' },
      error: { message: `Slow down ${SERVER_KEY}`, code: 'rate_limit_exceeded', type: 'requests' },
    });
    const error = await lastValueFrom(
      browser(rig.url).chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).code).toBe('rate_limit_exceeded');
    expect((error as RateLimitError).headers.get('retry-after')).toBe('7');
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(SERVER_KEY);
  });

  it('turns a mid-stream error frame into the same APIStreamError after the chunks before it', async () => {
    rig = await startRig();
    rig.mock.enqueue({
      type: 'chat',
      text: 'one two three four',
      errorAfter: { chunks: 2, error: { message: 'Model overloaded', type: 'overloaded', code: 'busy' } },
    });
    const seen: string[] = [];
    const error = await new Promise((resolve) =>
      browser(rig!.url)
        .chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true })
        .pipe(textDeltas())
        .subscribe({ next: (text) => seen.push(text), error: resolve, complete: () => resolve(undefined) }),
    );
    expect(seen.join('')).toBe('one'); // the role chunk, then one content chunk, then the error frame
    expect(error).toBeInstanceOf(APIStreamError);
    expect((error as APIStreamError).code).toBe('busy');
    expect((error as APIStreamError).message).toContain('Model overloaded');
  });

  it('relays Responses streams: the same events and a ResponseFailedError from response.failed', async () => {
    rig = await startRig();
    rig.mock.enqueue(
      { type: 'responses', text: 'Hi there.' },
      { type: 'responses', text: 'Half', failed: { code: 'server_error', message: 'Upstream broke.' } },
      { type: 'responses', text: 'Half', errorEvent: { code: 'rate_limit_exceeded', message: 'Later.' } },
    );
    const client = browser(rig.url);
    const text = await lastValueFrom(
      client.responses
        .create({ model: 'gpt-mock', input: 'Hi', stream: true })
        .pipe(responseTextDeltas(), toArray()),
    );
    expect(text.join('')).toBe('Hi there.');
    const error = await lastValueFrom(
      client.responses.create({ model: 'gpt-mock', input: 'Hi', stream: true }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseFailedError);
    const streamError = await lastValueFrom(
      client.responses.create({ model: 'gpt-mock', input: 'Hi', stream: true }),
    ).catch((caught: unknown) => caught);
    expect(streamError).toBeInstanceOf(ResponseStreamError);
    expect((streamError as ResponseStreamError).code).toBe('rate_limit_exceeded');
  });

  it('lets policy refuse with a typed error and rewrite params', async () => {
    rig = await startRig({
      policy: (call) => {
        if (call.params.model !== 'gpt-mock') {
          throw new RelayError(400, 'Model not allowed.', { code: 'model_not_allowed', param: 'model' });
        }
        return { ...call.params, max_tokens: 5 };
      },
    });
    const error = await lastValueFrom(
      browser(rig.url).chat.completions.create({ model: 'gpt-5', messages: MESSAGES, stream: true }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('model');
    await lastValueFrom(
      browser(rig.url).chat.completions.create({ model: 'gpt-mock', messages: MESSAGES, stream: true }),
    );
    expect((rig.mock.requests[0]?.body as { max_tokens?: number }).max_tokens).toBe(5);
  });
});
