import { FirstChunkTimeoutError, IdleTimeoutError } from '../errors/connection.js';
import type { APIConnectionTimeoutError } from '../errors/connection.js';
import type { APIErrorInit } from '../errors/api-error.js';

/** The body timers of one response. @internal */
export interface Watchdog {
  /** Something arrived: the idle timer starts over. Cheap: it only records the time. */
  touch(): void;
  /** The first event arrived: the first-chunk timer stops. */
  firstEvent(): void;
  /** Clears every timer. */
  stop(): void;
}

/**
 * Starts the idle and first-chunk timers of a response body (`0` = off). A timer re-arms itself for the
 * remaining time instead of being reset on every chunk, so `touch()` costs one clock read.
 *
 * @internal
 */
export function startWatchdog(
  limits: { idleTimeout: number; firstChunkTimeout: number },
  context: APIErrorInit,
  onTimeout: (error: APIConnectionTimeoutError) => void,
): Watchdog {
  const now = () => globalThis.performance?.now() ?? Date.now();
  let last = now();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let firstTimer: ReturnType<typeof setTimeout> | undefined;
  const { idleTimeout, firstChunkTimeout } = limits;

  const fire = (error: APIConnectionTimeoutError) => {
    stop();
    onTimeout(error);
  };
  const checkIdle = () => {
    const waited = now() - last;
    if (waited < idleTimeout) {
      idleTimer = setTimeout(checkIdle, Math.max(1, Math.ceil(idleTimeout - waited)));
      return;
    }
    const message = `No data for ${idleTimeout} ms (idleTimeout)`;
    fire(
      new IdleTimeoutError(message, {
        ...context,
        timeout: 'idle',
        ms: idleTimeout,
      }),
    );
  };
  const stop = () => {
    clearTimeout(idleTimer);
    clearTimeout(firstTimer);
    idleTimer = firstTimer = undefined;
  };

  if (idleTimeout > 0) idleTimer = setTimeout(checkIdle, idleTimeout);
  if (firstChunkTimeout > 0) {
    firstTimer = setTimeout(() => {
      const message = `No event within ${firstChunkTimeout} ms of the response headers (firstChunkTimeout)`;
      const init = { ...context, timeout: 'firstChunk' as const, ms: firstChunkTimeout };
      fire(new FirstChunkTimeoutError(message, init));
    }, firstChunkTimeout);
  }
  return {
    touch: () => {
      last = now();
    },
    firstEvent: () => {
      clearTimeout(firstTimer);
      firstTimer = undefined;
    },
    stop,
  };
}
