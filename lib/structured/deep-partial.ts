/**
 * The type of a partial object: every field optional, all the way down, and read-only (snapshots are
 * immutable). Array elements are `DeepPartial` too, though only the last one can be incomplete.
 *
 * @example
 * ```ts
 * import type { DeepPartial } from 'rxjs-openai-stream';
 *
 * type Recipe = { title: string; steps: { text: string; minutes: number }[] };
 * const draft: DeepPartial<Recipe> = { title: 'Pancakes', steps: [{ text: 'Mix' }] };
 * ```
 */
export type DeepPartial<T> = T extends readonly (infer E)[]
  ? readonly DeepPartial<E>[]
  : T extends Date | RegExp | Map<unknown, unknown> | Set<unknown> | ((...args: never[]) => unknown)
    ? T
    : T extends object
      ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/**
 * The keys of `T` whose values are arrays: what `elementStream(schema, key)` takes.
 *
 * @example
 * ```ts
 * import type { ArrayKeys } from 'rxjs-openai-stream';
 *
 * type Keys = ArrayKeys<{ title: string; steps: string[] }>; // 'steps'
 * ```
 */
export type ArrayKeys<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never;
}[keyof T] &
  string;

/**
 * The element type of an array type (ignoring `null` and `undefined`).
 *
 * @example
 * ```ts
 * import type { ElementOf } from 'rxjs-openai-stream';
 *
 * type Step = ElementOf<string[] | null>; // string
 * ```
 */
export type ElementOf<A> = NonNullable<A> extends readonly (infer E)[] ? E : never;
