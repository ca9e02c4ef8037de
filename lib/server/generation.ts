import { Subscription, type Observable } from 'rxjs';
import type { StreamEvent } from '../http/events.js';
import type { StreamEntry, StreamStore } from './stream-store.js';
import { StreamStoreFullError } from './stream-store-errors.js';

/** How a generation began: its upstream answered (`ok`), or it failed first (nothing was stored). @internal */
export type GenerationStart = { ok: true } | { ok: false; error: unknown };

/** One upstream generation that a relay instance owns, stored as it arrives. @internal */
export interface Generation {
  readonly id: string;
  /** Settles when the upstream response started (HTTP 200) or failed before it. */
  readonly started: Promise<GenerationStart>;
  /** A watcher joined; call the returned function when it leaves. */
  attach(): () => void;
  /** Stops the upstream request now and ends the stream with `entry`. */
  stop(entry: StreamEntry): void;
}

/** What {@link startGeneration} needs. @internal */
export interface GenerationOptions {
  id: string;
  store: StreamStore;
  events$: Observable<StreamEvent<unknown>>;
  /** The terminal entry for an upstream error. */
  entryForError: (error: unknown) => StreamEntry;
  onDisconnect: 'detach' | 'abort';
  detachTimeout: number;
  /** Called once, when the generation is over (the concurrency slot is released here). */
  onEnd: () => void;
}

/** The entry of a generation that every watcher left (after `detachTimeout`, or at once with `'abort'`). */
export const ABANDONED_ENTRY: StreamEntry = Object.freeze({
  type: 'error',
  error: Object.freeze({
    message: 'The generation was stopped: nobody was watching it.',
    type: 'invalid_request_error',
    code: 'stream_abandoned',
    param: null,
  }),
});

/**
 * Subscribes to the upstream request and appends what it emits to the store, in order. The generation goes
 * on while nobody watches, up to `detachTimeout` (or stops at once with `onDisconnect: 'abort'`); it
 * heartbeats the store, which reports cancels and watchers on other instances.
 *
 * @internal
 */
export async function startGeneration(options: GenerationOptions): Promise<Generation> {
  const { id, store } = options;
  await store.create(id);
  let resolveStarted!: (start: GenerationStart) => void;
  const started = new Promise<GenerationStart>((resolve) => (resolveStarted = resolve));
  let opened = false;
  let over = false;
  let watchers = 0;
  let watchedElsewhere = false;
  let detachTimer: ReturnType<typeof setTimeout> | undefined;
  let appends: Promise<unknown> = Promise.resolve();
  // Closed by finish(); an upstream subscription added after that is unsubscribed at once.
  const upstream = new Subscription();

  const finish = (): void => {
    if (over) return;
    over = true;
    clearInterval(heartbeat);
    clearTimeout(detachTimer);
    upstream.unsubscribe();
    if (!opened) resolveStarted({ ok: false, error: new Error('stopped before the upstream answered') });
    options.onEnd();
  };
  const append = (entry: StreamEntry): void => {
    appends = appends
      .then(() => store.append(id, entry))
      .then(
        (stored) => {
          if (!stored) finish(); // the stream ended elsewhere (cancelled on another instance)
        },
        (error: unknown) => {
          finish();
          if (error instanceof StreamStoreFullError) {
            const body = { message: 'The relay is out of stream storage.', type: 'server_error' };
            void store.append(id, { type: 'error', error: { ...body, code: error.code, param: null } });
          }
        },
      );
  };
  const stop = (entry: StreamEntry): void => {
    if (over) return;
    finish();
    append(entry);
  };
  const checkWatchers = (): void => {
    if (over || !opened || watchers > 0 || watchedElsewhere) return clearTimeout(detachTimer);
    if (options.onDisconnect === 'abort') return stop(ABANDONED_ENTRY);
    if (detachTimer === undefined) {
      detachTimer = setTimeout(() => {
        detachTimer = undefined;
        if (watchers === 0 && !watchedElsewhere) stop(ABANDONED_ENTRY);
      }, options.detachTimeout);
    }
  };

  const heartbeat = setInterval(() => {
    store.heartbeat(id).then(
      (status) => {
        if (status.cancelled) return finish(); // the canceller wrote the terminal entry
        watchedElsewhere = status.watched && watchers === 0;
        checkWatchers();
      },
      () => {}, // a missed beat: readers elsewhere time out only after several
    );
  }, store.heartbeatMs);

  upstream.add(
    options.events$.subscribe({
      next(event) {
        if (event.type === 'open') {
          if (!opened) resolveStarted({ ok: true });
          opened = true;
          return checkWatchers();
        }
        append({ type: 'data', data: JSON.stringify(event.data) });
      },
      error(error: unknown) {
        if (!opened) resolveStarted({ ok: false, error });
        opened = true;
        stop(options.entryForError(error));
      },
      complete() {
        opened = true;
        resolveStarted({ ok: true });
        stop({ type: 'done' });
      },
    }),
  );

  return {
    id,
    started,
    attach() {
      watchers++;
      clearTimeout(detachTimer);
      detachTimer = undefined;
      let attached = true;
      return () => {
        if (!attached) return;
        attached = false;
        watchers--;
        checkWatchers();
      };
    },
    stop,
  };
}
