/** A bound on concurrent upstream streams: `acquire` resolves a release function, or `null` when refused. @internal */
export interface ConcurrencyGate {
  acquire(signal: AbortSignal): Promise<(() => void) | null>;
  readonly active: number;
  readonly queued: number;
}

/**
 * At most `max` holders at once; the others wait in order (`'queue'`, leaving the queue when `signal`
 * aborts) or are refused at once (`'reject'`).
 *
 * @internal
 */
export function createConcurrencyGate(max: number, whenBusy: 'queue' | 'reject'): ConcurrencyGate {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const once = (): (() => void) => {
    let done = false;
    return () => {
      if (!done) release();
      done = true;
    };
  };
  return {
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    acquire(signal) {
      if (active < max) {
        active++;
        return Promise.resolve(once());
      }
      if (whenBusy === 'reject' || signal.aborted) return Promise.resolve(null);
      return new Promise((resolve) => {
        const grant = (): void => {
          signal.removeEventListener('abort', leave);
          resolve(once()); // the slot passes from the releaser to this waiter: `active` stays
        };
        const leave = (): void => {
          const at = waiting.indexOf(grant);
          if (at >= 0) waiting.splice(at, 1);
          resolve(null);
        };
        waiting.push(grant);
        signal.addEventListener('abort', leave, { once: true });
      });
    },
  };
}
