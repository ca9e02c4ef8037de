const KINDS = Symbol.for('rxjs-openai-stream/error-kinds');

/**
 * Gives an error class its `name` on the prototype (so it survives minification, unlike
 * `constructor.name`). Call it from a `static {}` block of every error class.
 *
 * @internal
 */
export function named(ctor: abstract new (...args: never[]) => Error, name: string): void {
  Object.defineProperty(ctor.prototype, 'name', { value: name, writable: true, configurable: true });
}

/**
 * Root of every error this library raises. Each instance records the names of its class chain under a
 * global symbol, and `instanceof` reads them (`static [Symbol.hasInstance]`): an error from another copy of
 * the library (two bundles, or a CommonJS and an ESM copy) is still `instanceof RateLimitError`. Use
 * `instanceof` to tell errors apart; there are no separate guard functions.
 *
 * @example
 * ```ts
 * import { OpenAIStreamError } from 'rxjs-openai-stream';
 *
 * const error = new OpenAIStreamError('boom');
 * console.log(error instanceof OpenAIStreamError, error.name); // true 'OpenAIStreamError'
 * ```
 */
export class OpenAIStreamError extends Error {
  static {
    named(this, 'OpenAIStreamError');
  }

  /** `instanceof` by class name as well as by prototype, so it works across copies of the library. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null) return false;
    const kinds = (value as { [KINDS]?: unknown })[KINDS];
    return Array.isArray(kinds) && kinds.includes((this.prototype as Error).name);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, KINDS, { value: kindsOf(Object.getPrototypeOf(this)), enumerable: false });
  }

  /** A JSON form with no secrets: `name`, `message` and the data fields subclasses define (never headers). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key === 'headers' || key === 'cause' || typeof value === 'function') continue;
      out[key] = value;
    }
    return out;
  }
}

function kindsOf(proto: object | null): readonly string[] {
  const names: string[] = [];
  while (proto && proto !== Error.prototype) {
    const own = Object.getOwnPropertyDescriptor(proto, 'name')?.value;
    if (typeof own === 'string') names.push(own);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/**
 * Builds an `is…Error` guard: exactly `value instanceof ctor` (which works across copies of the library, see
 * {@link OpenAIStreamError}), as a function for places that want one, such as `filter(isRateLimitError)`.
 *
 * @internal
 */
export function guardFor<T extends Error>(ctor: abstract new (...args: never[]) => T) {
  return (value: unknown): value is T => value instanceof ctor;
}
