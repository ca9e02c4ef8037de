// Where a text stops being JSON, found in one pass with a stack of open containers (never recursion): the
// error path of parseFrame, which must not cost much more than the JSON.parse that just failed. Each token
// regex matches the longest valid beginning of one token, sticky at a position, and sets group 1 only when
// the token is complete; a token that stops early thus points at the character where it went wrong, or at
// the end of the text.

// eslint-disable-next-line no-control-regex -- control characters are what a JSON string may not hold
const STRING = /"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[\da-fA-F]{4})*(?:(")|\\(?:u[\da-fA-F]{0,3})?)?/y;
/** A number is complete when it ends in a digit (`-`, `1.`, `1e+` are beginnings); `1.` takes no exponent. */
const NUMBER = /-?(?:(?:0|[1-9]\d*)(?:\.\d+(?:[eE][+-]?\d*)?|\.|[eE][+-]?\d*)?)?(?:(?<=\d)()|)/y;
/** Complete when it ends like one of them: no shorter beginning ends in `e` or `ll`. */
const LITERAL = /(?:t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?)(?:(?<=e|ll)()|)/y;

// What may come next: 1 (a value or `]`) and 3 (a key or `}`) follow `[` and `{`; after a value, `,` or
// a close inside a container, and nothing at the top.
const VALUE = 0;
const KEY = 2;
const COLON = 4;
const AFTER = 5;

/**
 * The position of the first character at which `text` can no longer be the start of a JSON text, as
 * `JSON.parse` counts it; `text.length` when the text is a valid beginning that ends too early; `null`
 * when it is valid JSON. One linear pass, whatever the nesting depth.
 *
 * @internal
 */
export function jsonErrorPosition(text: string): number | null {
  /** The closing bracket of each open container, innermost last. */
  const open: string[] = [];
  let expect = VALUE;
  let at = 0;
  for (;;) {
    if (at >= text.length) return expect === AFTER && !open.length ? null : text.length;
    const c = text[at] as string;
    const top = open[open.length - 1];
    let token: RegExp | undefined;
    if (' \t\n\r'.includes(c)) {
      // whitespace: skipped
    } else if (expect === AFTER ? c === top : (c === ']' && expect === 1) || (c === '}' && expect === 3)) {
      open.pop();
      expect = AFTER;
    } else if (expect === AFTER && c === ',' && top) expect = top === '}' ? KEY : VALUE;
    else if (expect === COLON && c === ':') expect = VALUE;
    else if ((expect === KEY || expect === 3) && c === '"') {
      token = STRING;
      expect = COLON;
    } else if (expect > 1) return at;
    else if (c === '[' || c === '{') {
      open.push(c === '[' ? ']' : '}');
      expect = c === '[' ? 1 : 3;
    } else {
      // Any other character is an error where it stands: NUMBER matches nothing there, LITERAL fails.
      token = c === '"' ? STRING : c < 'a' ? NUMBER : LITERAL;
      expect = AFTER;
    }
    if (!token) {
      at++;
      continue;
    }
    token.lastIndex = at;
    const match = token.exec(text);
    if (!match) return at;
    at += match[0].length;
    if (match[1] === undefined) return at;
  }
}
