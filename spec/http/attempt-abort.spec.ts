import { afterEach, describe, expect, it } from '@jest/globals';
import { setInterval as setRealInterval, clearInterval as clearRealInterval } from 'node:timers';
import { setTimeout as realDelay } from 'node:timers/promises';
import { lastValueFrom, toArray } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { startMockServer } from '../../lib/testing/index.js';
import { backoff, fire, useRealTime, useVirtualTime } from '../helpers/virtual-time.js';

// A timed-out attempt must close its socket even when a retry follows. ky aborts an attempt through the
// signal of a cloned Request, which follows its parent only weakly; after a garbage collection that abort
// was lost and the stalled connection stayed open (found by the fault-schedule property test on Node 22).
// The retry waits and the request timeout run on the fake clock; the collector (with --expose-gc) runs on
// the real one.
describe('a timed-out attempt before a retry', () => {
  afterEach(useRealTime);

  it('closes its connection (the server sees it), whatever the garbage collector does', async () => {
    const mock = await startMockServer();
    const gc = (globalThis as { gc?: () => void }).gc;
    const collector = gc ? setRealInterval(gc, 10) : undefined;
    useVirtualTime();
    try {
      mock.enqueue(
        { type: 'status', status: 503, headers: { 'retry-after-ms': '10' } },
        { type: 'chat', fault: { kind: 'stall-before-headers' } },
      );
      const client = createClient({
        apiKey: 'sk-test-attempt-abort',
        baseURL: mock.url,
        maxRetries: 2,
        timeout: 200,
      });
      const outcome = lastValueFrom(
        client.chat.completions.create({ model: 'm', messages: [], stream: true }).pipe(toArray()),
      );
      await fire(10); // retry-after-ms
      await mock.waitForRequests(2);
      await fire(200); // the stalled attempt's request timeout
      await fire(backoff(2));
      const chunks = await outcome;
      expect(chunks.length).toBeGreaterThan(0);
      expect(mock.requests).toHaveLength(3);
      const stalled = mock.requests[1]!;
      const closed = await Promise.race([
        stalled.closed.then(() => 'closed'),
        realDelay(2000).then(() => 'still open'),
      ]);
      expect(closed).toBe('closed');
    } finally {
      if (collector) clearRealInterval(collector);
      await mock.close();
    }
  });
});
