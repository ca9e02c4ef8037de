// Keys such as __proto__, constructor and prototype in chunks and in tool-call arguments cannot pollute
// prototypes, through the client, the accumulation operators and the partial-JSON parser.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import { createClient, type OpenAIClient } from '../../lib/client.js';
import {
  accumulateChatCompletion,
  finalChatCompletion,
} from '../../lib/chat/operators/accumulate-chat-completion.js';
import { createPartialJSONParser, parsePartialJSON } from '../../lib/json/partial-json.js';
import { toolCallDeltas } from '../../lib/chat/operators/tool-call-deltas.js';
import { toolCalls } from '../../lib/chat/operators/tool-calls.js';
import { startMockServer, type MockServer } from '../../lib/testing/index.js';
import { PARAMS, SECRET } from '../faults/helpers.js';

const HOSTILE =
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}';
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** A chunk frame with hostile keys at the top, in the choice, in the delta and in a tool call. */
function hostileFrame(content: string, finish: string | null = null): string {
  const poison = `"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}`;
  return (
    `data: {${poison},"id":"c","object":"chat.completion.chunk","created":1,"model":"m",` +
    `"choices":[{${poison},"index":0,"delta":{${poison},"content":${JSON.stringify(content)}},"finish_reason":${JSON.stringify(finish)}}]}\n\n`
  );
}

function toolFrame(args: string, first: boolean): string {
  const poison = `"__proto__":{"polluted":true}`;
  const head = first ? `"id":"call_1","type":"function",` : '';
  const fn = first
    ? `{${poison},"name":"get_weather","arguments":${JSON.stringify(args)}}`
    : `{"arguments":${JSON.stringify(args)}}`;
  return `data: {"choices":[{"index":0,"delta":{"tool_calls":[{${poison},"index":0,${head}"function":${fn}}]},"finish_reason":null}]}\n\n`;
}

function expectNoPollution(): void {
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect((Object.create(null) as { polluted?: unknown }).polluted).toBeUndefined();
  expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(Object.prototype.constructor).toBe(Object);
}

/** True when `value` or any object below it has a prototype other than Object.prototype, Array.prototype or null. */
function hasOddPrototype(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 12) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return true;
  return Object.values(value).some((inner) => hasOddPrototype(inner, depth + 1));
}

describe('prototype pollution', () => {
  let mock: MockServer;
  let client: OpenAIClient;
  beforeAll(async () => {
    mock = await startMockServer();
    client = createClient({ apiKey: SECRET, baseURL: mock.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await mock.close();
  });
  afterEach(() => {
    expectNoPollution();
  });

  const hostileStream = () => ({
    type: 'raw' as const,
    chunks: [hostileFrame('Hello'), hostileFrame(' world'), hostileFrame('', 'stop'), 'data: [DONE]\n\n'],
  });

  it('chunks with __proto__ / constructor / prototype at several depths', async () => {
    mock.enqueue(hostileStream());
    const chunks = await lastValueFrom(client.chat.completions.create(PARAMS).pipe(toArray()));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual(['Hello', ' world', '']);
    for (const chunk of chunks) {
      expect((chunk as { polluted?: unknown }).polluted).toBeUndefined();
      expect((chunk.choices[0] as { polluted?: unknown }).polluted).toBeUndefined();
      expect((chunk.choices[0]?.delta as { polluted?: unknown }).polluted).toBeUndefined();
      expect(hasOddPrototype(chunk)).toBe(false);
    }
  });

  it('accumulateChatCompletion / finalChatCompletion over hostile chunks', async () => {
    mock.enqueue(hostileStream());
    const snapshots = await lastValueFrom(
      client.chat.completions.create(PARAMS).pipe(accumulateChatCompletion(), toArray()),
    );
    const last = snapshots.at(-1);
    expect(last?.choices[0]?.message.content).toBe('Hello world');
    expect((last as { polluted?: unknown }).polluted).toBeUndefined();
    expect(hasOddPrototype(last)).toBe(false);
    mock.enqueue(hostileStream());
    const final = await lastValueFrom(client.chat.completions.create(PARAMS).pipe(finalChatCompletion()));
    expect(hasOddPrototype(final)).toBe(false);
  });

  const toolStream = () => {
    const pieces = [HOSTILE.slice(0, 10), HOSTILE.slice(10, 40), HOSTILE.slice(40, 77), HOSTILE.slice(77)];
    return {
      type: 'raw' as const,
      chunks: [
        ...pieces.map((piece, i) => toolFrame(piece, i === 0)),
        'data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\n',
        'data: [DONE]\n\n',
      ],
    };
  };

  it('tool-call arguments with hostile keys through toolCalls()', async () => {
    mock.enqueue(toolStream());
    const calls = await lastValueFrom(client.chat.completions.create(PARAMS).pipe(toolCalls(), toArray()));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.arguments).toBe(HOSTILE);
    const parsed = calls[0]?.parsed as Record<string, unknown>;
    expect((parsed as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('tool-call arguments with hostile keys through toolCallDeltas() (partial JSON)', async () => {
    mock.enqueue(toolStream());
    const deltas = await lastValueFrom(
      client.chat.completions.create(PARAMS).pipe(toolCallDeltas(), toArray()),
    );
    expect(deltas.map((delta) => delta.argumentsDelta).join('')).toBe(HOSTILE);
    for (const delta of deltas) {
      expect((delta.partial as { polluted?: unknown } | undefined)?.polluted).toBeUndefined();
      expect(hasOddPrototype(delta.partial)).toBe(false);
    }
  });

  it('tool-call arguments through accumulateChatCompletion()', async () => {
    mock.enqueue(toolStream());
    const final = await lastValueFrom(client.chat.completions.create(PARAMS).pipe(finalChatCompletion()));
    expect(final.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe(HOSTILE);
    expect(hasOddPrototype(final)).toBe(false);
  });

  it('the partial-JSON parser, fed one character at a time and all at once', () => {
    const parser = createPartialJSONParser();
    for (const char of HOSTILE) expect(hasOddPrototype(parser.push(char))).toBe(false);
    expect(Object.hasOwn(parser.value as object, '__proto__')).toBe(true);
    const whole = parsePartialJSON(`{"a":[${HOSTILE},{"b":${HOSTILE}`);
    expect(hasOddPrototype(whole)).toBe(false);
  });
});
