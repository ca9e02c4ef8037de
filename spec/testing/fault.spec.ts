import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startMockServer, type MockFault, type MockServer } from '../../lib/testing/index.js';
import { fireUntil, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';
import { jsonFrames, post, readBody, splitFrames } from './read-body.js';

const request = { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] };

describe('MockFault', () => {
  let mock: MockServer;
  const send = (fault: MockFault, init: RequestInit = {}): Promise<Response> => {
    mock.enqueue({ type: 'chat', text: 'one two three four five six', fault });
    return post(`${mock.url}/chat/completions`, request, init);
  };
  beforeEach(async () => {
    mock = await startMockServer();
  });
  afterEach(async () => {
    await mock.close();
  });

  it('drop-after-chunks destroys the socket after n frames', async () => {
    const body = await readBody(await send({ kind: 'drop-after-chunks', chunks: 3 }));
    expect(splitFrames(body.text)).toHaveLength(3);
    expect(body.error).toBeDefined();
    const [recorded] = mock.requests;
    expect(await recorded!.closed).toEqual({ abortedByClient: false });
    expect(recorded!.framesSent).toBe(3);
  });

  it('reset-after-bytes resets the connection after n bytes', async () => {
    const body = await readBody(await send({ kind: 'reset-after-bytes', bytes: 300 }));
    expect(body.error).toBeDefined();
    expect(body.bytes.byteLength).toBeLessThanOrEqual(300);
    expect(mock.requests[0]!.bytesSent).toBe(300);
    expect(await mock.requests[0]!.closed).toEqual({ abortedByClient: false });
  });

  it('stall sends headers, then nothing until the client aborts', async () => {
    const controller = new AbortController();
    const response = await send({ kind: 'stall' }, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/event-stream/);
    const reading = readBody(response);
    controller.abort();
    expect((await reading).bytes.byteLength).toBe(0);
    expect(await mock.requests[0]!.closed).toEqual({ abortedByClient: true });
  });

  it('stall-after-chunks writes n frames, then stalls', async () => {
    const controller = new AbortController();
    const response = await send({ kind: 'stall-after-chunks', chunks: 2 }, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = '';
    while (splitFrames(text).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(await mock.requests[0]!.closed).toEqual({ abortedByClient: true });
    expect(mock.requests[0]!.framesSent).toBe(2);
  });

  it('stall-before-headers sends nothing at all', async () => {
    const controller = new AbortController();
    const pending = send({ kind: 'stall-before-headers' }, { signal: controller.signal });
    const [recorded] = await mock.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await recorded!.closed).toEqual({ abortedByClient: true });
    expect(recorded!.bytesSent).toBe(0);
  });

  it('drip writes the body one byte at a time', async () => {
    // One short frame (a full chat reply is ~600 bytes, a pause each): the é and 🌊 still get split.
    const frame = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'é🌊' } }] })}\n\n`;
    mock.enqueue({
      type: 'raw',
      chunks: [frame, 'data: [DONE]\n\n'],
      fault: { kind: 'drip', intervalMs: 1 },
    });
    const response = await post(`${mock.url}/chat/completions`, request);
    const reader = response.body!.getReader();
    let reads = 0;
    const parts: Uint8Array[] = [];
    const readAll = async () => {
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        reads++;
        parts.push(r.value);
      }
    };
    useVirtualTime(); // the drip's pauses, fired as the server sets them
    try {
      await fireUntil(1, readAll());
    } finally {
      useRealTime();
    }
    expect(reads).toBeGreaterThan(1);
    // One byte per read in practice; a few may coalesce in the socket, a whole frame may not.
    expect(parts.every((part) => part.byteLength <= 4)).toBe(true);
    const text = Buffer.concat(parts).toString('utf8');
    expect(
      jsonFrames(text)
        .map((c) => c.choices[0].delta.content ?? '')
        .join(''),
    ).toBe('é🌊');
    expect(mock.requests[0]!.bytesSent).toBe(Buffer.byteLength(text));
  });

  it('no-done ends the body cleanly without data: [DONE]', async () => {
    const body = await readBody(await send({ kind: 'no-done' }));
    expect(body.error).toBeUndefined();
    expect(body.text).not.toContain('[DONE]');
    expect(body.text.endsWith('\n\n')).toBe(true);
    const chunks = jsonFrames(body.text);
    expect(chunks[chunks.length - 1]!.choices[0].finish_reason).toBe('stop');
  });

  it('headers-then-end answers 200 SSE headers and an empty body', async () => {
    const response = await send({ kind: 'headers-then-end' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const body = await readBody(response);
    expect(body.bytes.byteLength).toBe(0);
    expect(body.error).toBeUndefined();
  });

  it('garbage sends bytes that are not UTF-8', async () => {
    const body = await readBody(await send({ kind: 'garbage' }));
    expect(body.bytes.byteLength).toBeGreaterThan(0);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(body.bytes)).toThrow();
  });

  it('done-without-blank-line ends with data: [DONE] and a single line feed', async () => {
    const body = await readBody(await send({ kind: 'done-without-blank-line' }));
    expect(body.text.endsWith('\n\ndata: [DONE]\n')).toBe(true);
  });

  it('applies to non-streamed and raw replies too', async () => {
    mock.enqueue(
      { type: 'chat', text: 'hello', fault: { kind: 'drop-after-chunks', chunks: 0 } },
      {
        type: 'raw',
        chunks: ['data: 1\n\n', 'data: 2\n\n'],
        fault: { kind: 'drop-after-chunks', chunks: 1 },
      },
    );
    const json = await post(`${mock.url}/chat/completions`, { ...request, stream: false });
    await expect(json.text()).rejects.toThrow();
    const raw = await readBody(await post(`${mock.url}/chat/completions`, request));
    expect(raw.text).toBe('data: 1\n\n');
    expect(raw.error).toBeDefined();
  });
});
