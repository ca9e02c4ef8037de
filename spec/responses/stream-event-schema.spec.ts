import { describe, expect, it } from '@jest/globals';
import {
  KnownResponseStreamEventSchema,
  ResponseStreamEventSchema,
  type ResponseStreamEvent,
} from '../../lib/responses/index.js';
import { callEvents, textEvents } from './fixtures.js';

describe('ResponseStreamEventSchema', () => {
  it('parses every event of a text and a function-call stream as known events', () => {
    for (const event of [...textEvents, ...callEvents]) {
      expect(KnownResponseStreamEventSchema.parse(event)).toMatchObject({ type: event.type });
      expect(ResponseStreamEventSchema.parse(event).type).toBe(event.type);
    }
  });

  it('keeps unknown fields', () => {
    const event = ResponseStreamEventSchema.parse({ ...textEvents[4], obfuscation: 'xyz' });
    expect(event).toMatchObject({ delta: 'Hel', obfuscation: 'xyz' });
  });

  it('defaults a missing sequence_number to -1', () => {
    const event = ResponseStreamEventSchema.parse({
      type: 'response.output_text.delta',
      output_index: 0,
      delta: 'a',
    });
    expect(event).toMatchObject({ sequence_number: -1, item_id: '', content_index: 0 });
  });

  it('passes keepalive and future events through as unknown events', () => {
    expect(ResponseStreamEventSchema.parse({ type: 'keepalive', sequence_number: 3 })).toEqual({
      type: 'unknown',
      event_type: 'keepalive',
      sequence_number: 3,
      payload: { type: 'keepalive', sequence_number: 3 },
    });
    const future = ResponseStreamEventSchema.parse({ type: 'response.hologram.delta', delta: 'x' });
    expect(future).toMatchObject({
      type: 'unknown',
      event_type: 'response.hologram.delta',
      sequence_number: -1,
    });
  });

  it('rejects a known type with bad fields instead of passing it as unknown', () => {
    expect(
      ResponseStreamEventSchema.safeParse({ type: 'response.output_text.delta', output_index: 0, delta: 7 })
        .success,
    ).toBe(false);
    expect(
      ResponseStreamEventSchema.safeParse({ type: 'response.completed', sequence_number: 1 }).success,
    ).toBe(false);
  });

  it('covers the documented tool-progress, reasoning and mcp events', () => {
    const types = [
      'response.queued',
      'response.refusal.delta',
      'response.custom_tool_call_input.done',
      'response.reasoning_text.delta',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.done',
      'response.web_search_call.searching',
      'response.file_search_call.completed',
      'response.code_interpreter_call.interpreting',
      'response.code_interpreter_call_code.delta',
      'response.image_generation_call.partial_image',
      'response.mcp_call.failed',
      'response.mcp_call_arguments.done',
      'response.mcp_list_tools.in_progress',
      'response.output_text.annotation.added',
      'error',
    ];
    const known = new Set(
      KnownResponseStreamEventSchema.def.options.map((option) => option.shape.type.def.values[0]),
    );
    for (const type of types) expect(known.has(type as never)).toBe(true);
    expect(known.size).toBe(49);
  });

  it('narrows by type in a switch (compile-time check)', () => {
    const describe = (event: ResponseStreamEvent): string => {
      switch (event.type) {
        case 'response.output_text.delta':
          return event.delta;
        case 'unknown':
          return event.event_type;
        default:
          return '';
      }
    };
    expect(describe(textEvents[4]!)).toBe('Hel');
  });
});
