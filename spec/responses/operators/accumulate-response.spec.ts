import { describe, expect, it } from '@jest/globals';
import { last, lastValueFrom } from 'rxjs';
import fc from 'fast-check';
import { accumulateResponse, type ResponseStreamEvent } from '../../../lib/responses/index.js';
import { outputTextOf } from '../../../lib/responses/response-schema.js';
import {
  deepFreeze,
  expectMalformedToError,
  marbles,
  replay,
  sequence,
} from '../../chat/operators/helpers.js';
import { callEvents, response, textEvents } from '../fixtures.js';
import { from } from 'rxjs';
import { StreamLimitError } from '../../../lib/errors/stream-limit-error.js';
import { collect } from '../../http/helpers.js';

const ev = (event: Record<string, unknown>) => event as unknown as ResponseStreamEvent;

describe('accumulateResponse', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(accumulateResponse(), { type: 'response.completed' });
  });

  it('emits a snapshot per event, with the running output_text (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(textEvents);
      const texts = cold(diagram, values).pipe(accumulateResponse());
      expectObservable(texts).toBe('abcdefghi|', {
        a: expect.objectContaining({ id: 'resp_1', status: 'in_progress', output_text: '' }),
        b: expect.objectContaining({ output_text: '' }),
        c: expect.objectContaining({ output: [expect.objectContaining({ type: 'message' })] }),
        d: expect.objectContaining({ output_text: '' }),
        e: expect.objectContaining({ output_text: 'Hel' }),
        f: expect.objectContaining({ output_text: 'Hello' }),
        g: expect.objectContaining({ output_text: 'Hello' }),
        h: expect.objectContaining({ output_text: 'Hello' }),
        i: expect.objectContaining({
          status: 'completed',
          output_text: 'Hello',
          usage: expect.objectContaining({ total_tokens: 7 }),
        }),
      });
    });
  });

  it('propagates errors (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { values } = sequence(textEvents);
      expectObservable(cold('a#', values).pipe(accumulateResponse())).toBe('a#', {
        a: expect.objectContaining({ id: 'resp_1' }),
      });
    });
  });

  it('ends with the output of the response.completed payload', async () => {
    const final = await lastValueFrom(from(textEvents).pipe(accumulateResponse(), last()));
    const completed = textEvents.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    expect(final.output).toEqual(completed.response.output);
    expect(final.status).toBe('completed');
  });

  it('never mutates events or earlier snapshots', async () => {
    const events = deepFreeze(structuredClone(textEvents));
    const snapshots = await replay(events, accumulateResponse());
    expect(snapshots[4]!.output_text).toBe('Hel');
    expect(snapshots[5]!.output_text).toBe('Hello');
    expect(snapshots[4]!.output[0]!.content![0]!.text).toBe('Hel');
  });

  it('accumulates function-call arguments', async () => {
    const snapshots = await replay(callEvents, accumulateResponse());
    expect(snapshots[3]!.output[0]).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
  });

  it('builds placeholder items for a stream resumed mid-item, and skips unknown events', async () => {
    const events = [
      ev({
        type: 'response.output_text.delta',
        sequence_number: 5,
        item_id: 'msg_9',
        output_index: 1,
        content_index: 0,
        delta: 'lo',
      }),
      ev({ type: 'unknown', event_type: 'keepalive', sequence_number: -1, payload: { type: 'keepalive' } }),
      ev({
        type: 'response.refusal.delta',
        sequence_number: 6,
        item_id: 'msg_9',
        output_index: 1,
        content_index: 1,
        delta: 'No',
      }),
    ];
    const snapshots = await replay(events, accumulateResponse());
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]!.output[1]).toMatchObject({
      type: 'message',
      id: 'msg_9',
      content: [
        { type: 'output_text', text: 'lo' },
        { type: 'refusal', refusal: 'No' },
      ],
    });
    expect(snapshots[1]!.output_text).toBe('lo');
  });

  it('accumulates reasoning summaries, custom tool input, code and tool status', async () => {
    const events = [
      ev({
        type: 'response.output_item.added',
        sequence_number: 0,
        output_index: 0,
        item: { id: 'rs_1', type: 'reasoning', summary: [] },
      }),
      ev({
        type: 'response.reasoning_summary_part.added',
        sequence_number: 1,
        item_id: 'rs_1',
        output_index: 0,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      }),
      ev({
        type: 'response.reasoning_summary_text.delta',
        sequence_number: 2,
        item_id: 'rs_1',
        output_index: 0,
        summary_index: 0,
        delta: 'Think',
      }),
      ev({
        type: 'response.reasoning_summary_text.delta',
        sequence_number: 3,
        item_id: 'rs_1',
        output_index: 0,
        summary_index: 0,
        delta: 'ing',
      }),
      ev({
        type: 'response.custom_tool_call_input.delta',
        sequence_number: 4,
        item_id: 'ct_1',
        output_index: 1,
        delta: 'print(',
      }),
      ev({
        type: 'response.custom_tool_call_input.delta',
        sequence_number: 5,
        item_id: 'ct_1',
        output_index: 1,
        delta: '1)',
      }),
      ev({
        type: 'response.output_item.added',
        sequence_number: 6,
        output_index: 2,
        item: { id: 'ci_1', type: 'code_interpreter_call', status: 'in_progress' },
      }),
      ev({
        type: 'response.code_interpreter_call_code.delta',
        sequence_number: 7,
        item_id: 'ci_1',
        output_index: 2,
        delta: 'x = 1',
      }),
      ev({
        type: 'response.code_interpreter_call.interpreting',
        sequence_number: 8,
        item_id: 'ci_1',
        output_index: 2,
      }),
      ev({
        type: 'response.web_search_call.searching',
        sequence_number: 9,
        item_id: 'ws_1',
        output_index: 3,
      }),
    ];
    const snapshots = await replay(events, accumulateResponse());
    const final = snapshots.at(-1)!;
    expect(snapshots).toHaveLength(9); // the web search event names an item never seen: no change
    expect(final.output[0]!.summary).toEqual([{ type: 'summary_text', text: 'Thinking' }]);
    expect(final.output[1]).toMatchObject({ type: 'custom_tool_call', id: 'ct_1', input: 'print(1)' });
    expect(final.output[2]).toMatchObject({ code: 'x = 1', status: 'interpreting' });
  });

  it('shows an incomplete ending in status and incomplete_details', async () => {
    const incomplete = ev({
      type: 'response.incomplete',
      sequence_number: 6,
      response: response('incomplete', { incomplete_details: { reason: 'max_output_tokens' } }),
    });
    const snapshots = await replay([...textEvents.slice(0, 6), incomplete], accumulateResponse());
    expect(snapshots.at(-1)).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output_text: 'Hello', // the payload's output is empty: the accumulated output stays
    });
  });

  it('appends every *.delta and sets every *.done value, in items and in their parts', async () => {
    const at = (output_index: number, item_id: string) => ({ output_index, item_id, sequence_number: -1 });
    const pairs: Array<
      [type: string, place: Record<string, unknown>, delta: string, done: [string, string]]
    > = [
      ['response.output_text', { ...at(0, 'msg'), content_index: 0 }, 'Hel', ['text', 'Hello']],
      ['response.refusal', { ...at(0, 'msg'), content_index: 1 }, 'No', ['refusal', 'Nope']],
      ['response.reasoning_text', { ...at(1, 'rs'), content_index: 0 }, 'th', ['text', 'think']],
      ['response.reasoning_summary_text', { ...at(1, 'rs'), summary_index: 0 }, 'su', ['text', 'sum']],
      ['response.function_call_arguments', at(2, 'fc'), '{"a"', ['arguments', '{"a":1}']],
      ['response.mcp_call_arguments', at(3, 'mcp'), '{', ['arguments', '{}']],
      ['response.custom_tool_call_input', at(4, 'ct'), 'x', ['input', 'xy']],
      ['response.code_interpreter_call_code', at(5, 'ci'), 'pri', ['code', 'print(1)']],
    ];
    const events = pairs.flatMap(([type, place, delta, [key, value]]) => [
      ev({ type: `${type}.delta`, ...place, delta }),
      ev({ type: `${type}.delta`, ...place, delta }),
      ev({ type: `${type}.done`, ...place, [key]: value }),
    ]);
    const snapshots = await replay(events, accumulateResponse());
    expect(snapshots).toHaveLength(events.length);
    const placeholder = (type: string, id: string, fields: Record<string, unknown>) =>
      expect.objectContaining({ type, id, status: 'in_progress', ...fields });
    // After the two deltas of each pair, the field holds both; after the .done, the .done's value.
    expect(snapshots[1]!.output[0]).toEqual(
      placeholder('message', 'msg', { content: [{ type: 'output_text', text: 'HelHel', annotations: [] }] }),
    );
    expect(snapshots[7]!.output[1]).toEqual(
      placeholder('reasoning', 'rs', { content: [{ type: 'reasoning_text', text: 'thth' }] }),
    );
    expect(snapshots[13]!.output[2]).toEqual(placeholder('function_call', 'fc', { arguments: '{"a"{"a"' }));
    expect(snapshots.at(-1)!.output).toEqual([
      placeholder('message', 'msg', {
        content: [
          { type: 'output_text', text: 'Hello', annotations: [] },
          { type: 'refusal', refusal: 'Nope' },
        ],
      }),
      placeholder('reasoning', 'rs', {
        content: [{ type: 'reasoning_text', text: 'think' }],
        summary: [{ type: 'summary_text', text: 'sum' }],
      }),
      placeholder('function_call', 'fc', { arguments: '{"a":1}' }),
      placeholder('mcp_call', 'mcp', { arguments: '{}' }),
      placeholder('custom_tool_call', 'ct', { input: 'xy' }),
      placeholder('code_interpreter_call', 'ci', { code: 'print(1)' }),
    ]);
    expect(snapshots.at(-1)!.output_text).toBe('Hello');
  });

  it('property: output_text always equals the text of output, whatever the order of events', () => {
    const type = fc.constantFrom(
      'response.output_text.delta',
      'response.output_text.done',
      'response.refusal.delta',
      'response.reasoning_text.delta',
      'response.function_call_arguments.delta',
    );
    const event = fc.record({
      type,
      output: fc.nat(3),
      content: fc.nat(2),
      text: fc.string({ maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (steps) => {
        const events = steps.map(({ type: kind, output, content, text }, i) =>
          ev({
            type: kind,
            sequence_number: i,
            item_id: `item_${output}`,
            output_index: output,
            content_index: content,
            delta: text,
            text,
          }),
        );
        let ok = true;
        from(events)
          .pipe(accumulateResponse())
          .subscribe((snapshot) => (ok &&= snapshot.output_text === outputTextOf(snapshot.output)));
        return ok;
      }),
      { numRuns: 500 },
    );
  });

  describe('bounds (issue 11, item 2)', () => {
    const at = (outputIndex: number, extra: Record<string, unknown> = {}) =>
      ev({
        type: 'response.output_text.delta',
        sequence_number: 1,
        item_id: 'msg',
        output_index: outputIndex,
        content_index: 0,
        delta: 'x',
        ...extra,
      });

    it('fails with StreamLimitError at output_index 4,096, after the snapshots before it (marbles)', () => {
      marbles(({ cold, expectObservable }) => {
        const source = cold('abc|', { a: at(0), b: at(4095), c: at(4096) });
        expectObservable(source.pipe(accumulateResponse())).toBe(
          'ab#',
          {
            a: expect.objectContaining({ output_text: 'x' }),
            b: expect.objectContaining({ output_text: 'xx' }),
          },
          expect.objectContaining({
            name: 'StreamLimitError',
            limit: 'output_index',
            value: 4096,
            maximum: 4095,
          }),
        );
      });
    });

    it.each([
      ['content_index', at(0, { content_index: 10_000_000 })],
      ['summary_index', at(0, { type: 'response.reasoning_summary_text.delta', summary_index: 10_000_000 })],
      [
        'annotation_index',
        at(0, {
          type: 'response.output_text.annotation.added',
          annotation_index: 10_000_000,
          annotation: { type: 'url_citation' },
        }),
      ],
      ['output_index', at(10_000_000)],
    ])('fails at once with StreamLimitError for %s 10,000,000, filling nothing', async (limit, event) => {
      const outcome = await collect(from([at(0), event]).pipe(accumulateResponse()));
      expect(outcome.values).toHaveLength(1);
      expect(outcome.error).toBeInstanceOf(StreamLimitError);
      expect(outcome.error).toMatchObject({ limit, value: 10_000_000, maximum: 4095 });
    });
  });
});
