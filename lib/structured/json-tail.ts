// What the partial-JSON parser's value cannot tell: whether the text stops inside a string *value* (then
// the last member shown is still growing, not complete), and which key each open object is at. A small
// scanner over the same text, linear in it: a stack of open containers and the string state, nothing more.
// It trusts the parser to reject invalid JSON.

interface Open {
  object: boolean;
  /** The last complete key of an open object. */
  key: string;
}

/** Tracks the open containers of a JSON text fed in pieces. @internal */
export class JSONTail {
  private readonly stack: Open[] = [];
  private inString = false;
  private isKey = false;
  private escape = false;
  private expectKey = false;
  private keyText = '';

  /** How many containers are open. */
  get depth(): number {
    return this.stack.length;
  }

  /** True when the text stops inside a string value (not a key) of the innermost open container. */
  get inValueString(): boolean {
    return this.inString && !this.isKey;
  }

  /** The last complete key of the open object at `depth` (0 is the root). */
  keyAt(depth: number): string | undefined {
    const open = this.stack[depth];
    return open?.object ? open.key : undefined;
  }

  feed(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.string(text, i);
        continue;
      }
      const c = text.charCodeAt(i++);
      if (c === 34) {
        this.inString = true;
        this.isKey = this.expectKey;
        this.keyText = '';
      } else if (c === 123 || c === 91) {
        this.stack.push({ object: c === 123, key: '' });
        this.expectKey = c === 123;
      } else if (c === 125 || c === 93) {
        this.stack.pop();
        this.expectKey = false;
      } else if (c === 58) this.expectKey = false;
      else if (c === 44) this.expectKey = this.stack[this.stack.length - 1]?.object === true;
    }
  }

  /** Reads string characters from `i`; returns where it stopped (after the closing quote, or the end). */
  private string(text: string, i: number): number {
    const start = i;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.escape) this.escape = false;
      else if (c === 92) this.escape = true;
      else if (c === 34) break;
      i++;
    }
    if (this.isKey) this.keyText += text.slice(start, i);
    if (i === n) return i;
    this.inString = false;
    if (this.isKey) {
      const top = this.stack[this.stack.length - 1];
      if (top) top.key = decodeKey(this.keyText);
      this.keyText = '';
    }
    return i + 1;
  }
}

/** A key's text between its quotes, unescaped (the raw text if it is not valid: the parser reports that). */
function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
