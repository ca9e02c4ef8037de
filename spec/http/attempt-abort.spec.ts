import { describe, expect, it } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import { createClient } from '../../lib/client.js';
import { startMockServer } from '../../lib/testing/index.js';

// A timed-out attempt must close its socket even when a retry follows. ky aborts an attempt through the
// signal of a cloned Request, which follows its parent only weakly; after a garbage collection that abort
// was lost and the stalled connection stayed open (found by the fault-schedule property test on Node 22).
describe('a timed-out attempt before a retry', () => {
  it('closes its connection (the server sees it), whatever the garbage collector does', async () => {
    const mock = await startMockServer();
    const gc = (globalThis as { gc?: () => void }).gc;
    const collector = gc ? setInterval(gc, 10) : undefined;
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
      const chunks = await lastValueFrom(
        client.chat.completions.create({ model: 'm', messages: [], stream: true }).pipe(toArray()),
      );
      expect(chunks.length).toBeGreaterThan(0);
      expect(mock.requests).toHaveLength(3);
      const stalled = mock.requests[1]!;
      const closed = await Promise.race([
        stalled.closed.then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('still open'), 2000)),
      ]);
      expect(closed).toBe('closed');
    } finally {
      if (collector) clearInterval(collector);
      await mock.close();
    }
  });
});
