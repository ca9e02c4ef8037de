/** The one real 'abort' listener of a signal and the callbacks it calls. */
interface Fanout {
  readonly callbacks: Set<() => void>;
  readonly listener: () => void;
}

const fanouts = new WeakMap<AbortSignal, Fanout>();

/**
 * Calls `callback` once when `signal` aborts, sharing ONE real 'abort' listener between every callback
 * registered on the same signal, so many concurrent requests on one signal never pass the runtime's
 * listener limit (Node warns at the 11th listener). The returned function unregisters the callback; the
 * real listener is removed once no callback is left. A callback that throws does not stop the others
 * (its error is reported asynchronously). Nothing is called for a signal that is already aborted: check
 * `signal.aborted` first.
 *
 * @param signal - the signal to watch.
 * @param callback - what to run when it aborts.
 * @returns a function that unregisters `callback` (safe to call more than once).
 *
 * @internal
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let fanout = fanouts.get(signal);
  if (!fanout) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      fanouts.delete(signal);
      // Runs each callback still registered: one may unregister another (an rxjs teardown chain).
      for (const entry of [...callbacks]) {
        if (!callbacks.has(entry)) continue;
        callbacks.delete(entry);
        try {
          entry();
        } catch (error) {
          setTimeout(() => {
            throw error;
          });
        }
      }
    };
    fanout = { callbacks, listener };
    fanouts.set(signal, fanout);
    signal.addEventListener('abort', listener, { once: true });
  }
  const own = fanout;
  // A fresh function per registration: the same callback registered twice is two entries.
  const entry = () => callback();
  own.callbacks.add(entry);
  return () => {
    if (!own.callbacks.delete(entry) || own.callbacks.size > 0) return;
    signal.removeEventListener('abort', own.listener);
    if (fanouts.get(signal) === own) fanouts.delete(signal);
  };
}
