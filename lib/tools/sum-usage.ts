/**
 * Adds two usage objects of the same API, field by field: numbers are summed, nested objects (the
 * `*_details`) are summed the same way, anything else keeps its latest value. `null` counts as nothing.
 *
 * @internal
 */
export function sumUsage<U extends object>(total: U | null, next: U | null | undefined): U | null {
  if (!next) return total;
  if (!total) return next;
  return sum(total, next) as U;
}

function sum(a: object, b: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = out[key];
    if (typeof value === 'number' && typeof current === 'number') out[key] = current + value;
    else if (isPlain(value) && isPlain(current)) out[key] = sum(current, value);
    else if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

function isPlain(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
