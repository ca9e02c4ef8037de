import { afterEach, describe, expect, it } from '@jest/globals';
import { conversationReply, startMockServer, type MockServer } from '../../lib/testing/index.js';
import { jsonFrames, post, readBody } from './read-body.js';

describe('conversationReply', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  const turns = conversationReply([
    { type: 'chat', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'x' } }] },
    (conversation) => ({
      type: 'chat',
      text: `turn ${conversation.turn}: ${conversation.toolOutputs.map((o) => `${o.callId}=${o.output}`).join(',')}`,
    }),
  ]);

  it('picks the chat turn by the incoming conversation, not by arrival order (retries get the same turn)', async () => {
    mock = await startMockServer({ reply: turns });
    const first = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };
    const second = {
      model: 'm',
      messages: [
        { role: 'user', content: 'Hi' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'found' },
      ],
    };
    const bodies = [];
    for (const body of [second, first, first])
      bodies.push(await (await post(`${mock.url}/chat/completions`, body)).json());
    expect(bodies[0].choices[0].message.content).toBe('turn 1: call_1=found');
    for (const body of bodies.slice(1))
      expect(body.choices[0].message.tool_calls[0]).toMatchObject({
        id: 'call_1',
        function: { name: 'lookup' },
      });
  });

  it('scripts the Responses API with the same turns: tool calls become function_call items', async () => {
    mock = await startMockServer({ reply: turns });
    const first = await (await post(`${mock.url}/responses`, { model: 'm', input: 'Hi' })).json();
    expect(first.output[0]).toMatchObject({ type: 'function_call', call_id: 'call_1', name: 'lookup' });
    const input = [
      'Hi',
      first.output[0],
      { type: 'function_call_output', call_id: 'call_1', output: 'found' },
    ];
    const second = await (
      await post(`${mock.url}/responses`, {
        model: 'm',
        input: [{ role: 'user', content: input[0] }, ...input.slice(1)],
      })
    ).json();
    expect(second.output[0].content[0].text).toBe('turn 1: call_1=found');
  });

  it('repeats the last turn for longer conversations and refuses an empty script', async () => {
    mock = await startMockServer({ reply: conversationReply([{ type: 'chat', text: 'same' }]) });
    const messages = [
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: 'c' },
    ];
    const body = await (await post(`${mock.url}/chat/completions`, { model: 'm', messages })).json();
    expect(body.choices[0].message.content).toBe('same');
    expect(() => conversationReply([])).toThrow(TypeError);
  });
});

describe('mock refusals', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('streams a chat refusal as delta.refusal and a Responses refusal as refusal deltas', async () => {
    mock = await startMockServer({ reply: { type: 'chat', refusal: 'I cannot help with that.' } });
    const chat = await readBody(
      await post(`${mock.url}/chat/completions`, { model: 'm', messages: [], stream: true }),
    );
    const refusal = jsonFrames(chat.text)
      .map((chunk) => chunk.choices[0]?.delta.refusal ?? '')
      .join('');
    expect(refusal).toBe('I cannot help with that.');
    const responses = await readBody(
      await post(`${mock.url}/responses`, { model: 'm', input: 'x', stream: true }),
    );
    const events = jsonFrames(responses.text);
    expect(
      events
        .filter((e) => e.type === 'response.refusal.delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('I cannot help with that.');
    expect(events.at(-1)!.response.output[0].content).toEqual([
      { type: 'refusal', refusal: 'I cannot help with that.' },
    ]);
  });
});
