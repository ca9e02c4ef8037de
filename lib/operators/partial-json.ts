// An incremental parser for JSON that arrives in pieces. It is a character state machine with a stack of
// open containers: `push` continues exactly where the previous call stopped, so the total work is linear in
// the input. Each call returns a best-effort value. Values are immutable and shared between calls: a closed
// container is never copied again, and only the containers on the path from the root to the innermost open
// one get new objects (only when they changed).

/**
 * An incremental parser of JSON text, made by {@link createPartialJSONParser}.
 *
 * @example
 * ```ts
 * import { createPartialJSONParser, type PartialJSONParser } from 'rxjs-openai-stream';
 *
 * const parser: PartialJSONParser = createPartialJSONParser();
 * parser.feed('[1, "a');
 * const atThisPoint = parser.checkpoint();
 * parser.feed('b"]');
 * console.log(atThisPoint(), parser.end()); // [1, 'a'] [1, 'ab']
 * ```
 */
export interface PartialJSONParser {
  /**
   * Feeds the next piece of the text and returns the best-effort value of everything so far.
   *
   * @param text - The next piece; any split is fine, also inside a string, escape or number.
   * @returns `undefined` until something has parsed; afterwards never `undefined` again.
   */
  push(text: string): unknown;
  /** Feeds the next piece without building the value (cheaper when the value is read only now and then). */
  feed(text: string): void;
  /**
   * A handle to the value as of now, built on first call (then memoized) even if the parser has moved on;
   * taking one costs O(nesting depth), so a checkpoint per piece keeps the total work linear.
   */
  checkpoint(): () => unknown;
  /** Ends the input (a top-level number completes here) and returns the final value; throws a `SyntaxError` if the JSON is invalid or incomplete. */
  end(): unknown;
  /** The best-effort value of everything fed so far. */
  readonly value: unknown;
  /** Set once the input turned out not to be JSON; later pushes then change nothing. */
  readonly error: SyntaxError | undefined;
}

const enum S {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  AfterValue,
  Done,
  String,
  Escape,
  Unicode,
  Number,
  Literal,
  Error,
}

// Containers under construction are append-only (arrays grow, objects gain keys), so the state at any
// moment is fully described by each open container's length plus the string in progress: a checkpoint.
// (A duplicate key overwrites its earlier value in place; older checkpoints then show the new value.)
interface Frame {
  readonly array: unknown[] | undefined;
  readonly object: Record<string, unknown> | undefined;
  /** Object keys in order of appearance. */
  readonly keys: string[];
  /** Key of the value being parsed inside an object. */
  key: string;
  /** The last value built from this frame, and what it was built from. */
  cache: { length: number; key: string; child: unknown; value: unknown } | undefined;
}

interface Mark {
  frame: Frame;
  length: number;
  key: string;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS: Record<string, [string, unknown]> = {
  t: ['true', true],
  f: ['false', false],
  n: ['null', null],
};

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isNumberChar = (c: number) =>
  (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;

function setProp(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

class IncrementalJSONParser implements PartialJSONParser {
  error: SyntaxError | undefined = undefined;
  private current: (() => unknown) | undefined;
  private state = S.Value;
  private readonly stack: Frame[] = [];
  private root: unknown = undefined;
  private offset = 0;
  /** String being read (a value or a key), or the text of a number or literal. */
  private buffer = '';
  private isKey = false;
  private literal = '';

  get value(): unknown {
    return this.checkpoint()();
  }

  push(text: string): unknown {
    this.feed(text);
    return this.value;
  }

  checkpoint(): () => unknown {
    if (this.current) return this.current;
    if (this.state === S.Done) {
      const root = this.root;
      return (this.current = () => root);
    }
    const marks: Mark[] = this.stack.map((frame) => ({
      frame,
      length: frame.array ? frame.array.length : frame.keys.length,
      key: frame.key,
    }));
    // Only a string value in progress is shown; numbers, literals and keys appear once complete.
    const inString = this.state === S.String || this.state === S.Escape || this.state === S.Unicode;
    const scalar = inString && !this.isKey ? this.buffer : undefined;
    let value: unknown;
    let built = false;
    return (this.current = () => {
      if (!built) value = materialize(marks, scalar);
      built = true;
      return value;
    });
  }

  feed(text: string): void {
    if (this.state === S.Error || text === '') return;
    const before = this.checkpoint();
    this.current = undefined;
    const n = text.length;
    let i = 0;
    while (i < n && this.error === undefined) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case S.String: {
          let j = i;
          let d = c;
          while (d !== 34 && d !== 92 && d >= 32) {
            if (++j === n) break;
            d = text.charCodeAt(j);
          }
          if (j > i) this.buffer += text.slice(i, j);
          i = j;
          if (j === n) break;
          if (d === 34) {
            i++;
            this.endString();
          } else if (d === 92) {
            i++;
            this.state = S.Escape;
          } else this.fail('Bad control character in string', i);
          break;
        }
        case S.Escape: {
          const ch = text[i] as string;
          const escaped = ESCAPES[ch];
          if (escaped !== undefined) {
            this.buffer += escaped;
            this.state = S.String;
          } else if (ch === 'u') {
            this.literal = '';
            this.state = S.Unicode;
          } else this.fail('Bad escaped character', i);
          i++;
          break;
        }
        case S.Unicode: {
          const ch = text[i] as string;
          if (!/[0-9a-fA-F]/.test(ch)) {
            this.fail('Bad Unicode escape', i);
            break;
          }
          this.literal += ch;
          i++;
          if (this.literal.length === 4) {
            this.buffer += String.fromCharCode(parseInt(this.literal, 16));
            this.state = S.String;
          }
          break;
        }
        case S.Number:
          if (isNumberChar(c)) {
            this.buffer += text[i];
            i++;
          } else this.endNumber(i);
          break;
        case S.Literal: {
          const expected = this.literal;
          if (text[i] !== expected[this.buffer.length]) {
            this.fail(`Unexpected token '${text[i]}'`, i);
            break;
          }
          this.buffer += text[i];
          i++;
          if (this.buffer.length === expected.length)
            this.completeValue(LITERALS[expected[0] as string]?.[1]);
          break;
        }
        default:
          if (isSpace(c)) i++;
          else i = this.structural(text, i, c);
      }
    }
    this.offset += n;
    // After an error the value stays what it was before the failing piece.
    if (this.error !== undefined) this.current = before;
  }

  end(): unknown {
    if (this.state === S.Number) this.endNumber(0);
    if (this.error) throw this.error;
    if (this.state !== S.Done) throw new SyntaxError('Unexpected end of JSON input');
    return this.root;
  }

  /** Handles a non-space character outside strings, numbers and literals; returns the next position. */
  private structural(text: string, i: number, c: number): number {
    const ch = text[i] as string;
    switch (this.state) {
      case S.ValueOrEnd:
        if (ch === ']') return this.close(true, i);
        this.state = S.Value;
        return i;
      case S.Value:
        if (ch === '{' || ch === '[') {
          const array = ch === '[';
          this.stack.push({
            array: array ? [] : undefined,
            object: array ? undefined : {},
            keys: [],
            key: '',
            cache: undefined,
          });
          this.state = array ? S.ValueOrEnd : S.KeyOrEnd;
        } else if (ch === '"') {
          this.startString(false);
        } else if (c === 45 || (c >= 48 && c <= 57)) {
          this.buffer = '';
          this.state = S.Number;
          return i;
        } else if (LITERALS[ch]) {
          this.literal = (LITERALS[ch] as [string, unknown])[0];
          this.buffer = '';
          this.state = S.Literal;
          return i;
        } else this.fail(`Unexpected token '${ch}'`, i);
        return i + 1;
      case S.KeyOrEnd:
      case S.Key:
        if (ch === '}' && this.state === S.KeyOrEnd) return this.close(false, i);
        if (ch === '"') this.startString(true);
        else this.fail(`Expected a property name, got '${ch}'`, i);
        return i + 1;
      case S.Colon:
        if (ch === ':') this.state = S.Value;
        else this.fail(`Expected ':', got '${ch}'`, i);
        return i + 1;
      case S.AfterValue: {
        const top = this.stack[this.stack.length - 1];
        if (ch === ',' && top) this.state = top.array ? S.Value : S.Key;
        else if ((ch === ']' && top?.array) || (ch === '}' && top?.object)) return this.close(ch === ']', i);
        else this.fail(`Unexpected token '${ch}'`, i);
        return i + 1;
      }
      default:
        this.fail(`Unexpected non-whitespace character '${ch}' after JSON`, i);
        return i + 1;
    }
  }

  private startString(isKey: boolean): void {
    this.buffer = '';
    this.isKey = isKey;
    this.state = S.String;
  }

  private endString(): void {
    if (!this.isKey) return this.completeValue(this.buffer);
    const top = this.stack[this.stack.length - 1] as Frame;
    top.key = this.buffer;
    this.buffer = '';
    this.state = S.Colon;
  }

  private endNumber(i: number): void {
    if (!NUMBER.test(this.buffer)) return this.fail(`Invalid number '${this.buffer}'`, i);
    this.completeValue(Number(this.buffer));
  }

  private close(array: boolean, i: number): number {
    const frame = this.stack.pop() as Frame;
    // The builder is never touched again, so it becomes the finished value without a copy.
    this.completeValue(array ? frame.array : frame.object);
    return i + 1;
  }

  private completeValue(value: unknown): void {
    this.buffer = '';
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = value;
      this.state = S.Done;
      return;
    }
    if (top.array) top.array.push(value);
    else {
      const object = top.object as Record<string, unknown>;
      if (!Object.hasOwn(object, top.key)) top.keys.push(top.key);
      setProp(object, top.key, value);
    }
    this.state = S.AfterValue;
  }

  private fail(message: string, i: number): void {
    this.error = new SyntaxError(`${message} in JSON at position ${this.offset + i}`);
    this.state = S.Error;
  }
}

/** Builds the value a checkpoint describes, reusing each frame's last built value when it still fits. */
function materialize(marks: readonly Mark[], scalar: string | undefined): unknown {
  let child: unknown = scalar;
  for (let level = marks.length - 1; level >= 0; level--) {
    const { frame, length, key } = marks[level] as Mark;
    const cache = frame.cache;
    if (cache && cache.length === length && cache.child === child && cache.key === key) {
      child = cache.value;
      continue;
    }
    let value: unknown;
    if (frame.array) {
      const copy = frame.array.slice(0, length);
      if (child !== undefined) copy.push(child);
      value = copy;
    } else {
      const object = frame.object as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (let i = 0; i < length; i++)
        setProp(copy, frame.keys[i] as string, object[frame.keys[i] as string]);
      if (child !== undefined) setProp(copy, key, child);
      value = copy;
    }
    frame.cache = { length, key, child, value };
    child = value;
  }
  return child;
}

/**
 * Creates an incremental parser for JSON that arrives in pieces, such as streamed tool-call arguments. Each
 * `push` continues where the previous one stopped (total work is linear) and returns the best-effort value so
 * far: strings, arrays and objects may be partial, but a number, `true`, `false` or `null` appears only once
 * complete (`12` never turns into `123`), and an object key only once its value has started. Unchanged
 * sub-values keep their identity between pushes; values returned are never mutated afterwards.
 *
 * @returns A fresh {@link PartialJSONParser}.
 *
 * @example
 * ```ts
 * import { createPartialJSONParser } from 'rxjs-openai-stream';
 *
 * const parser = createPartialJSONParser();
 * parser.push('{"city": "Par'); // { city: 'Par' }
 * parser.push('is", "days": 1'); // { city: 'Paris' } (the number may still grow)
 * parser.push('2}'); // { city: 'Paris', days: 12 }
 * ```
 */
export function createPartialJSONParser(): PartialJSONParser {
  return new IncrementalJSONParser();
}

/**
 * Parses a prefix of a JSON document into its best-effort value, with the rules of
 * {@link createPartialJSONParser}; `undefined` if nothing has parsed yet.
 *
 * @example
 * ```ts
 * import { parsePartialJSON } from 'rxjs-openai-stream';
 *
 * parsePartialJSON('{"tags": ["a", "b'); // { tags: ['a', 'b'] }
 * ```
 */
export function parsePartialJSON(text: string): unknown {
  return createPartialJSONParser().push(text);
}
