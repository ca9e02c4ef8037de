// Small helpers on the JSON-like values of partial objects: own properties that are never the prototype
// setter, deep freezing and deep equality done with explicit stacks (values may be nested deeper than the
// call stack allows), and the shallow comparison that keeps a snapshot's identity when nothing changed.

/** Sets an own data property, also for `__proto__` (never the prototype setter). @internal */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Freezes a value and everything reachable from it. @internal */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const key of Object.keys(next)) stack.push((next as Record<string, unknown>)[key]);
  }
  return value;
}

/** True when two snapshots of an object have the same keys, in order, with the same values. @internal */
export function sameMembers(next: Record<string, unknown>, previous: unknown): boolean {
  if (typeof previous !== 'object' || previous === null) return false;
  const keys = Object.keys(next);
  const before = Object.keys(previous);
  return (
    keys.length === before.length &&
    keys.every((key, i) => key === before[i] && next[key] === (previous as Record<string, unknown>)[key])
  );
}

/** Deep equality of JSON-like values, views included. @internal */
export function sameJSON(first: unknown, second: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[first, second]];
  while (stack.length) {
    const [a, b] = stack.pop() as [unknown, unknown];
    if (a === b) continue;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
      stack.push([(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]]);
    }
  }
  return true;
}
