// The containers of the partial-JSON parser, and the read-only views through which a checkpoint shows the
// open ones. Containers under construction are append-only (arrays grow, objects gain keys), so an open
// container as it was at a checkpoint is fully described by its builder plus a size: a view is a Proxy that
// shows the first `size` members (and the value in progress after them) without copying anything. A view
// makes the view of the container below it only when that member is read, so showing a checkpoint costs
// O(1) however wide and deep the open containers are. Closed containers are the builders themselves,
// frozen, and shared by reference.

import { nodeBelow, type PathNode, type Snapshot } from './partial-json-path.js';

/** A container under construction. @internal */
export interface Frame {
  /** The builder of an array (undefined for an object). */
  readonly items: unknown[] | undefined;
  /** The builder of an object (undefined for an array). */
  readonly object: Record<string, unknown> | undefined;
  /** Object keys in order of first appearance. */
  readonly keys: string[];
  /** Position of each object key in `keys`. */
  readonly positions: Map<string, number> | undefined;
  /** Every value of a duplicated key, as [revision, value]; the first value has revision 0. */
  history: Map<string, [number, unknown][]> | undefined;
  /** How many duplicate-key assignments happened so far. */
  revision: number;
  /** Key of the value being parsed inside an object. */
  key: string;
}

/** Creates the frame of a new array or object. @internal */
export function createFrame(array: boolean): Frame {
  return {
    items: array ? [] : undefined,
    object: array ? undefined : {},
    keys: [],
    positions: array ? undefined : new Map(),
    history: undefined,
    revision: 0,
    key: '',
  };
}

/** Sets an own data property, also for `__proto__` (never the prototype setter). */
function setProp(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Adds a complete member to an open container. A duplicate object key keeps its first position and takes
 * the last value (as `JSON.parse`); its earlier values stay in `history`, so older views keep theirs.
 * @internal
 */
export function addMember(frame: Frame, value: unknown): void {
  if (frame.items) {
    frame.items.push(value);
    return;
  }
  const object = frame.object as Record<string, unknown>;
  const positions = frame.positions as Map<string, number>;
  const key = frame.key;
  if (positions.has(key)) {
    const history = (frame.history ??= new Map());
    let versions = history.get(key);
    if (!versions) history.set(key, (versions = [[0, object[key]]]));
    versions.push([++frame.revision, value]);
  } else {
    positions.set(key, frame.keys.length);
    frame.keys.push(key);
  }
  setProp(object, key, value);
}

/** Closes a frame: its builder, frozen, becomes the finished value (no copy). @internal */
export function closeFrame(frame: Frame): unknown {
  return Object.freeze(frame.items ?? (frame.object as object));
}

/** The value a snapshot shows: the view of its outermost open container (or the string in progress). @internal */
export function viewOf(snapshot: Snapshot): unknown {
  return snapshot.root ? viewAt(snapshot.root, 0, snapshot) : snapshot.scalar;
}

/** The view of `node` at `level` of `snapshot`; the view below it is made on first read. */
function viewAt(node: PathNode, level: number, snapshot: Snapshot): object {
  let made: unknown;
  const child =
    level + 1 < snapshot.depth
      ? () => (made ??= viewAt(nodeBelow(node, snapshot.id), level + 1, snapshot))
      : snapshot.scalar === undefined
        ? undefined
        : () => snapshot.scalar;
  return node.frame.items
    ? new Proxy(viewTarget([]), new ArrayView(node.frame.items, node.size, child))
    : new Proxy(viewTarget({}), new ObjectView(node, child));
}

/**
 * The value a snapshot shows, as a plain copy: one frozen copy per open container, built from the
 * innermost outwards in a loop (no recursion, so any depth); closed values are shared. @internal
 */
export function plainOf(snapshot: Snapshot): unknown {
  const nodes: PathNode[] = [];
  for (let node = snapshot.root; node;) {
    nodes.push(node);
    node = nodes.length < snapshot.depth ? nodeBelow(node, snapshot.id) : undefined;
  }
  let plain: unknown = snapshot.scalar;
  for (let level = nodes.length - 1; level >= 0; level--) {
    const node = nodes[level] as PathNode;
    const inner = plain;
    const child = inner === undefined ? undefined : () => inner;
    plain = node.frame.items
      ? new ArrayView(node.frame.items, node.size, child).copy()
      : new ObjectView(node, child).copy();
  }
  return plain;
}

const ABSENT = Symbol('absent');
// Node's util.inspect (console.log) looks up its hook on a Proxy's target, not through the traps; without
// it, a view would print as its empty target.
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

function inspectView(this: object): unknown {
  return Array.isArray(this) ? [...(this as unknown[])] : { ...this };
}

function viewTarget<T extends object>(target: T): T {
  (target as Record<symbol, unknown>)[INSPECT] = inspectView;
  return target;
}

/**
 * The traps of a read-only view. The target is an empty array or object (so `Array.isArray` and the
 * prototype are right); every member is reported by the traps. Writes fail. `Object.freeze(view)` copies
 * the members into the target once ("sealing"); from then on the traps just forward to the frozen target.
 */
abstract class View implements ProxyHandler<object> {
  private sealed = false;
  protected abstract readonly proto: object;
  /** The own value under `key`, or ABSENT. */
  protected abstract read(key: string): unknown;
  /** The own keys, in order. */
  protected abstract names(): string[];

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    if (this.sealed) return Reflect.get(target, key, receiver);
    const value = typeof key === 'string' ? this.read(key) : ABSENT;
    return value === ABSENT ? Reflect.get(this.proto, key, receiver) : value;
  }

  has(target: object, key: string | symbol): boolean {
    if (this.sealed) return Reflect.has(target, key);
    return (typeof key === 'string' && this.read(key) !== ABSENT) || Reflect.has(this.proto, key);
  }

  ownKeys(target: object): (string | symbol)[] {
    return this.sealed ? Reflect.ownKeys(target) : this.names();
  }

  getOwnPropertyDescriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
    if (this.sealed) return Reflect.getOwnPropertyDescriptor(target, key);
    const value = typeof key === 'string' ? this.read(key) : ABSENT;
    if (value === ABSENT) return undefined;
    // An array's `length` is non-configurable on the target, so it must be reported so (and writable).
    if (key === 'length' && Array.isArray(target))
      return { value, writable: true, enumerable: false, configurable: false };
    return { value, writable: false, enumerable: true, configurable: true };
  }

  getPrototypeOf(): object {
    return this.proto;
  }

  set(): boolean {
    return false;
  }

  defineProperty(target: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    return this.sealed && Reflect.defineProperty(target, key, descriptor);
  }

  deleteProperty(target: object, key: string | symbol): boolean {
    return this.sealed && Reflect.deleteProperty(target, key);
  }

  setPrototypeOf(_target: object, proto: object | null): boolean {
    return proto === this.proto;
  }

  preventExtensions(target: object): boolean {
    if (!this.sealed) {
      const members = target as Record<string | symbol, unknown>;
      delete members[INSPECT];
      for (const name of this.names()) {
        if (name === 'length' && Array.isArray(target)) continue;
        Object.defineProperty(target, name, { value: this.read(name), enumerable: true, writable: false });
      }
      Object.freeze(target);
      this.sealed = true;
    }
    return true;
  }
}

/** The first `size` items of an array builder, then the value `child` gives, if any. */
class ArrayView extends View {
  protected readonly proto = Array.prototype;
  private readonly length: number;

  constructor(
    private readonly items: readonly unknown[],
    private readonly size: number,
    private readonly child: (() => unknown) | undefined,
  ) {
    super();
    this.length = child === undefined ? size : size + 1;
  }

  protected read(key: string): unknown {
    if (key === 'length') return this.length;
    const first = key.charCodeAt(0);
    if (!(first >= 48 && first <= 57)) return ABSENT;
    const index = Number(key);
    if (!(index < this.length) || String(index) !== key) return ABSENT;
    return index < this.size ? this.items[index] : (this.child as () => unknown)();
  }

  protected names(): string[] {
    const names: string[] = [];
    for (let i = 0; i < this.length; i++) names.push(String(i));
    names.push('length');
    return names;
  }

  /** The members as a frozen plain array. */
  copy(): readonly unknown[] {
    const copy = this.items.slice(0, this.size);
    if (this.child) copy.push(this.child());
    return Object.freeze(copy);
  }
}

/** The first `size` keys of an object builder (values as of `revision`), then `key` with `child`'s value, if any. */
class ObjectView extends View {
  protected readonly proto = Object.prototype;
  private readonly frame: Frame;

  constructor(
    private readonly node: PathNode,
    private readonly child: (() => unknown) | undefined,
  ) {
    super();
    this.frame = node.frame;
  }

  protected read(key: string): unknown {
    if (this.child !== undefined && key === this.node.key) return this.child();
    const position = this.frame.positions?.get(key);
    if (position === undefined || position >= this.node.size) return ABSENT;
    const versions = this.frame.history?.get(key);
    if (!versions) return (this.frame.object as Record<string, unknown>)[key];
    // The last version at or before this view's revision (versions are sorted by revision).
    let low = 0;
    let high = versions.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((versions[middle] as [number, unknown])[0] <= this.node.revision) low = middle;
      else high = middle - 1;
    }
    return (versions[low] as [number, unknown])[1];
  }

  protected names(): string[] {
    const { key, size } = this.node;
    const names = this.frame.keys.slice(0, size);
    const position = this.frame.positions?.get(key);
    if (this.child !== undefined && !(position !== undefined && position < size)) names.push(key);
    return names;
  }

  /** The members as a frozen plain object. */
  copy(): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const name of this.names()) setProp(copy, name, this.read(name));
    return Object.freeze(copy);
  }
}
