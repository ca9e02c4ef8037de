import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ToolArgumentsError } from '../../../lib/errors/index.js';
import { responseFunctionCalls, type ResponseStreamEvent } from '../../../lib/responses/index.js';
import { collect } from '../../http/helpers.js';
import { expectMalformedToError, marbles, replay, sequence } from '../../chat/operators/helpers.js';
import { callEvents, response, textEvents } from '../fixtures.js';
import { from } from 'rxjs';

const ev = (event: Record<string, unknown>) => event as unknown as ResponseStreamEvent;
const CALL = {
  itemId: 'fc_1',
  callId: 'call_1',
  outputIndex: 0,
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
};

describe('responseFunctionCalls', () => {
  it('errors the stream on a malformed value instead of completing (marbles)', () => {
    expectMalformedToError(responseFunctionCalls(), { type: 'response.completed' });
  });

  it('emits each call at its output_item.done (marbles)', () => {
    marbles(({ cold, expectObservable }) => {
      const { diagram, values } = sequence(callEvents);
      expectObservable(cold(diagram, values).pipe(responseFunctionCalls())).toBe('----e-|', {
        e: { ...CALL, validated: false, parsed: { city: 'Paris' } },
      });
    });
  });

  it('validates with zod schemas and types parsed', async () => {
    const tools = { get_weather: z.object({ city: z.string() }) };
    const [call] = await replay(callEvents, responseFunctionCalls(tools));
    expect(call).toEqual({ ...CALL, validated: true, parsed: { city: 'Paris' } });
    if (call?.validated && call.name === 'get_weather') expect(call.parsed.city).toBe('Paris');
  });

  it('fails with ToolArgumentsError on a schema failure or invalid JSON', async () => {
    const tools = { get_weather: z.object({ city: z.number() }) };
    const failed = await collect(from(callEvents).pipe(responseFunctionCalls(tools)));
    expect(failed.error).toBeInstanceOf(ToolArgumentsError);
    expect(failed.error).toMatchObject({
      toolName: 'get_weather',
      callId: 'call_1',
      rawArguments: '{"city":"Paris"}',
    });
    const bad = ev({
      type: 'response.output_item.done',
      sequence_number: 4,
      output_index: 0,
      item: { type: 'function_call', id: 'fc_1', call_id: 'c', name: 'f', arguments: '{"a":' },
    });
    const invalid = await collect(from([bad]).pipe(responseFunctionCalls()));
    expect(invalid.error).toBeInstanceOf(ToolArgumentsError);
    expect((invalid.error as ToolArgumentsError).issues).toEqual([]);
  });

  it('emits calls found only in the terminal payload, once, and never incomplete ones', async () => {
    const onlyTerminal = [
      callEvents[0]!,
      ev({
        type: 'response.incomplete',
        sequence_number: 1,
        response: response('incomplete', {
          output: [
            {
              type: 'function_call',
              id: 'fc_1',
              call_id: 'call_1',
              name: 'get_weather',
              arguments: '{"city":"Paris"}',
              status: 'completed',
            },
            {
              type: 'function_call',
              id: 'fc_2',
              call_id: 'call_2',
              name: 'get_weather',
              arguments: '{"ci',
              status: 'incomplete',
            },
          ],
        }),
      }),
    ];
    expect(await replay(onlyTerminal, responseFunctionCalls())).toEqual([
      { ...CALL, validated: false, parsed: { city: 'Paris' } },
    ]);
    expect(await replay(callEvents, responseFunctionCalls())).toHaveLength(1);
  });

  it('gives a call without call_id a generated one (issue 12, item 5)', async () => {
    const done = (itemId: string | undefined, outputIndex: number) =>
      ev({
        type: 'response.output_item.done',
        sequence_number: outputIndex,
        output_index: outputIndex,
        item: { type: 'function_call', ...(itemId ? { id: itemId } : {}), name: 'f', arguments: '{}' },
      });
    const calls = await replay(
      [done('fc_1', 0), done('fc_2', 1), done(undefined, 2)],
      responseFunctionCalls(),
    );
    const ids: string[] = calls.map((call) => call.callId);
    expect(ids).toEqual([
      expect.stringMatching(/^call_0_[a-z0-9]{8,}$/),
      expect.stringMatching(/^call_1_[a-z0-9]{8,}$/),
      expect.stringMatching(/^call_2_[a-z0-9]{8,}$/),
    ]);
    const again = await replay([done('fc_1', 0)], responseFunctionCalls());
    expect(again[0]!.callId).toBe(ids[0]);
  });

  it('ignores text answers', async () => {
    expect(await replay(textEvents, responseFunctionCalls())).toEqual([]);
  });
});
