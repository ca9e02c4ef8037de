// `for await` pulls (issue 10 item 6): against a server that writes a 50 MB stream as fast as its socket
// takes it, a consumer that stops taking chunks makes the client stop reading and the server's writes block;
// `break` aborts the request.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { from, Observable } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { toAsyncIterable } from '../../lib/index.js';
import { delay } from '../http/helpers.js';
import { chunkFrame, startLoopback, type LoopbackServer } from './loopback.js';

const FRAME = chunkFrame('x'.repeat(1000));
const FRAME_BYTES = Buffer.byteLength(FRAME);
const TOTAL_BYTES = 50 * 1024 * 1024;
const MB = 1024 * 1024;

/** What the server did with the one stream it writes. */
interface Writer {
  written: number;
  /** `res.write` returned false and no 'drain' came since. */
  blocked: boolean;
  closed: Promise<boolean>;
}

describe('issue 10 item 6: backpressure for for-await', () => {
  let server: LoopbackServer;
  let writer: Writer | undefined;
  beforeAll(async () => {
    server = await startLoopback((_request, res) => {
      const state: Writer = {
        written: 0,
        blocked: false,
        closed: once(res, 'close').then(() => !res.writableFinished),
      };
      writer = state;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const pump = () => {
        while (state.written < TOTAL_BYTES) {
          state.written += FRAME_BYTES;
          if (!res.write(FRAME)) {
            state.blocked = true;
            res.once('drain', () => {
              state.blocked = false;
              pump();
            });
            return;
          }
        }
        res.end('data: [DONE]\n\n');
      };
      pump();
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('10.6 a slow for-await consumer blocks the server, the client holds little untaken, break aborts', async () => {
    // Counts the body bytes the library has read, with a pass-through around the real fetch's body.
    let pulled = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const counted = response.body!.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      const { status, statusText, headers } = response;
      return new Response(counted, { status, statusText, headers });
    };
    const client = createClient({ apiKey: 'sk-test', baseURL: `${server.origin}/v1`, fetch: countingFetch });
    const stream = client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'A lot, please.' }],
      stream: true,
    });
    let taken = 0;
    let measured: { written: number; blocked: boolean; pulled: number } | undefined;
    for await (const chunk of stream) {
      expect(chunk.choices[0]?.delta.content).toHaveLength(1000);
      taken++;
      if (taken % 10 === 0) await delay(2); // a slow consumer
      if (taken < 100) continue;
      // The consumer stops taking: wait until the server's writes stay blocked.
      let last = -1;
      for (let tries = 0; tries < 100 && !(writer!.blocked && writer!.written === last); tries++) {
        last = writer!.written;
        await delay(20);
      }
      measured = { written: writer!.written, blocked: writer!.blocked, pulled };
      break;
    }
    const takenBytes = taken * FRAME_BYTES;
    expect(measured?.blocked).toBe(true);
    // The rest sits in socket buffers, kernel send and receive (measured: about 4 MB on loopback).
    expect(measured!.written - takenBytes).toBeLessThan(16 * MB);
    expect(measured!.written).toBeLessThan(TOTAL_BYTES / 2);
    // What the library read but the consumer has not taken: a read or two (measured: about 5 KB).
    expect(measured!.pulled - takenBytes).toBeLessThan(256 * 1024);
    expect(await writer!.closed).toBe(true); // break aborted: the server saw the socket close early
  });

  it('10.6 toAsyncIterable yields every value of a plain Observable, in order', async () => {
    const values: number[] = [];
    for await (const value of toAsyncIterable(from([1, 2, 3]))) values.push(value);
    const later = new Observable<string>((subscriber) => {
      const timer = setTimeout(() => {
        subscriber.next('a');
        subscriber.next('b');
        subscriber.complete();
      }, 5);
      return () => clearTimeout(timer);
    });
    const strings: string[] = [];
    for await (const value of toAsyncIterable(later)) strings.push(value);
    expect(values).toEqual([1, 2, 3]);
    expect(strings).toEqual(['a', 'b']);
  });

  it('10.6 toAsyncIterable rethrows an error after the values before it', async () => {
    const failing = new Observable<number>((subscriber) => {
      subscriber.next(1);
      subscriber.error(new Error('broken'));
    });
    const values: number[] = [];
    await expect(
      (async () => {
        for await (const value of toAsyncIterable(failing)) values.push(value);
      })(),
    ).rejects.toThrow('broken');
    expect(values).toEqual([1]);
  });
});
