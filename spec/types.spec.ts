// The overloads of create / retrieve / cancel, pinned at the type level (issue 10 item 10): checked by
// `npx tsc -p tsconfig.json --noEmit` (and by ts-jest). `Equal` fails to compile unless both types are the
// same; each `@ts-expect-error` fails to compile if the line below it stops being an error.
import { describe, expect, it } from '@jest/globals';
import type { Observable, ObservedValueOf } from 'rxjs';
import {
  createClient,
  toAsyncIterable,
  type ChatCompletion,
  type ChatCompletionChunk,
  type RequestObservable,
  type Response,
  type ResponseStreamEvent,
  type StreamEvent,
} from '../lib/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** A proof argument that is required (and impossible) unless the check holds. */
type Holds<Check> = Check extends true ? [] : [proof: never];
/** `emits<T>()(source$)` compiles only when `source$` emits exactly `T`. */
const emits =
  <Expected>() =>
  <O extends Observable<unknown>>(source: O, ..._proof: Holds<Equal<ObservedValueOf<O>, Expected>>) =>
    source;
/** `is<T>()(value)` compiles only when `value` is exactly of type `T`. */
const is =
  <Expected>() =>
  <V>(value: V, ..._proof: Holds<Equal<V, Expected>>) =>
    value;

const client = createClient({ apiKey: 'sk-types', baseURL: 'http://127.0.0.1:9/v1' });
const messages = [{ role: 'user' as const, content: 'Hi' }];
const chat = { model: 'gpt-4o', messages };
const ask = { model: 'gpt-4o', input: 'Hi' };

/** Every call below only builds a cold Observable: nothing is sent. Returns what must be rejected. */
function chatOverloads() {
  const chunks = emits<ChatCompletionChunk>()(client.chat.completions.create({ ...chat, stream: true }));
  is<RequestObservable<ChatCompletionChunk>>()(chunks);
  emits<ChatCompletion>()(client.chat.completions.create(chat));
  emits<ChatCompletion>()(client.chat.completions.create({ ...chat, stream: false }));
  emits<ChatCompletionChunk>()(
    client.chat.completions.create({ ...chat, stream: true }, { observe: 'body' }),
  );
  const chunkEvents = emits<StreamEvent<ChatCompletionChunk>>()(
    client.chat.completions.create({ ...chat, stream: true }, { observe: 'events' }),
  );
  emits<StreamEvent<ChatCompletion>>()(client.chat.completions.create(chat, { observe: 'events' }));
  const streamed = Math.random() > 2;
  emits<ChatCompletionChunk | ChatCompletion | StreamEvent<ChatCompletionChunk | ChatCompletion>>()(
    client.chat.completions.create({ ...chat, stream: streamed }),
  );

  // @ts-expect-error a stream emits chunks, not whole completions
  const notCompletions: Observable<ChatCompletion> = client.chat.completions.create({
    ...chat,
    stream: true,
  });
  // @ts-expect-error a non-streamed request emits one completion, not chunks
  const notChunks: Observable<ChatCompletionChunk> = client.chat.completions.create(chat);
  // @ts-expect-error observe: 'events' wraps payloads in events
  const notBare: Observable<ChatCompletionChunk> = chunkEvents;
  return [
    notCompletions,
    notChunks,
    notBare,
    // @ts-expect-error observe takes 'body' or 'events'
    () => client.chat.completions.create({ ...chat, stream: true }, { observe: 'response' }),
    // @ts-expect-error model is required
    () => client.chat.completions.create({ messages, stream: true }),
  ];
}

function responsesOverloads() {
  emits<ResponseStreamEvent>()(client.responses.create({ ...ask, stream: true }));
  emits<Response>()(client.responses.create(ask));
  emits<StreamEvent<ResponseStreamEvent>>()(
    client.responses.create({ ...ask, stream: true }, { observe: 'events' }),
  );
  emits<StreamEvent<Response>>()(client.responses.create(ask, { observe: 'events' }));
  emits<ResponseStreamEvent>()(
    client.responses.create({ ...ask, stream: true, background: true }, { resume: { maxAttempts: 3 } }),
  );
  emits<Response>()(client.responses.retrieve('resp_1'));
  emits<ResponseStreamEvent>()(client.responses.retrieve('resp_1', { stream: true, starting_after: 3 }));
  emits<StreamEvent<ResponseStreamEvent>>()(
    client.responses.retrieve('resp_1', { stream: true }, { observe: 'events' }),
  );
  emits<StreamEvent<Response>>()(client.responses.retrieve('resp_1', {}, { observe: 'events' }));
  emits<Response>()(client.responses.cancel('resp_1'));

  // @ts-expect-error a stream emits events, not the response
  const notResponse: Observable<Response> = client.responses.create({ ...ask, stream: true });
  // @ts-expect-error retrieve without stream emits the response, not events
  const notEvents: Observable<ResponseStreamEvent> = client.responses.retrieve('resp_1');
  return [
    notResponse,
    notEvents,
    // @ts-expect-error resume takes a boolean or { maxAttempts, backoff }
    () => client.responses.create({ ...ask, stream: true }, { resume: 'yes' }),
  ];
}

/** `for await` on a request Observable and on toAsyncIterable yields the payload type (never run). */
async function iteration() {
  for await (const chunk of client.chat.completions.create({ ...chat, stream: true })) {
    is<ChatCompletionChunk>()(chunk);
  }
  const events$: Observable<ResponseStreamEvent> = client.responses.create({ ...ask, stream: true });
  for await (const event of toAsyncIterable(events$)) is<ResponseStreamEvent>()(event);
}

describe('types of create, retrieve and cancel (checked by tsc)', () => {
  it('builds every overload without sending anything; what the types reject throws at run time too', () => {
    const chatRejected = chatOverloads();
    const responsesRejected = responsesOverloads();
    for (const call of [...chatRejected.slice(3), ...responsesRejected.slice(2)]) {
      expect(call).toThrow(TypeError);
    }
    expect(typeof iteration).toBe('function');
  });
});
