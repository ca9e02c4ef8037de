/**
 * Shared helpers for the benchmark reports: medians, spreads, and the machine line printed above every
 * table (the rows are only comparable on the machine and Node version they were measured on).
 */
import { cpus, loadavg, totalmem } from 'node:os';

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `median (min-max)` with `digits` decimals. */
export function spread(values: number[], digits = 2): string {
  const f = (n: number) => n.toFixed(digits);
  return `${f(median(values))} (${f(Math.min(...values))}-${f(Math.max(...values))})`;
}

/** A ratio as `**1.52x** (1.31-1.70)`: the median of per-round ratios, bold, and their range. */
export function ratio(values: number[]): string {
  return `**${median(values).toFixed(2)}x** (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;
}

/** The current 1-minute load average, as a noise hint. */
export const load = (): string => loadavg()[0]!.toFixed(2);

/** One line naming the machine, the Node version and the date. */
export function machine(): string {
  const cpu = cpus();
  const model = (cpu[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const gb = Math.round(totalmem() / 2 ** 30);
  return `${model}, ${cpu.length} cores, ${gb} GB, Node ${process.version}, ${process.platform}; ${new Date().toISOString().slice(0, 10)}`;
}
