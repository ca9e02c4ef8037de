// Option checks shared by createClient and the per-request options. Each throws a TypeError that names
// the option and shows the bad value's type or number, never a string value (it could be a secret).

const MAX_TIMER_MS = 2_147_483_647;

/** @internal */
export function checkUnknown(where: string, options: object, known: ReadonlySet<string>): void {
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new TypeError(`${where}: unknown option "${key}"`);
  }
}

/** A timer length in ms: `0` (off) or a positive number that `setTimeout` can hold. @internal */
export function checkMs(where: string, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(
      `${where}: option "${name}" must be a non-negative finite number, got ${describe(value)}`,
    );
  }
  if (value > MAX_TIMER_MS) {
    throw new TypeError(`${where}: option "${name}" must be at most ${MAX_TIMER_MS} ms, got ${value}`);
  }
  return value;
}

/** @internal */
export function checkRetries(where: string, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${where}: option "${name}" must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

/** @internal */
export function checkBoolean(where: string, name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    throw new TypeError(`${where}: option "${name}" must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** @internal */
export function checkNonEmptyString(
  where: string,
  name: string,
  value: unknown,
  secret = false,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    const got = typeof value === 'string' ? 'an empty string' : secret ? typeof value : describe(value);
    throw new TypeError(`${where}: option "${name}" must be a non-empty string, got ${got}`);
  }
  return value;
}

/** @internal */
export function checkHeaders(where: string, name: string, value: unknown): Record<string, string | null> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${where}: option "${name}" must be an object of header names to strings, got ${describe(value)}`,
    );
  }
  const out: Record<string, string | null> = {};
  for (const [key, header] of Object.entries(value)) {
    if (header === null || header === undefined) out[key] = null;
    else if (typeof header === 'string') out[key] = header;
    else
      throw new TypeError(
        `${where}: option "${name}" header "${key}" must be a string or null, got ${typeof header}`,
      );
  }
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** @internal */
export function checkPositive(where: string, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(
      `${where}: option "${name}" must be a positive finite number, got ${describe(value)}`,
    );
  }
  return value;
}
