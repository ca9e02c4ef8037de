import { SSEParseError } from '../errors/sse-parse-error.js';
import type { ServerSentEvent } from './types.js';

const LF = 10;
const SPACE = 32;
const COLON = 58;
const BOM = 0xfeff;
const DIGITS = /^[0-9]+$/;

/** Whether `text` has `data:` at `at` (char codes, cheaper than `startsWith` on hot paths). */
const isData = (text: string, at: number): boolean =>
  text.charCodeAt(at + 4) === COLON &&
  text.charCodeAt(at) === 100 &&
  text.charCodeAt(at + 1) === 97 &&
  text.charCodeAt(at + 2) === 116 &&
  text.charCodeAt(at + 3) === 97;
/** Up to this many pending pieces are concatenated directly; more go through `Array#join`. */
const FEW_PIECES = 16;
/** Chunks from this length on have their unfinished line copied out (see {@link detach}). */
const DETACH_FROM = 1024;

/**
 * `text.slice(from)` as a string of its own. In V8 a slice keeps its whole parent alive, so the few
 * characters of an unfinished line would hold a 64 KB chunk until the stream's next read: with many
 * streams open, that memory outlives young-generation GCs and piles up in the old generation. Slicing a
 * concatenation flattens it first, which copies.
 */
const detach = (text: string, from: number): string => (' ' + text.slice(from)).slice(1);

/**
 * The default of `maxEventBytes`: 16 MiB of decoded text (UTF-16 code units).
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_EVENT_BYTES, parseSSE } from 'rxjs-openai-stream';
 *
 * const generous = parseSSE({ maxEventBytes: 4 * DEFAULT_MAX_EVENT_BYTES });
 * ```
 */
export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * Callbacks of {@link createSSEParser}.
 *
 * @example
 * ```ts
 * import type { SSEParserCallbacks } from 'rxjs-openai-stream';
 *
 * const callbacks: SSEParserCallbacks = { onEvent: (event) => console.log(event.data) };
 * ```
 */
export interface SSEParserCallbacks {
  /** Called with each dispatched event, in stream order. */
  onEvent(event: ServerSentEvent): void;
  /** Called with the new reconnection time each time a valid `retry:` field is read. */
  onRetry?: (ms: number) => void;
  /** Called with each comment line's text (without the `:` and at most one leading space). */
  onComment?: (text: string) => void;
}

/**
 * Options of {@link createSSEParser}.
 *
 * @example
 * ```ts
 * import type { SSEParserOptions } from 'rxjs-openai-stream';
 *
 * const options: SSEParserOptions = { maxEventBytes: 1 << 20, initialLastEventId: '42' };
 * ```
 */
export interface SSEParserOptions {
  /**
   * Largest pending data buffer plus unfinished line, in UTF-16 code units, before `feed` throws an
   * `SSEParseError`.
   * @defaultValue 16 MiB (16 * 1024 * 1024)
   */
  maxEventBytes?: number;
  /** The last event ID to start from (as after a reconnect). @defaultValue `""` */
  initialLastEventId?: string;
}

/**
 * An incremental SSE parser over decoded text: feed it strings in any chunking, end it once.
 *
 * @example
 * ```ts
 * import { createSSEParser, type SSEParser } from 'rxjs-openai-stream';
 *
 * const parser: SSEParser = createSSEParser({ onEvent: (event) => console.log(event) });
 * parser.feed('data: hi\n\n');
 * ```
 */
export interface SSEParser {
  /** Parses the next piece of text. Throws an `SSEParseError` past `maxEventBytes` (and on every call after). */
  feed(text: string): void;
  /** Marks the end of the stream: an unterminated block is dropped, later `feed` calls throw. */
  end(): void;
  /** The last event ID string (updated at each dispatch, `""` if never set). */
  readonly lastEventId: string;
  /** The latest reconnection time set by a `retry:` field, or `undefined`. */
  readonly retry: number | undefined;
}

/**
 * Creates a WHATWG-exact incremental parser for `text/event-stream` text ("Interpreting an event
 * stream"): LF, CR and CRLF line endings (also split across chunks), one leading BOM stripped, comments,
 * fields with and without a colon, multi-line data, a persistent last event ID and `retry`. Work is linear
 * in the input however it is chunked: only new text is scanned and an unfinished line is kept as pieces.
 *
 * @param callbacks - where events, reconnection times and comments go.
 * @param options - limits and the initial last event ID.
 * @returns the parser; it works on decoded strings (see {@link createSSEDecoder} for bytes).
 *
 * @example
 * ```ts
 * import { createSSEParser } from 'rxjs-openai-stream';
 *
 * const parser = createSSEParser({ onEvent: (event) => console.log(event.event, event.data) });
 * parser.feed('event: greeting\ndata: hel');
 * parser.feed('lo\n\n'); // logs "greeting hello"
 * parser.end();
 * ```
 */
export function createSSEParser(callbacks: SSEParserCallbacks, options: SSEParserOptions = {}): SSEParser {
  const { onEvent, onRetry, onComment } = callbacks;
  const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  if (typeof maxEventBytes !== 'number' || !(maxEventBytes > 0)) {
    throw new TypeError(`maxEventBytes must be a positive number, got ${String(maxEventBytes)}`);
  }
  let lastEventId = options.initialLastEventId ?? '';
  let idBuffer = lastEventId;
  let retry: number | undefined;
  let eventType = '';
  let data = '';
  let hasData = false;
  // The unfinished line, as the pieces it arrived in (`pending[0, count)`), joined once when its
  // terminator arrives: a long line fed in tiny chunks costs linear time.
  let pending: string[] = [];
  let count = 0;
  let pendingLength = 0;
  let skipLeadingLF = false;
  let started = false;
  let ended = false;
  let failure: SSEParseError | undefined;

  function fail(): never {
    failure = new SSEParseError(`An SSE event grew past maxEventBytes (${maxEventBytes} UTF-16 code units)`, {
      kind: 'max-event-bytes',
      limit: maxEventBytes,
    });
    pending = [];
    count = 0;
    data = '';
    throw failure;
  }

  function emit(value: string): void {
    lastEventId = idBuffer;
    const type = eventType === '' ? 'message' : eventType;
    eventType = '';
    onEvent(
      retry === undefined
        ? { event: type, data: value, id: lastEventId }
        : { event: type, data: value, id: lastEventId, retry },
    );
  }

  function dispatch(): void {
    if (!hasData) {
      lastEventId = idBuffer;
      eventType = '';
      return;
    }
    const value = data;
    data = '';
    hasData = false;
    emit(value);
  }

  function appendData(value: string): void {
    data = hasData ? data + '\n' + value : value;
    hasData = true;
    if (data.length + pendingLength > maxEventBytes) fail();
  }

  function field(name: string, value: string): void {
    switch (name) {
      case 'data':
        appendData(value);
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) idBuffer = value;
        break;
      case 'retry':
        if (DIGITS.test(value)) {
          retry = Number(value);
          onRetry?.(retry);
        }
        break;
      default:
    }
  }

  /** Interprets the line `text[start, end)`. */
  function line(text: string, start: number, end: number): void {
    if (start === end) return dispatch();
    if (isData(text, start)) {
      const from = text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5;
      return appendData(text.slice(from, end));
    }
    if (text.charCodeAt(start) === COLON) {
      if (onComment) onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
      return;
    }
    let colon = start + 1;
    while (colon < end && text.charCodeAt(colon) !== COLON) colon++;
    if (colon === end) return field(text.slice(start, end), '');
    const from = text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
    field(text.slice(start, colon), text.slice(from, end));
  }

  /** Returns the pending pieces followed by `last` as one string, and empties the pending line. */
  function joinPending(last: string): string {
    let out: string;
    if (count <= FEW_PIECES) {
      out = pending[0] ?? '';
      pending[0] = '';
      for (let i = 1; i < count; i++) {
        out += pending[i];
        pending[i] = '';
      }
      out += last;
    } else {
      pending.length = count;
      pending.push(last);
      out = pending.join('');
      pending = [];
    }
    count = 0;
    return out;
  }

  function keep(piece: string): void {
    pending[count++] = piece;
    pendingLength += piece.length;
    if (pendingLength + data.length > maxEventBytes) fail();
  }

  function feed(text: string): void {
    if (failure) throw failure;
    if (ended) throw new TypeError('The SSE parser has ended: it takes no more input');
    const length = text.length;
    if (length === 0) return;
    let pos = 0;
    if (!started) {
      started = true;
      if (text.charCodeAt(0) === BOM) pos = 1;
    }
    if (skipLeadingLF) {
      skipLeadingLF = false;
      if (text.charCodeAt(pos) === LF) pos++;
    }
    let lf = text.indexOf('\n', pos);
    let cr = text.indexOf('\r', pos);
    if (count !== 0) {
      if (lf === -1 && cr === -1) return keep(pos === 0 ? text : text.slice(pos));
      // This chunk ends the pending line: join only that line, then go on in the chunk itself (copying
      // the whole chunk onto the pending line would cost more than the line).
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      const joined = joinPending(text.slice(pos, end));
      pendingLength = 0;
      pos = end + 1;
      if (end === cr) {
        if (pos === length) skipLeadingLF = true;
        else if (text.charCodeAt(pos) === LF) pos++;
        line(joined, 0, joined.length);
      } else if (!hasData && text.charCodeAt(pos) === LF && isData(joined, 0)) {
        // The same fast path as below: a lone `data:` line and a blank line dispatch at once.
        const value = joined.slice(joined.charCodeAt(5) === SPACE ? 6 : 5);
        if (value.length > maxEventBytes) fail();
        emit(value);
        pos++;
      } else {
        line(joined, 0, joined.length);
      }
      if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    }
    let end: number;
    let next: number;
    for (;;) {
      if (lf !== -1 && (cr === -1 || lf < cr)) {
        end = lf;
        next = lf + 1;
        // Fast path: a single `data:` line closed by a blank line dispatches straight from the chunk.
        if (!hasData && text.charCodeAt(next) === LF && isData(text, pos)) {
          const from = text.charCodeAt(pos + 5) === SPACE ? pos + 6 : pos + 5;
          if (end - from > maxEventBytes) fail();
          emit(text.slice(from, end));
          pos = next + 1;
          lf = text.indexOf('\n', pos);
          if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
          continue;
        }
      } else if (cr !== -1) {
        end = cr;
        next = cr + 1;
        if (next === length) skipLeadingLF = true;
        else if (text.charCodeAt(next) === LF) next++;
      } else {
        break;
      }
      line(text, pos, end);
      pos = next;
      if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    }
    if (pos < length) keep(pos === 0 ? text : length >= DETACH_FROM ? detach(text, pos) : text.slice(pos));
  }

  function end(): void {
    ended = true;
    pending = [];
    count = 0;
    pendingLength = 0;
    data = '';
    hasData = false;
    eventType = '';
  }

  return {
    feed,
    end,
    get lastEventId() {
      return lastEventId;
    },
    get retry() {
      return retry;
    },
  };
}
