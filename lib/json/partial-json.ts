// An incremental parser for JSON that arrives in pieces. It is a character state machine with a stack of
// open containers: `push` continues exactly where the previous call stopped, so the total work is linear in
// the input. Each call returns a best-effort value that never changes afterwards: a closed container is its
// frozen builder, shared by reference; an open one is a read-only view fixed at that moment (see
// partial-json-view.ts). A checkpoint records only the containers that changed since the previous one (see
// partial-json-path.ts), so taking and showing one costs O(1) amortized, however wide and deep the value.

import { CheckpointPath, type Snapshot } from './partial-json-path.js';
import { addMember, closeFrame, createFrame, plainOf, viewOf, type Frame } from './partial-json-view.js';

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
   * A handle to the value as of now, built on first call (then memoized) even if the parser has moved on.
   * Taking one costs O(1) amortized (it records only the containers that changed), building its value O(1)
   * (the view of an open container below is made when first read), so a checkpoint per piece, read or
   * not, keeps the total work linear in the text, whatever the nesting depth.
   */
  checkpoint(): () => unknown;
  /** Ends the input (a top-level number completes here) and returns the final value (plain and deeply frozen); throws a `SyntaxError` if the JSON is invalid or incomplete. */
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

/** What a checkpoint shows (no snapshot once the root is done) and its handle, which builds the views once. */
interface Shown {
  snapshot: Snapshot | undefined;
  read: () => unknown;
}

class IncrementalJSONParser implements PartialJSONParser {
  error: SyntaxError | undefined = undefined;
  /** What the last checkpoint showed; kept while nothing changes, and after an error. */
  private current: Shown | undefined;
  private state = S.Value;
  private readonly stack: Frame[] = [];
  private readonly path = new CheckpointPath();
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
    return this.shown().read;
  }

  /** The value so far as a plain, deeply frozen copy (built iteratively, so at any depth). */
  plain(): unknown {
    const { snapshot } = this.shown();
    return snapshot ? plainOf(snapshot) : this.root;
  }

  private shown(): Shown {
    const current = this.current;
    if (this.state === S.Error) return current as Shown;
    if (this.state === S.Done) {
      if (current && !current.snapshot) return current;
      const root = this.root;
      return (this.current = { snapshot: undefined, read: () => root });
    }
    // Only a string value in progress is shown; numbers, literals and keys appear once complete.
    const inString = this.state === S.String || this.state === S.Escape || this.state === S.Unicode;
    const snapshot = this.path.snapshot(this.stack, inString && !this.isKey ? this.buffer : undefined);
    if (current?.snapshot === snapshot) return current;
    let value: unknown;
    let built = false;
    const read = () => {
      if (!built) value = viewOf(snapshot);
      built = true;
      return value;
    };
    return (this.current = { snapshot, read });
  }

  feed(text: string): void {
    if (this.state === S.Error || text === '') return;
    const before = this.shown();
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
        if (ch === ']') return this.close(i);
        this.state = S.Value;
        return i;
      case S.Value:
        if (ch === '{' || ch === '[') {
          const array = ch === '[';
          this.stack.push(createFrame(array));
          this.path.touch(this.stack.length - 1);
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
        if (ch === '}' && this.state === S.KeyOrEnd) return this.close(i);
        if (ch === '"') this.startString(true);
        else this.fail(`Expected a property name, got '${ch}'`, i);
        return i + 1;
      case S.Colon:
        if (ch === ':') this.state = S.Value;
        else this.fail(`Expected ':', got '${ch}'`, i);
        return i + 1;
      case S.AfterValue: {
        const top = this.stack[this.stack.length - 1];
        if (ch === ',' && top) this.state = top.items ? S.Value : S.Key;
        else if ((ch === ']' && top?.items) || (ch === '}' && top?.object)) return this.close(i);
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
    this.path.touch(this.stack.length - 1);
    this.buffer = '';
    this.state = S.Colon;
  }

  private endNumber(i: number): void {
    if (!NUMBER.test(this.buffer)) return this.fail(`Invalid number '${this.buffer}'`, i);
    this.completeValue(Number(this.buffer));
  }

  private close(i: number): number {
    // The builder is never touched again, so it becomes the finished (frozen) value without a copy.
    this.completeValue(closeFrame(this.stack.pop() as Frame));
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
    addMember(top, value);
    this.path.touch(this.stack.length - 1);
    this.state = S.AfterValue;
  }

  private fail(message: string, i: number): void {
    this.error = new SyntaxError(`${message} in JSON at position ${this.offset + i}`);
    this.state = S.Error;
  }
}

/**
 * Creates an incremental parser for JSON that arrives in pieces, such as streamed tool-call arguments. Each
 * `push` continues where the previous one stopped (total work is linear) and returns the best-effort value so
 * far: strings, arrays and objects may be partial, but a number, `true`, `false` or `null` appears only once
 * complete (`12` never turns into `123`), and an object key only once its value has started.
 *
 * Values returned never change afterwards. Complete arrays and objects are plain frozen values, shared by
 * reference between pushes. Arrays and objects still open are read-only views (Proxies) fixed at that
 * push: `Array.isArray`, `Object.keys`, spread, `for…of`, `JSON.stringify` and `console.log` see a plain
 * array or object, writes throw a `TypeError`, and `Object.freeze(view)` copies it once into a frozen plain
 * target. A push records only the containers that changed and a view is made when first read, so each
 * push costs O(1) amortized besides the parsing, even when an open array is huge or nested 100,000 deep
 * (reading a member of an open container below costs O(log pushes)). A view cannot be passed to `structuredClone` or `postMessage`: send
 * `JSON.parse(JSON.stringify(value))` instead (exact, since the values are JSON). A duplicate key keeps
 * its first position and takes its last value, as in `JSON.parse`; values returned before the duplicate
 * keep the earlier one.
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
 * {@link createPartialJSONParser}; `undefined` if nothing has parsed yet. The result is plain (no views,
 * so `structuredClone` works) and deeply frozen. Nesting depth is not limited: the parser and the copy use
 * loops, not recursion, so 100,000 levels work (as they do in `JSON.parse`).
 *
 * @example
 * ```ts
 * import { parsePartialJSON } from 'rxjs-openai-stream';
 *
 * parsePartialJSON('{"tags": ["a", "b'); // { tags: ['a', 'b'] }
 * ```
 */
export function parsePartialJSON(text: string): unknown {
  const parser = new IncrementalJSONParser();
  parser.feed(text);
  return parser.plain();
}
