import type { ServerResponse } from 'node:http';
import { DEFAULT_DRIP_INTERVAL_MS, garbageBytes, rewriteFrames, type MockFault } from './fault.js';

/**
 * Everything needed to write one reply: the status line, headers and body frames, plus pacing and fault.
 * @internal
 */
export interface ReplyPlan {
  status: number;
  headers: Record<string, string>;
  frames: Array<string | Uint8Array>;
  /** Whether the last frame is a terminal frame (`no-done` and `done-without-blank-line` apply to it). */
  hasTerminal: boolean;
  delayMs: number;
  fault?: MockFault | undefined;
}

/**
 * Where a plan is written, and how the writer reports progress and tears the connection down.
 * @internal
 */
export interface PlanTarget {
  res: ServerResponse;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
  stats: { framesSent: number; bytesSent: number };
  /** Tears the socket down from the server side (reset sends a TCP RST). */
  destroy(mode: 'destroy' | 'reset'): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function write(target: PlanTarget, bytes: Uint8Array): Promise<void> {
  const { res, signal, stats } = target;
  return new Promise((resolve) => {
    if (signal.aborted || res.destroyed) return resolve();
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    stats.bytesSent += bytes.byteLength;
    res.write(bytes, () => done());
  });
}

const encoder = new TextEncoder();

/**
 * Writes a reply plan to the response, pacing frames and injecting the plan's fault; resolves when the
 * response ended, was torn down, or the client went away.
 * @internal
 */
export async function writePlan(plan: ReplyPlan, target: PlanTarget): Promise<void> {
  const { res, signal, stats } = target;
  const fault = plan.fault;
  if (fault?.kind === 'stall-before-headers') return untilAborted(signal);
  res.writeHead(plan.status, plan.headers);
  res.flushHeaders();
  if (fault?.kind === 'stall') return untilAborted(signal);
  if (fault?.kind === 'headers-then-end') return void res.end();
  if (fault?.kind === 'garbage') {
    await write(target, garbageBytes());
    return void res.end();
  }
  const frames = rewriteFrames(plan.frames, fault, plan.hasTerminal).map((frame) =>
    typeof frame === 'string' ? encoder.encode(frame) : frame,
  );
  for (let i = 0; i < frames.length; i++) {
    if (signal.aborted) return;
    if (fault?.kind === 'drop-after-chunks' && i >= fault.chunks) return target.destroy('destroy');
    if (fault?.kind === 'stall-after-chunks' && i >= fault.chunks) return untilAborted(signal);
    const frame = frames[i]!;
    if (fault?.kind === 'drip') {
      for (let b = 0; b < frame.byteLength; b++) {
        if (i > 0 || b > 0) await sleep(fault.intervalMs ?? DEFAULT_DRIP_INTERVAL_MS, signal);
        if (signal.aborted) return;
        await write(target, frame.subarray(b, b + 1));
      }
    } else {
      if (i > 0 && plan.delayMs > 0) await sleep(plan.delayMs, signal);
      if (fault?.kind === 'reset-after-bytes' && stats.bytesSent + frame.byteLength >= fault.bytes) {
        await write(target, frame.subarray(0, Math.max(0, fault.bytes - stats.bytesSent)));
        return target.destroy('reset');
      }
      await write(target, frame);
    }
    if (signal.aborted) return;
    stats.framesSent++;
  }
  if (fault?.kind === 'drop-after-chunks') return target.destroy('destroy');
  if (fault?.kind === 'stall-after-chunks') return untilAborted(signal);
  if (fault?.kind === 'reset-after-bytes') return target.destroy('reset');
  res.end();
}
