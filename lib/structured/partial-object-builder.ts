// Builds typed, validated partial objects from JSON text that arrives in pieces. The library's partial-JSON
// parser does the parsing (linear); this walks only the chain of containers still open, schema in hand:
// each member is validated with its field's (or element's) schema once, when it completes, and kept; an
// open object is copied per snapshot (bounded by its schema's fields), an open array is shown through an
// O(1) read-only view (array-view.ts). So a snapshot costs O(depth + fields of the open objects)
// besides the validation of what completed, and the total work stays linear in the text times the depth.
import * as z from 'zod';
import { StructuredOutputError } from '../errors/structured-output-error.js';
import { createPartialJSONParser } from '../json/partial-json.js';
import { arrayView } from './array-view.js';
import { JSONTail } from './json-tail.js';
import { deepFreeze, sameJSON, sameMembers, setOwn } from './json-values.js';
import { shapeOf, type SchemaShape } from './schema-shape.js';

type Path = ReadonlyArray<string | number>;

/**
 * How deep snapshots follow open containers; deeper ones (only a recursive schema allows them) appear once
 * complete. Keeps the work per snapshot bounded and the recursion shallow, whatever the JSON.
 */
const MAX_OPEN_DEPTH = 64;

interface LevelBase {
  path: Path;
  /** The last snapshot of this container, and the member in progress it showed. */
  snapshot: unknown;
  lastShown: unknown;
  /** The member in progress: its nested level, or whether it is a string shown as it grows. */
  child: Level | undefined;
  childIsString: boolean;
}
interface ObjectLevel extends LevelBase {
  kind: 'object';
  fields: Readonly<Record<string, z.core.$ZodType>>;
  pending: string[];
  done: Record<string, unknown>;
  openKey: string | undefined;
}
interface ArrayLevel extends LevelBase {
  kind: 'array';
  element: z.core.$ZodType;
  /** The complete elements, validated (append-only: views of it stay valid). */
  items: unknown[];
  openIndex: number;
}
type Level = ObjectLevel | ArrayLevel;

/** Options of {@link PartialObjectBuilder}. @internal */
export interface BuilderOptions {
  /** A key of the root object whose array elements are reported to `onElement` once complete and valid. */
  watch?: string;
  onElement?: (element: unknown) => void;
}

/** Partial objects of one answer, then its validated value. @internal */
export class PartialObjectBuilder {
  /** The text so far, for errors. */
  text = '';
  private readonly parser = createPartialJSONParser();
  private readonly tail = new JSONTail();
  private readonly shape: SchemaShape;
  private root: Level | undefined;
  private lastRaw: unknown;
  private snapshot: unknown;
  /** Set when a member failed its schema: snapshots stop, `end()` reports every issue. */
  private stopped = false;
  private elements = 0;

  constructor(
    private readonly schema: z.core.$ZodType,
    private readonly options: BuilderOptions = {},
  ) {
    this.shape = shapeOf(schema);
  }

  /** The last snapshot returned by `push` (`undefined` before the first). */
  get last(): unknown {
    return this.snapshot;
  }

  /** Feeds the next piece of text; returns the new snapshot, or `undefined` when nothing visible changed. */
  push(piece: string): unknown {
    this.text += piece;
    if (this.parser.error || piece === '') return undefined;
    this.parser.feed(piece);
    if (this.stopped) return undefined;
    this.tail.feed(piece);
    if (this.parser.error) return undefined;
    const raw = this.parser.checkpoint()();
    if (raw === this.lastRaw) return undefined;
    this.lastRaw = raw;
    let next: unknown;
    try {
      next = this.show(raw);
    } catch (error) {
      if (!(error instanceof StructuredOutputError)) throw error;
      this.stopped = true;
      return undefined;
    }
    if (next === undefined || next === this.snapshot) return undefined;
    this.snapshot = next;
    return next;
  }

  /** The validated value (deeply frozen; the last snapshot itself when equal); throws {@link StructuredOutputError}. */
  end(): unknown {
    let value: unknown;
    try {
      value = this.parser.end();
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      const message = `The structured answer is not valid JSON: ${reason} (${this.text.length} characters)`;
      throw new StructuredOutputError(message, { kind: 'invalid_json', text: this.text, cause });
    }
    const out = this.validate(this.schema, value, []);
    if (this.options.watch !== undefined)
      this.catchUp((out as Record<string, unknown> | null)?.[this.options.watch]);
    return sameJSON(out, this.snapshot) ? this.snapshot : deepFreeze(out);
  }

  private show(raw: unknown): unknown {
    const shape = this.shape;
    if (raw === undefined) return undefined;
    if (isOpen(raw)) {
      if (!fits(shape, raw)) return undefined;
      this.root ??= levelOf(shape, []);
      return this.sync(this.root as Level, raw, 0);
    }
    if (typeof raw === 'string' && this.tail.inValueString) return shape.kind === 'string' ? raw : undefined;
    const out = this.complete(this.schema, raw, [], this.snapshot);
    if (this.options.watch !== undefined)
      this.catchUp((out as Record<string, unknown> | null)?.[this.options.watch]);
    return out;
  }

  private sync(level: Level, raw: object, depth: number): unknown {
    const inString = this.tail.depth === depth + 1 && this.tail.inValueString;
    return level.kind === 'object'
      ? this.syncObject(level, raw as Record<string, unknown>, depth, inString)
      : this.syncArray(level, raw as unknown[], depth, inString);
  }

  private syncObject(
    level: ObjectLevel,
    raw: Record<string, unknown>,
    depth: number,
    inString: boolean,
  ): unknown {
    const tailKey = this.tail.keyAt(depth);
    let changed = false;
    let openKey: string | undefined;
    for (let i = 0; i < level.pending.length;) {
      const key = level.pending[i] as string;
      if (!Object.prototype.hasOwnProperty.call(raw, key)) {
        i++;
        continue;
      }
      const value = raw[key];
      if (isOpen(value) || (typeof value === 'string' && inString && key === tailKey)) {
        openKey = key;
        i++;
        continue;
      }
      const shown = level.openKey === key ? level.lastShown : undefined;
      const out = this.complete(level.fields[key] as z.core.$ZodType, value, [...level.path, key], shown);
      setOwn(level.done, key, out);
      level.pending.splice(i, 1);
      changed = true;
      if (level.openKey === key) this.closeChild(level);
      if (depth === 0 && key === this.options.watch) this.catchUp(out);
    }
    let shown: unknown;
    if (openKey !== undefined) {
      if (level.openKey !== openKey) {
        this.openChild(level, level.fields[openKey] as z.core.$ZodType, raw[openKey], [
          ...level.path,
          openKey,
        ]);
        level.openKey = openKey;
      }
      shown = this.showChild(level, raw[openKey], depth);
    }
    if (!changed && shown === level.lastShown && level.snapshot !== undefined) return level.snapshot;
    const snapshot: Record<string, unknown> = { ...level.done };
    if (shown !== undefined) setOwn(snapshot, openKey as string, shown);
    level.lastShown = shown;
    // A member that completed as it was shown changes nothing visible: keep the snapshot's identity.
    if (!sameMembers(snapshot, level.snapshot)) level.snapshot = Object.freeze(snapshot);
    return level.snapshot;
  }

  private syncArray(level: ArrayLevel, raw: unknown[], depth: number, inString: boolean): unknown {
    const length = raw.length;
    const last = length > 0 ? raw[length - 1] : undefined;
    const inProgress = length > 0 && (isOpen(last) || (typeof last === 'string' && inString));
    const complete = inProgress ? length - 1 : length;
    let changed = false;
    // True while the only change is the member in progress completing as it was shown.
    let asShown = level.items.length < complete;
    for (let i = level.items.length; i < complete; i++) {
      const shown = level.openIndex === i ? level.lastShown : undefined;
      const out = this.complete(level.element, raw[i], [...level.path, i], shown);
      level.items.push(out);
      changed = true;
      asShown &&= shown !== undefined && out === shown && i === complete - 1;
      if (level.openIndex === i) this.closeChild(level);
      if (level.path.length === 1 && level.path[0] === this.options.watch) this.element(out, i);
    }
    let shown: unknown;
    if (inProgress) {
      if (level.openIndex !== length - 1) {
        this.openChild(level, level.element, last, [...level.path, length - 1]);
        level.openIndex = length - 1;
      }
      shown = this.showChild(level, last, depth);
    }
    if (!changed && shown === level.lastShown && level.snapshot !== undefined) return level.snapshot;
    level.lastShown = shown;
    if (asShown && shown === undefined) return level.snapshot;
    level.snapshot = arrayView(level.items, level.items.length, shown);
    return level.snapshot;
  }

  private openChild(level: Level, schema: z.core.$ZodType, value: unknown, path: Path): void {
    const shape = shapeOf(schema);
    const follow = isOpen(value) && fits(shape, value) && path.length < MAX_OPEN_DEPTH;
    level.child = follow ? levelOf(shape, path) : undefined;
    level.childIsString = shape.kind === 'string';
    level.lastShown = undefined;
  }

  private closeChild(level: Level): void {
    if (level.kind === 'object') level.openKey = undefined;
    else level.openIndex = -1;
    level.child = undefined;
    level.childIsString = false;
    level.lastShown = undefined;
  }

  private showChild(level: Level, value: unknown, depth: number): unknown {
    if (level.child) return this.sync(level.child, value as object, depth + 1);
    return typeof value === 'string' && level.childIsString ? value : undefined;
  }

  /** A complete member: validated, frozen, and the snapshot shown for it so far when equal (same identity). */
  private complete(schema: z.core.$ZodType, raw: unknown, path: Path, shown: unknown): unknown {
    const out = this.validate(schema, raw, path);
    return shown !== undefined && sameJSON(out, shown) ? shown : deepFreeze(out);
  }

  private validate(schema: z.core.$ZodType, raw: unknown, path: Path): unknown {
    let result: ReturnType<typeof z.safeParse>;
    try {
      result = z.safeParse(schema, raw);
    } catch (cause) {
      // zod validates recursively: JSON nested deeper than the stack allows cannot be validated.
      const message = `The structured answer could not be validated: ${cause instanceof Error ? cause.message : String(cause)}`;
      throw new StructuredOutputError(message, { kind: 'schema', text: this.text, cause });
    }
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
    const summary = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new StructuredOutputError(`The structured answer fails its schema: ${summary}`, {
      kind: 'schema',
      text: this.text,
      issues,
    });
  }

  private element(value: unknown, index: number): void {
    if (index < this.elements) return;
    this.elements = index + 1;
    this.options.onElement?.(value);
  }

  private catchUp(array: unknown): void {
    if (!Array.isArray(array)) return;
    for (let i = this.elements; i < array.length; i++) this.element(array[i], i);
  }
}

function levelOf(shape: SchemaShape, path: Path): Level {
  const base = { path, snapshot: undefined, lastShown: undefined, child: undefined, childIsString: false };
  if (shape.kind === 'object')
    return {
      ...base,
      kind: 'object',
      fields: shape.fields,
      pending: Object.keys(shape.fields),
      done: {},
      openKey: undefined,
    };
  if (shape.kind === 'array')
    return {
      ...base,
      kind: 'array',
      element: shape.element,
      items: [],
      openIndex: -1,
    };
  throw new TypeError(`No partial level for a ${shape.kind} schema`);
}

/** An open container of the parser: an object or array view (complete ones are frozen). */
function isOpen(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Object.isFrozen(value);
}

function fits(shape: SchemaShape, value: object): boolean {
  return shape.kind === (Array.isArray(value) ? 'array' : 'object');
}
