import { describe, expect, it } from '@jest/globals';
import { from, lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { toolCalls, responseFunctionCalls, type ToolSchemas } from '../../lib/index.js';
import { parseToolArguments } from '../../lib/json/tool-arguments.js';
import { isToolArgumentsError } from '../../lib/errors/index.js';
import { callFragment, chunkFactory, deltaOf, finishOf } from '../chat/operators/fixtures/chunk.js';
import { callEvents } from '../responses/fixtures.js';

// Users hand toolCalls() (and responseFunctionCalls()) schemas of classic zod or of zod/mini; the library
// itself uses zod/mini. Both validate, both type `parsed`, both report zod issues.

const flavours = {
  classic: { get_weather: z.object({ city: z.string(), days: z.number().default(1) }) },
  mini: { get_weather: zm.object({ city: zm.string(), days: zm._default(zm.number(), 1) }) },
} satisfies Record<string, ToolSchemas>;

const make = chunkFactory({ id: 'chatcmpl-x', model: 'gpt-4o' });
const chunks = (args: string) => [
  deltaOf(make, { tool_calls: [callFragment(0, { id: 'call_1', name: 'get_weather', args })] }),
  finishOf(make, 'tool_calls'),
];

describe.each(Object.entries(flavours))('tool argument schemas of %s zod', (_, tools) => {
  it('parseToolArguments validates and applies defaults', () => {
    const call = { name: 'get_weather', id: 'call_1', arguments: '{"city":"Paris"}' };
    expect(parseToolArguments(call, tools)).toEqual({ validated: true, parsed: { city: 'Paris', days: 1 } });
  });

  it('toolCalls() types and validates parsed', async () => {
    const [call] = await lastValueFrom(
      from(chunks('{"city":"Paris","days":3}')).pipe(toolCalls(tools), toArray()),
    );
    if (!call?.validated || call.name !== 'get_weather') throw new Error('expected a validated call');
    const city: string = call.parsed.city;
    const days: number = call.parsed.days;
    expect({ city, days }).toEqual({ city: 'Paris', days: 3 });
  });

  it('toolCalls() fails with the zod issues of a schema failure', async () => {
    const error = await lastValueFrom(from(chunks('{"city":7}')).pipe(toolCalls(tools))).catch(
      (e: unknown) => e,
    );
    expect(isToolArgumentsError(error)).toBe(true);
    if (!isToolArgumentsError(error)) return;
    expect(error.issues[0]).toMatchObject({ code: 'invalid_type', path: ['city'] });
    expect(error.message).toContain('city: ');
  });

  it('responseFunctionCalls() accepts the same schemas', async () => {
    const calls = await lastValueFrom(from(callEvents).pipe(responseFunctionCalls(tools), toArray()));
    expect(calls).toEqual([expect.objectContaining({ validated: true, parsed: { city: 'Paris', days: 1 } })]);
  });
});
