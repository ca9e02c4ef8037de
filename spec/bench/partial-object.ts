/**
 * Streamed structured output: `partialObject(schema)` over a structured answer of 0.5 MB and 1 MB, streamed
 * in 20-character content deltas, for two shapes: a nested document (an array of records with nested
 * arrays) and one wide array of numbers that stays open to the end (the worst case for copying). Reports
 * time per size and the 1 MB / 0.5 MB ratio (linear work stays near 2). Side by side: the openai package's
 * `ChatCompletionStream`, which re-parses the whole content on every delta for its partial `parsed`.
 * Run alone with `node --expose-gc --import tsx spec/bench/partial-object.ts`.
 */
import { lastValueFrom, Observable } from 'rxjs';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { zodResponseFormat as openaiZodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { ChatCompletionChunk } from '../../lib/chat/schemas/index.js';
import { partialObject } from '../../lib/structured/partial-object.js';

const DELTA = 20;

const Review = z.object({
  repository: z.string(),
  files: z.array(
    z.object({
      path: z.string(),
      lines: z.number(),
      severity: z.enum(['info', 'warning', 'error']),
      comments: z.array(z.object({ line: z.number(), text: z.string() })),
    }),
  ),
});
const Flat = z.object({ values: z.array(z.number()) });

function nested(bytes: number): string {
  const files: unknown[] = [];
  const doc = { repository: 'acme/storefront', files };
  for (let i = 0; JSON.stringify(doc).length < bytes; i++)
    files.push({
      path: `src/app/feature-${i % 40}/component-${i}.ts`,
      lines: 120 + (i % 300),
      severity: i % 3 ? 'warning' : 'info',
      comments: [
        { line: 12, text: `Consider extracting the "${i}" handler; it is used in\t3 places.` },
        { line: 48, text: 'Avoid `any` here.' },
      ],
    });
  return JSON.stringify(doc);
}

function flat(bytes: number): string {
  const values: number[] = [];
  let size = 12;
  for (let i = 0; size < bytes; i++) {
    values.push(i * 7);
    size += String(i * 7).length + 1;
  }
  return JSON.stringify({ values });
}

const HEAD = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };

function chunks$(text: string): Observable<ChatCompletionChunk> {
  return new Observable((subscriber) => {
    const count = Math.ceil(text.length / DELTA);
    for (let i = 0; i <= count && !subscriber.closed; i++) {
      const done = i === count;
      const content = text.slice(i * DELTA, (i + 1) * DELTA);
      const delta = done ? {} : i === 0 ? { role: 'assistant', content } : { content };
      subscriber.next({
        ...HEAD,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: done ? 'stop' : null }],
      });
    }
    subscriber.complete();
  });
}

async function ours(text: string, schema: z.ZodType): Promise<number> {
  const start = performance.now();
  await lastValueFrom(chunks$(text).pipe(partialObject(schema)));
  return performance.now() - start;
}

async function theirs(text: string, schema: z.ZodType): Promise<number> {
  const params = {
    model: 'gpt-4o',
    messages: [],
    stream: true as const,
    response_format: openaiZodResponseFormat(schema as never, 'answer'),
  };
  // fromReadableStream() takes no params (so it never parses the content); construct with params instead.
  const Stream = ChatCompletionStream as unknown as new (p: unknown) => ChatCompletionStream & {
    _run(fn: () => Promise<unknown>): void;
    _fromReadableStream(stream: ReadableStream): Promise<unknown>;
  };
  const encoder = new TextEncoder();
  const readable = new ReadableStream({
    start(controller) {
      chunks$(text).subscribe({
        next: (chunk) => controller.enqueue(encoder.encode(`${JSON.stringify(chunk)}\n`)),
        complete: () => controller.close(),
      });
    },
  });
  const runner = new Stream(params);
  const start = performance.now();
  runner._run(() => runner._fromReadableStream(readable));
  await runner.done();
  return performance.now() - start;
}

function best(times: number[]): number {
  return Math.min(...times);
}

/** Prints one table row per shape and size, ours and the openai package's. */
export async function run(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  console.log('| answer | size | partialObject | ratio | openai ChatCompletionStream | ratio |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, build, schema] of [
    ['nested records', nested, Review],
    ['one wide open array', flat, Flat],
  ] as const) {
    const sizes = [512 * 1024, 1024 * 1024];
    const mine: number[] = [];
    const other: number[] = [];
    for (const size of sizes) {
      const text = build(size);
      const a: number[] = [];
      const b: number[] = [];
      for (let round = 0; round < 3; round++) {
        gc?.();
        a.push(await ours(text, schema));
        gc?.();
        b.push(await theirs(text, schema));
      }
      mine.push(best(a));
      other.push(best(b));
    }
    sizes.forEach((size, i) => {
      const ratio = (list: number[]) =>
        i === 0 ? '' : ((list[1] as number) / (list[0] as number)).toFixed(2);
      console.log(
        `| ${name} | ${size / 1024} KB | ${mine[i]!.toFixed(0)} ms | ${ratio(mine)} | ${other[i]!.toFixed(0)} ms | ${ratio(other)} |`,
      );
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
