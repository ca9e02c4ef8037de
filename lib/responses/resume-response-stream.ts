import { Observable, timer, type Subscription } from 'rxjs';
import { backoffMs } from '../http/retry-policy.js';
import { MAX_TIMER_MS } from '../http/validate.js';
import { isAPIConnectionError } from '../errors/connection.js';
import { isResponseResumeError, ResponseResumeError } from '../errors/responses.js';
import type { StreamEvent } from '../http/events.js';
import type { ResponseStreamEvent } from './stream-event-schema.js';

/**
 * How a dropped background Responses stream is resumed.
 *
 * @example
 * ```ts
 * import type { ResumeOptions } from 'rxjs-openai-stream';
 *
 * const resume: ResumeOptions = { maxAttempts: 3, backoff: (attempt) => 250 * attempt };
 * ```
 */
export interface ResumeOptions {
  /**
   * Reconnects in a row that bring no new event before giving up with `ResponseResumeError`. A reconnect
   * that delivers a new event resets the count.
   * @defaultValue 5
   */
  maxAttempts?: number;
  /**
   * Wait before a reconnect, in ms: a number (finite, >= 0, at most 2147483647), or a function of the
   * attempt number (1 for the first reconnect after progress, then 2, 3, ... while attempts bring nothing
   * new) whose result is clamped to that range (`NaN` reads as 0).
   * @defaultValue `min(8000, 500 * 2 ** (attempt - 1))` with up to 25% random jitter
   */
  backoff?: number | ((attempt: number) => number);
}

/**
 * Where a resumed stream starts: the response and the last `sequence_number` already delivered.
 *
 * @example
 * ```ts
 * import type { ResumeCursor } from 'rxjs-openai-stream';
 *
 * const cursor: ResumeCursor = { responseId: 'resp_123', startingAfter: 41 };
 * ```
 */
export interface ResumeCursor {
  responseId: string;
  startingAfter: number;
}

/** A wait clamped to what a timer can do: 0 for NaN or less, at most {@link MAX_TIMER_MS}. */
function clampDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}

/**
 * Makes one seamless stream out of a Responses stream and its resumptions: when a connection fails with
 * an `APIConnectionError` (a drop, a reset, a truncated body, a timeout) once the response id is known
 * (and the `sequence_number` of what was delivered), it waits `backoff` and reopens after the highest
 * `sequence_number` delivered (`open(cursor)`). A resumed connection's events up to that number are
 * replays and dropped, so each arrives once; the first connection's events are all delivered, whatever
 * order their sequence numbers come in. It gives up with `ResponseResumeError` after `maxAttempts`
 * reconnects in a row that bring nothing new. Other errors pass through. Unsubscribing cancels a pending
 * wait: no request follows.
 *
 * @param open - opens a connection: `null` for the first (the POST), a cursor for a resumption.
 * @param options - attempts and backoff, and the cursor to start from (`retrieve` knows it upfront).
 * @returns A cold Observable of the events of all connections (their `open` events included).
 * @internal
 */
export function resumeResponseStream(
  open: (cursor: ResumeCursor | null) => Observable<StreamEvent<ResponseStreamEvent>>,
  options: ResumeOptions & { initial?: ResumeCursor | null },
): Observable<StreamEvent<ResponseStreamEvent>> {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? backoffMs;
  const delayOf = (attempt: number) => clampDelay(typeof backoff === 'number' ? backoff : backoff(attempt));
  return new Observable((subscriber) => {
    let responseId = options.initial?.responseId ?? null;
    let last = options.initial?.startingAfter ?? -1;
    let streak = 0;
    let delivered = false;
    let connection: Subscription | undefined;
    let wait: Subscription | undefined;

    const connect = (cursor: ResumeCursor | null, resumed: boolean) => {
      let progressed = false;
      // Only a resumed connection replays: it skips what came before it. The first trusts its server,
      // whatever order its sequence numbers come in.
      const seen = resumed ? last : -1;
      connection = open(cursor).subscribe({
        next(item) {
          if (item.type === 'data') {
            const event = item.data;
            const sequence = event.sequence_number;
            if (sequence >= 0 && sequence <= seen) return;
            delivered = true;
            progressed = true;
            if (sequence > last) last = sequence;
            responseId ??= responseIdOf(event);
          }
          subscriber.next(item);
        },
        error(error: unknown) {
          streak = progressed ? 0 : streak + 1;
          const resumable = isAPIConnectionError(error) && !isResponseResumeError(error);
          // Without an id there is nothing to resume; without a sequence_number, no way to skip what was seen.
          if (!resumable || responseId === null || (last < 0 && delivered)) return subscriber.error(error);
          if (streak >= maxAttempts) {
            const init = { responseId, lastSequenceNumber: last, reconnectAttempts: streak, cause: error };
            return subscriber.error(new ResponseResumeError(init));
          }
          const next = { responseId, startingAfter: last };
          wait = timer(delayOf(streak + 1)).subscribe(() => connect(next, true));
        },
        complete: () => subscriber.complete(),
      });
    };

    connect(options.initial ?? null, false);
    return () => {
      wait?.unsubscribe();
      connection?.unsubscribe();
    };
  });
}

const LIFECYCLE = new Set(['response.created', 'response.in_progress', 'response.queued']);

function responseIdOf(event: ResponseStreamEvent): string | null {
  if (!LIFECYCLE.has(event.type) || !('response' in event)) return null;
  const response = event.response as { id?: unknown };
  return typeof response.id === 'string' && response.id ? response.id : null;
}
