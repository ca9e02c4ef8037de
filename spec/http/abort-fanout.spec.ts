import { getEventListeners } from 'node:events';
import { describe, expect, it, jest } from '@jest/globals';
import { onAbort } from '../../lib/http/abort-fanout.js';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('onAbort', () => {
  it('adds one real listener for any number of callbacks and calls each once on abort', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    for (let i = 0; i < 50; i++) onAbort(controller.signal, () => calls.push(i));
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    controller.abort();
    expect(calls).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(listeners(controller.signal)).toBe(0);
  });

  it('removes the real listener when the last callback is unregistered, and adds it again later', () => {
    const controller = new AbortController();
    const a = jest.fn<() => void>();
    const b = jest.fn<() => void>();
    const offA = onAbort(controller.signal, a);
    const offB = onAbort(controller.signal, b);
    offA();
    offA(); // idempotent
    expect(listeners(controller.signal)).toBe(1);
    offB();
    expect(listeners(controller.signal)).toBe(0);
    const c = jest.fn<() => void>();
    onAbort(controller.signal, c);
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
    expect(c).toHaveBeenCalledTimes(1);
  });

  it('keeps signals apart, and counts the same callback registered twice as two entries', () => {
    const one = new AbortController();
    const two = new AbortController();
    const callback = jest.fn<() => void>();
    const off = onAbort(one.signal, callback);
    onAbort(one.signal, callback);
    onAbort(two.signal, callback);
    off();
    one.abort();
    expect(callback).toHaveBeenCalledTimes(1);
    two.abort();
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('skips a callback that an earlier callback unregistered during the abort', () => {
    const controller = new AbortController();
    const second = jest.fn<() => void>();
    let offSecond = () => {};
    onAbort(controller.signal, () => offSecond());
    offSecond = onAbort(controller.signal, second);
    controller.abort();
    expect(second).not.toHaveBeenCalled();
  });

  it('a throwing callback does not stop the others (its error is reported asynchronously)', async () => {
    jest.useFakeTimers();
    try {
      const controller = new AbortController();
      const after = jest.fn<() => void>();
      onAbort(controller.signal, () => {
        throw new Error('boom');
      });
      onAbort(controller.signal, after);
      controller.abort();
      expect(after).toHaveBeenCalledTimes(1);
      expect(() => jest.runOnlyPendingTimers()).toThrow('boom');
    } finally {
      jest.useRealTimers();
    }
  });

  it('never calls anything for a signal that was already aborted', () => {
    const callback = jest.fn<() => void>();
    const off = onAbort(AbortSignal.abort(), callback);
    off();
    expect(callback).not.toHaveBeenCalled();
  });
});
