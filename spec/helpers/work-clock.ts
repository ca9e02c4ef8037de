/**
 * A clock for ratio tests of algorithmic complexity: this process's CPU time in ms where Node provides it
 * (other processes on a busy machine do not inflate it), else `performance.now()` (in a browser).
 */
export function workClock(): number {
  const proc = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (proc?.cpuUsage) {
    const { user, system } = proc.cpuUsage();
    return (user + system) / 1000;
  }
  return performance.now();
}
