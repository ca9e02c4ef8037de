import { afterEach, describe, expect, it } from '@jest/globals';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { lastValueFrom, toArray } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { textDeltas } from '../../lib/chat/operators/index.js';
import { MESSAGES, sequenceText, startRig, type RelayRig } from './helpers.js';

/**
 * A TCP proxy in front of the relay that cuts the first connection once `cutAfterBytes` of its response
 * went through: a real dropped connection in the middle of a stream.
 */
async function startCuttingProxy(
  target: URL,
  cutAfterBytes: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((client) => {
    const cut = ++connections === 1;
    const upstream = createConnection(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let sent = 0;
    client.pipe(upstream);
    upstream.on('data', (data: Buffer) => {
      client.write(data);
      sent += data.length;
      if (cut && sent >= cutAfterBytes) {
        client.destroy();
        upstream.destroy();
      }
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let rig: RelayRig | undefined;
let proxy: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await proxy?.close();
  await rig?.close();
  rig = proxy = undefined;
});

describe('the browser client resumes through a relay', () => {
  it('survives a dropped connection: every chunk once, in order, one upstream request', async () => {
    const n = 40;
    rig = await startRig({}, { reply: { type: 'chat', text: sequenceText(n) }, chunkDelayMs: 5 });
    const cutting = await startCuttingProxy(new URL(rig.url), 1500);
    proxy = cutting;
    const client = createClient({ baseURL: cutting.url, maxRetries: 2 });
    const deltas = await lastValueFrom(
      client.chat.completions
        .create({ model: 'gpt-mock', messages: MESSAGES, stream: true })
        .pipe(textDeltas(), toArray()),
    );
    expect(deltas.join('')).toBe(sequenceText(n));
    expect(rig.mock.requests).toHaveLength(1);
  });
});

describe('the browser client and a relay generation', () => {
  it('unsubscribing cancels the generation at once (DELETE /streams/{id}), not after detachTimeout', async () => {
    rig = await startRig(
      { detachTimeout: 60_000 },
      { reply: { type: 'chat', text: sequenceText(400) }, chunkDelayMs: 5 },
    );
    const client = createClient({ baseURL: rig.url, maxRetries: 0 });
    const upstream = new Promise<void>((resolve) => {
      const subscription = client.chat.completions
        .create({ model: 'gpt-mock', messages: MESSAGES, stream: true })
        .subscribe(() => {
          subscription.unsubscribe();
          resolve();
        });
    });
    await upstream;
    await rig.mock.requests[0]?.closed; // the upstream socket closed long before the 60 s detachTimeout
    expect(rig.mock.requests).toHaveLength(1);
  });

  it('a Responses stream through a relay survives a dropped connection too', async () => {
    const n = 30;
    rig = await startRig({}, { reply: { type: 'responses', text: sequenceText(n) }, chunkDelayMs: 5 });
    const cutting = await startCuttingProxy(new URL(rig.url), 1500);
    proxy = cutting;
    const client = createClient({ baseURL: cutting.url, maxRetries: 0 });
    const events = await lastValueFrom(
      client.responses.create({ model: 'gpt-mock', input: 'Count', stream: true }).pipe(toArray()),
    );
    const text = events
      .map((event) => (event.type === 'response.output_text.delta' ? event.delta : ''))
      .join('');
    expect(text).toBe(sequenceText(n));
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(rig.mock.requests).toHaveLength(1);
  });
});
