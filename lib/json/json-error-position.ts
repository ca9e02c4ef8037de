// Where a text stops being JSON, found in one pass that allocates nothing but a stack of open containers:
// the error path of parseFrame, which must not cost much more than the JSON.parse that just failed.

const enum At {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  AfterValue,
  Done,
}

const ARRAY = 0;
const OBJECT = 1;
/** Characters allowed after a backslash, besides `u`. */
const ESCAPABLE = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * The position of the first character at which `text` can no longer be the start of a JSON text, as
 * `JSON.parse` counts it; `text.length` when the text is a valid beginning that ends too early; `null`
 * when it is valid JSON. One linear pass, whatever the nesting depth.
 *
 * @internal
 */
export function jsonErrorPosition(text: string): number | null {
  const open: number[] = [];
  const n = text.length;
  let state = At.Value;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    switch (state) {
      case At.ValueOrEnd:
      case At.Value:
        if (c === 93 && state === At.ValueOrEnd) {
          open.pop();
          state = open.length ? At.AfterValue : At.Done;
          i++;
        } else if (c === 91 || c === 123) {
          open.push(c === 91 ? ARRAY : OBJECT);
          state = c === 91 ? At.ValueOrEnd : At.KeyOrEnd;
          i++;
        } else {
          const end =
            c === 34 ? stringEnd(text, i) : c === 45 || isDigit(c) ? numberEnd(text, i) : literalEnd(text, i);
          if (end < 0) return -end - 1;
          i = end;
          state = open.length ? At.AfterValue : At.Done;
        }
        break;
      case At.KeyOrEnd:
      case At.Key: {
        if (c === 125 && state === At.KeyOrEnd) {
          open.pop();
          state = open.length ? At.AfterValue : At.Done;
          i++;
          break;
        }
        if (c !== 34) return i;
        const end = stringEnd(text, i);
        if (end < 0) return -end - 1;
        i = end;
        state = At.Colon;
        break;
      }
      case At.Colon:
        if (c !== 58) return i;
        state = At.Value;
        i++;
        break;
      case At.AfterValue: {
        const top = open[open.length - 1];
        if (c === 44) state = top === OBJECT ? At.Key : At.Value;
        else if ((c === 93 && top === ARRAY) || (c === 125 && top === OBJECT)) {
          open.pop();
          state = open.length ? At.AfterValue : At.Done;
        } else return i;
        i++;
        break;
      }
      default:
        return i;
    }
  }
  return state === At.Done ? null : n;
}

// The scanners below return the position after the token, or -(bad position) - 1 where it goes wrong
// (the bad position is `text.length` when the text ends inside the token).

/** The next character that ends a run of plain string content: a quote, a backslash or a control character. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON strings may not hold
const STRING_STOP = /["\\\u0000-\u001f]/g;

function stringEnd(text: string, start: number): number {
  const n = text.length;
  let i = start + 1;
  let plain = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) {
      // Character by character between escapes; long plain runs are skipped by the regex engine.
      if (++plain < 16) i++;
      else {
        STRING_STOP.lastIndex = i;
        if (!STRING_STOP.test(text)) return -n - 1;
        i = STRING_STOP.lastIndex - 1;
        plain = 0;
      }
      continue;
    }
    plain = 0;
    if (c === 34) return i + 1;
    if (c < 32) return -i - 1;
    if (i + 1 >= n) return -n - 1;
    const escaped = text.charCodeAt(i + 1);
    if (escaped === 117) {
      for (let k = i + 2; k < i + 6; k++) {
        if (k >= n) return -n - 1;
        if (!isHex(text.charCodeAt(k))) return -k - 1;
      }
      i += 6;
    } else if (ESCAPABLE.has(escaped)) i += 2;
    else return -(i + 1) - 1;
  }
  return -n - 1;
}

function numberEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  if (i >= n) return -n - 1;
  if (text.charCodeAt(i) === 48) i++;
  else if (isDigit(text.charCodeAt(i))) while (i < n && isDigit(text.charCodeAt(i))) i++;
  else return -i - 1;
  if (text.charCodeAt(i) === 46) {
    i = digitsEnd(text, i + 1);
    if (i < 0) return i;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    i = digitsEnd(text, i);
  }
  return i;
}

/** At least one digit from `start`: the position after them, or the error code of `numberEnd`. */
function digitsEnd(text: string, start: number): number {
  const n = text.length;
  if (start >= n) return -n - 1;
  if (!isDigit(text.charCodeAt(start))) return -start - 1;
  let i = start + 1;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  return i;
}

function literalEnd(text: string, start: number): number {
  const first = text[start];
  const literal = first === 't' ? 'true' : first === 'f' ? 'false' : first === 'n' ? 'null' : '';
  if (!literal) return -start - 1;
  for (let k = 1; k < literal.length; k++) {
    const i = start + k;
    if (i >= text.length) return -text.length - 1;
    if (text[i] !== literal[k]) return -i - 1;
  }
  return start + literal.length;
}
