import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { tool } from '../../lib/tools/tool.js';
import { toChatTool, toResponseTool } from '../../lib/tools/convert.js';
import { zodResponseFormat, zodTextFormat } from '../../lib/structured/zod-format.js';

const execute = () => 'ok';

describe('tool', () => {
  it('describes classic and mini zod parameters as JSON Schema, once, for both APIs', () => {
    const classic = tool({
      name: 'get_weather',
      description: 'Weather in a city',
      parameters: z.object({ city: z.string(), unit: z.enum(['c', 'f']).optional() }),
      execute,
    });
    const mini = tool({ name: 'get_time', parameters: zm.object({ zone: zm.string() }), execute });
    expect(classic.jsonSchema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city'],
      additionalProperties: false,
    });
    expect(toChatTool(classic)).toEqual({
      type: 'function',
      function: { name: 'get_weather', description: 'Weather in a city', parameters: classic.jsonSchema },
    });
    expect(toResponseTool(mini)).toEqual({
      type: 'function',
      name: 'get_time',
      parameters: {
        type: 'object',
        properties: { zone: { type: 'string' } },
        required: ['zone'],
        additionalProperties: false,
      },
      strict: false,
    });
    expect(Object.isFrozen(classic)).toBe(true);
  });

  it('describes what the model writes: a transformed field by its input', () => {
    const parsed = tool({ name: 'n', parameters: z.object({ n: z.string().transform(Number) }), execute });
    expect(parsed.jsonSchema).toMatchObject({ properties: { n: { type: 'string' } } });
  });

  it('in strict mode, closes every object and turns oneOf into anyOf', () => {
    const strict = tool({
      name: 'pick',
      strict: true,
      parameters: z.object({
        choice: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('a') }),
          z.object({ kind: z.literal('b'), n: z.number() }),
        ]),
        note: z.string().nullable(),
      }),
      execute,
    });
    const choice = (strict.jsonSchema['properties'] as Record<string, Record<string, unknown>>)['choice']!;
    expect(choice['oneOf']).toBeUndefined();
    expect(choice['anyOf']).toEqual([
      {
        type: 'object',
        properties: { kind: { type: 'string', const: 'a' } },
        required: ['kind'],
        additionalProperties: false,
      },
      expect.objectContaining({ required: ['kind', 'n'], additionalProperties: false }),
    ]);
    expect(toChatTool(strict)).toMatchObject({ function: { strict: true } });
    expect(toResponseTool(strict)).toMatchObject({ strict: true });
  });

  it('throws a TypeError naming the field for what the API would refuse', () => {
    expect(() => tool({ name: 'bad name', parameters: z.object({}), execute })).toThrow(
      'tool: "name" must be 1 to 64 letters, digits, "_" or "-"',
    );
    expect(() => tool({ name: 't', parameters: { type: 'object' } as never, execute })).toThrow(
      'tool "t": "parameters" must be a zod schema',
    );
    expect(() => tool({ name: 't', parameters: z.string(), execute })).toThrow('must be an object schema');
    expect(() => tool({ name: 't', parameters: z.object({ d: z.date() }), execute })).toThrow(
      'tool "t": "parameters" cannot be described as JSON Schema',
    );
    expect(() => tool({ name: 't', parameters: z.object({}), execute: 'no' as never })).toThrow(
      'tool "t": "execute" must be a function',
    );
    expect(() =>
      tool({
        name: 't',
        strict: true,
        parameters: z.object({ a: z.object({ b: z.string().optional() }) }),
        execute,
      }),
    ).toThrow(
      'tool "t": "parameters": "a.b" is optional (or has a default), which strict mode does not support',
    );
    expect(() =>
      tool({
        name: 't',
        strict: true,
        parameters: z.object({ r: z.record(z.string(), z.number()) }),
        execute,
      }),
    ).toThrow('"r" allows extra properties');
  });
});

describe('zodResponseFormat / zodTextFormat', () => {
  const Answer = z.object({ answer: z.string(), score: z.number().nullable() });

  it('build the chat response_format and the Responses text.format, strict by default', () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' }, score: { type: ['number', 'null'] } },
      required: ['answer', 'score'],
      additionalProperties: false,
    };
    expect(zodResponseFormat(Answer, 'answer', { description: 'An answer' })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema, strict: true, description: 'An answer' },
    });
    expect(zodTextFormat(Answer, 'answer')).toEqual({
      type: 'json_schema',
      name: 'answer',
      schema,
      strict: true,
    });
    expect(zodTextFormat(z.object({ a: z.string().optional() }), 'a', { strict: false })).toMatchObject({
      strict: false,
    });
  });

  it('throw a TypeError for a bad name or a schema strict mode cannot express', () => {
    expect(() => zodResponseFormat(Answer, '')).toThrow('zodResponseFormat: "name" must be');
    expect(() => zodTextFormat(z.object({ a: z.string().optional() }), 'a')).toThrow(
      'zodTextFormat: the schema: "a" is optional',
    );
  });
});
