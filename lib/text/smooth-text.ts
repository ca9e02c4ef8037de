import {
  Observable,
  asyncScheduler,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { createStepper, type SmoothTextUnit } from './text-steps.js';

/**
 * Options of {@link smoothText}.
 *
 * @example
 * ```ts
 * import { animationFrameScheduler } from 'rxjs';
 * import { smoothText, type SmoothTextOptions } from 'rxjs-openai-stream';
 *
 * // Direct DOM writes in a browser: one step per animation frame, nothing held back more than 200 ms.
 * const options: SmoothTextOptions = { delay: 0, maxLatency: 200, scheduler: animationFrameScheduler };
 * const smooth = smoothText(options);
 * ```
 */
export interface SmoothTextOptions {
  /** What one step is. @defaultValue `'word'` */
  unit?: SmoothTextUnit;
  /**
   * Milliseconds between two steps while the backlog is small. A larger backlog is taken several steps at
   * a time, so that it drains within `maxLatency`.
   * @defaultValue 16 (one frame at 60 Hz)
   */
  delay?: number;
  /**
   * The most milliseconds any text is held back. Text older than this is emitted at once, even a word
   * whose end has not arrived yet.
   * @defaultValue 300
   */
  maxLatency?: number;
  /**
   * Where the pacing timers run. `asyncScheduler` suits Angular (signals already render once per frame)
   * and the server; with direct DOM writes, `animationFrameScheduler` and `delay: 0` step once per frame.
   * @defaultValue `asyncScheduler`
   */
  scheduler?: SchedulerLike;
}

function checkMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new TypeError(
    `smoothText: option "${name}" must be a non-negative finite number, got ${String(value)}`,
  );
}

function resolve(options: SmoothTextOptions) {
  const unit = options.unit ?? 'word';
  if (unit !== 'word' && unit !== 'grapheme' && unit !== 'line')
    throw new TypeError(
      `smoothText: option "unit" must be 'word', 'grapheme' or 'line', got ${String(unit)}`,
    );
  const scheduler = options.scheduler ?? asyncScheduler;
  if (typeof scheduler?.schedule !== 'function' || typeof scheduler.now !== 'function')
    throw new TypeError('smoothText: option "scheduler" must be an RxJS SchedulerLike');
  const delay = checkMs('delay', options.delay, 16);
  return { unit, scheduler, delay, maxLatency: checkMs('maxLatency', options.maxLatency, 300) };
}

/**
 * Paces bursty text into even steps: a word (or grapheme, or line) at a time, `delay` ms apart, faster
 * when a backlog builds up so that no text waits longer than `maxLatency`. The emitted strings joined are
 * exactly the strings received (empty strings are dropped). The first step after a pause is emitted at
 * once, so a slow stream is not delayed at all.
 *
 * Values that are not strings (tool-call events, a final snapshot) are never delayed: the text received
 * before them is emitted at once in one piece, then the value, so the order is kept. When the source
 * completes, the rest is paced out and then the output completes. When it errors, the text received so
 * far is emitted at once, then the error: nothing delivered is lost and the error is not delayed.
 * Unsubscribing clears the timer and unsubscribes from the source.
 *
 * ```
 * source:  a 100ms |                    a = 'One two three '
 * smoothText({ delay: 10 })
 * output:  x 9ms y 9ms z 80ms |         x = 'One ', y = 'two ', z = 'three '
 * ```
 *
 * @param options - {@link SmoothTextOptions}: the step unit, the pace, the latency cap and the scheduler.
 * @returns an operator that keeps the values and the text, and changes only when text is emitted.
 *
 * @example
 * ```ts
 * import { createClient, smoothText, textDeltas } from 'rxjs-openai-stream';
 *
 * createClient()
 *   .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'A poem?' }], stream: true })
 *   .pipe(textDeltas(), smoothText({ maxLatency: 250 }))
 *   .subscribe((step) => process.stdout.write(step)); // one word at a time, however the network batches
 * ```
 */
export function smoothText<T = string>(options: SmoothTextOptions = {}): MonoTypeOperatorFunction<T> {
  const { unit, scheduler, delay, maxLatency } = resolve(options);
  return (source) =>
    new Observable<T>((subscriber) => {
      const stepEnds = createStepper(unit);
      let pending = '';
      let emitted = 0; // characters emitted so far; arrival marks use offsets in the whole text
      let arrivals: Array<{ end: number; at: number }> = [];
      let final = false;
      let lastStep = -Infinity;
      let timer: Subscription | undefined;
      let due = Infinity;

      const emit = (length: number): void => {
        const text = pending.slice(0, length);
        pending = pending.slice(length);
        emitted += length;
        arrivals = arrivals.filter((mark) => mark.end > emitted);
        subscriber.next(text as T);
      };
      const flush = (): void => {
        cancel();
        if (pending !== '') emit(pending.length);
      };
      const cancel = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        due = Infinity;
      };
      // Steps again as soon as the pace allows: now (synchronously) or `delay` after the last step.
      const wake = (): void => {
        const now = scheduler.now();
        const at = Math.max(now, lastStep + delay);
        if (at > now || (timer && due <= now)) schedule(at);
        else {
          cancel();
          tick();
        }
      };
      const schedule = (at: number): void => {
        if (timer && due <= at) return;
        cancel();
        due = at;
        timer = scheduler.schedule(tick, Math.max(0, at - scheduler.now()));
      };

      function tick(): void {
        timer = undefined;
        due = Infinity;
        const now = scheduler.now();
        const ends = stepEnds(pending, final);
        const oldest = arrivals[0]?.at ?? now;
        const overdue = arrivals.filter((mark) => mark.at <= now - maxLatency).at(-1)?.end ?? emitted;
        let length = 0;
        if (ends.length > 0) {
          const ticksLeft = Math.max(1, Math.floor((oldest + maxLatency - now) / Math.max(delay, 1)));
          length = ends[Math.min(ends.length, Math.ceil(ends.length / ticksLeft)) - 1]!;
        }
        if (overdue - emitted > length)
          length = ends.find((end) => end >= overdue - emitted) ?? pending.length;
        if (length > 0) {
          lastStep = now;
          emit(length);
          if (subscriber.closed) return;
        }
        if (pending !== '')
          schedule(length > 0 || final ? now + delay : (arrivals[0]?.at ?? now) + maxLatency);
        else if (final) subscriber.complete();
      }

      const subscription = source.subscribe({
        next: (value) => {
          if (typeof value !== 'string') {
            flush();
            subscriber.next(value);
            return;
          }
          if (value === '') return;
          pending += value;
          arrivals.push({ end: emitted + pending.length, at: scheduler.now() });
          wake();
        },
        error: (error: unknown) => {
          flush();
          subscriber.error(error);
        },
        complete: () => {
          final = true;
          if (pending === '') subscriber.complete();
          else wake();
        },
      });
      return () => {
        cancel();
        subscription.unsubscribe();
      };
    });
}
