// toolCallDeltas' growth cases with `partial` read on every event (not a spec itself):
// tool-call-deltas.spec.ts guards them at small sizes, spec/bench/linearity.ts measures them at size.
import { Observable } from 'rxjs';
import { toolCallDeltas } from '../../../lib/chat/operators/index.js';
import type { ChatCompletionChunk } from '../../../lib/chat/schemas/index.js';
import { check, timed, type GrowthCase } from '../../helpers/growth.js';

const HEAD = { id: 'chatcmpl-lin', object: 'chat.completion.chunk', created: 1, model: 'm' } as const;

/** Streams `args` as 20-character argument deltas of one call, making each chunk on demand. */
function streamed(args: string): Observable<ChatCompletionChunk> {
  return new Observable((subscriber) => {
    const delta = (fragment: string, first: boolean) => ({
      ...HEAD,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              first
                ? { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: fragment } }
                : { index: 0, function: { arguments: fragment } },
            ],
          },
          logprobs: null,
          finish_reason: null,
        },
      ],
    });
    for (let i = 0; i < args.length && !subscriber.closed; i += 20)
      subscriber.next(delta(args.slice(i, i + 20), i === 0) as ChatCompletionChunk);
    subscriber.complete();
  });
}

/** Time to stream `args` through toolCallDeltas(), reading `partial` on every event with `look`. */
function readEveryEvent(args: string, look: (partial: unknown) => number): number {
  let sum = 0;
  const ms = timed(() => {
    streamed(args)
      .pipe(toolCallDeltas())
      .subscribe((delta) => (sum += look(delta.partial)));
  });
  check(sum > 0, true, 'partials read');
  return ms;
}

const LINEAR = '~4 when linear, ~16 when each event copies the open containers';

export const toolCallGrowthCases: GrowthCase[] = [
  {
    name: 'a wide flat array',
    time: (n) =>
      readEveryEvent(
        JSON.stringify({ values: Array.from({ length: n }, (_, i) => i) }),
        (partial) => ((partial as { values?: unknown[] } | undefined)?.values?.length ?? 0) + 1,
      ),
    guard: [625, 2_500],
    bench: [10_000, 40_000, 160_000],
    limit: 8,
    expected: LINEAR,
    warmMs: 100,
  },
  {
    name: 'a long string',
    time: (n) =>
      readEveryEvent(
        JSON.stringify({ content: 'lorem ipsum '.repeat(n) }),
        (partial) => ((partial as { content?: string } | undefined)?.content?.length ?? 0) + 1,
      ),
    guard: [312, 1_250],
    bench: [5_000, 20_000, 80_000],
    limit: 8,
    expected: LINEAR,
    warmMs: 100,
  },
  {
    // `depth` arrays opened 20 per event, then 1,000 events that each add two numbers inside them.
    name: '1,000 events at nesting depth N (issue 11, item 6)',
    time: (depth) =>
      readEveryEvent('['.repeat(depth) + '123456789,'.repeat(2000), (partial) =>
        Array.isArray(partial) ? 1 : 0,
      ),
    guard: [250, 10_000],
    bench: [500, 5_000, 20_000],
    limit: 10,
    expected:
      '~1.5 when constant per event (the deep side streams its brackets as more events), ~30 when a preview costs O(depth)',
  },
];
