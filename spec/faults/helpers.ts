// Shared helpers of the fault-injection and security specs (not a spec itself).
import { clearTimeout as clearRealTimeout, setTimeout as setRealTimeout } from 'node:timers';
import type { Observable, Subscription } from 'rxjs';
import { createClient, type OpenAIClient } from '../../lib/client.js';
import type { ClientOptions } from '../../lib/http/options.js';
import type { ChatCompletionChunk } from '../../lib/chat/schemas/chat-chunk.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../lib/testing/index.js';

/** The API key of these specs; it must never show up in an error or a log. */
export const SECRET = 'sk-secret-DO-NOT-LEAK-123';

/** A streaming chat request body. */
export const PARAMS = {
  model: 'gpt-mock',
  messages: [{ role: 'user' as const, content: 'Count for me.' }],
  stream: true as const,
};

/** `"t0 t1 … t(n-1)"`: a text whose word deltas carry their position, to spot loss, repeats and reorders. */
export function sequenceText(n: number): string {
  return Array.from({ length: n }, (_, i) => `t${i}`).join(' ');
}

/** The content deltas the mock sends for {@link sequenceText}: `"t0"`, `" t1"`, `" t2"`, … */
export function sequenceDeltas(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? 't0' : ` t${i}`));
}

/** The non-empty content deltas of some chunks, in order (other values are skipped). */
export function contentOf(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const chunk = value as Partial<ChatCompletionChunk>;
    if (!Array.isArray(chunk.choices)) continue;
    for (const choice of chunk.choices) {
      const content = choice.delta.content;
      if (typeof content === 'string' && content !== '') out.push(content);
    }
  }
  return out;
}

/** Everything a subscription saw, in order, with a flag for notifications after the first terminal one. */
export interface Recording<T> {
  values: T[];
  error: unknown;
  completed: boolean;
  /** How many terminal notifications (error or complete) arrived: must be 0 or 1. */
  terminals: number;
  /** Whether anything arrived after a terminal notification. */
  afterTerminal: boolean;
  /** Milliseconds from subscribe to the terminal notification. */
  elapsedMs: number;
}

/**
 * Subscribes and resolves when the Observable errors or completes (rejects after `capMs`: a hang). Its own
 * waits use the real timers, so it works the same on a fake clock; `elapsedMs` then counts virtual time.
 */
export function record<T>(source$: Observable<T>, capMs = 10_000): Promise<Recording<T>> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const rec: Recording<T> = {
      values: [],
      error: undefined,
      completed: false,
      terminals: 0,
      afterTerminal: false,
      elapsedMs: 0,
    };
    const holder: { subscription?: Subscription } = {};
    const cap = setRealTimeout(() => {
      holder.subscription?.unsubscribe();
      reject(new Error(`no terminal notification within ${capMs} ms (a hang)`));
    }, capMs);
    const finish = () => {
      rec.terminals++;
      rec.elapsedMs = Date.now() - started;
      clearRealTimeout(cap);
      // Let any stray notification arrive before resolving.
      setRealTimeout(() => resolve(rec), 5);
    };
    holder.subscription = source$.subscribe({
      next: (value) => {
        if (rec.terminals > 0) rec.afterTerminal = true;
        rec.values.push(value);
      },
      error: (error: unknown) => {
        if (rec.terminals > 0) rec.afterTerminal = true;
        rec.error = error;
        finish();
      },
      complete: () => {
        if (rec.terminals > 0) rec.afterTerminal = true;
        rec.completed = true;
        finish();
      },
    });
  });
}

/** A mock server and a client pointed at it. */
export async function setup(
  server: MockServerOptions = {},
  client: ClientOptions = {},
): Promise<{ mock: MockServer; client: OpenAIClient }> {
  const mock = await startMockServer(server);
  return { mock, client: createClient({ apiKey: SECRET, baseURL: mock.url, ...client }) };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until it holds, or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await delay(20);
  }
}

const encoder = new TextEncoder();

/** One minimal `chat.completion.chunk` SSE frame (the schema fills in `id`, `model`, …). */
export function chunkFrame(content: string | null, finishReason: string | null = null): string {
  const delta = content === null ? '{}' : JSON.stringify({ content });
  return `data: {"choices":[{"index":0,"delta":${delta},"finish_reason":${JSON.stringify(finishReason)}}]}\n\n`;
}

/** Bytes from text parts and raw byte values (numbers), for frames that hold invalid UTF-8. */
export function bytes(...parts: Array<string | number[]>): Uint8Array {
  const arrays = parts.map((part) =>
    typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part),
  );
  const out = new Uint8Array(arrays.reduce((sum, a) => sum + a.byteLength, 0));
  let at = 0;
  for (const array of arrays) {
    out.set(array, at);
    at += array.byteLength;
  }
  return out;
}
