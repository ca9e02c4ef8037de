// A read-only view of an append-only array as it was at one moment: its first `size` items, then the
// element in progress (if any). Making one costs O(1) however long the array is, so a partial object
// can show a growing array in every snapshot without copying it. `Array.isArray`, indexing, iteration,
// spread, `Object.keys` and `JSON.stringify` see a plain array; writes fail; `Object.freeze(view)` copies
// the items into the target once, and the view then behaves as that frozen array.

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** A read-only view of `items[0..size)` followed by `last` when it is defined. @internal */
export function arrayView(items: readonly unknown[], size: number, last: unknown): readonly unknown[] {
  const target: unknown[] = [];
  // Node's console.log looks up this hook on the target, not through the traps.
  Object.defineProperty(target, INSPECT, { value: () => [...(view as unknown[])], configurable: true });
  const view = new Proxy(target, new ArrayViewHandler(items, size, last));
  return view;
}

const ABSENT = Symbol('absent');

class ArrayViewHandler implements ProxyHandler<unknown[]> {
  private readonly length: number;
  private sealed = false;

  constructor(
    private readonly items: readonly unknown[],
    private readonly size: number,
    private readonly last: unknown,
  ) {
    this.length = last === undefined ? size : size + 1;
  }

  private read(key: string | symbol): unknown {
    if (key === 'length') return this.length;
    if (typeof key !== 'string') return ABSENT;
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= this.length || String(index) !== key) return ABSENT;
    return index < this.size ? this.items[index] : this.last;
  }

  get(target: unknown[], key: string | symbol, receiver: unknown): unknown {
    if (this.sealed) return Reflect.get(target, key, receiver);
    const value = this.read(key);
    return value === ABSENT ? Reflect.get(Array.prototype, key, receiver) : value;
  }

  has(target: unknown[], key: string | symbol): boolean {
    if (this.sealed) return Reflect.has(target, key);
    return this.read(key) !== ABSENT || Reflect.has(Array.prototype, key);
  }

  ownKeys(target: unknown[]): (string | symbol)[] {
    if (this.sealed) return Reflect.ownKeys(target);
    return [...Array.from({ length: this.length }, (_, i) => String(i)), 'length'];
  }

  getOwnPropertyDescriptor(target: unknown[], key: string | symbol): PropertyDescriptor | undefined {
    if (this.sealed || key === INSPECT) return Reflect.getOwnPropertyDescriptor(target, key);
    const value = this.read(key);
    if (value === ABSENT) return undefined;
    // The target's own `length` is non-configurable: it must be reported so (and writable).
    if (key === 'length') return { value, writable: true, enumerable: false, configurable: false };
    return { value, writable: false, enumerable: true, configurable: true };
  }

  set(): boolean {
    return false;
  }

  defineProperty(target: unknown[], key: string | symbol, descriptor: PropertyDescriptor): boolean {
    return this.sealed && Reflect.defineProperty(target, key, descriptor);
  }

  deleteProperty(target: unknown[], key: string | symbol): boolean {
    return this.sealed && Reflect.deleteProperty(target, key);
  }

  setPrototypeOf(_target: unknown[], proto: object | null): boolean {
    return proto === Array.prototype;
  }

  preventExtensions(target: unknown[]): boolean {
    if (!this.sealed) {
      delete (target as unknown as Record<symbol, unknown>)[INSPECT];
      for (let i = 0; i < this.length; i++) target.push(i < this.size ? this.items[i] : this.last);
      Object.freeze(target);
      this.sealed = true;
    }
    return true;
  }
}
