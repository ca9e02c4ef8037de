import { randomBytes } from 'node:crypto';

/**
 * A transport failure the mock server injects into one reply, to test how a client copes with broken
 * connections and malformed bodies.
 *
 * - `drop-after-chunks`: write `chunks` frames, then destroy the socket (no terminating chunk).
 * - `reset-after-bytes`: write `bytes` body bytes (a frame may be cut), then reset the TCP connection.
 * - `stall`: send the headers, then nothing until the client goes away.
 * - `stall-after-chunks`: write `chunks` frames, then nothing until the client goes away.
 * - `stall-before-headers`: send nothing at all until the client goes away.
 * - `drip`: write the whole body one byte at a time, `intervalMs` apart (multi-byte characters get split).
 * - `no-done`: end the body cleanly but without its terminal frame (`data: [DONE]` for chat, the final
 *   `response.*` event for the Responses API).
 * - `headers-then-end`: send the 200 headers, then end with an empty body.
 * - `garbage`: send the 200 headers, then random bytes that are never valid UTF-8, then end.
 * - `done-without-blank-line`: the last frame ends with a single `\n` (e.g. `data: [DONE]\n`).
 *
 * @example
 * ```ts
 * import { startMockServer, type MockFault } from 'rxjs-openai-stream/testing';
 *
 * const fault: MockFault = { kind: 'drop-after-chunks', chunks: 3 };
 * const mock = await startMockServer();
 * mock.enqueue({ type: 'chat', text: 'Hello there, general Kenobi', fault });
 * ```
 */
export type MockFault =
  | { kind: 'drop-after-chunks'; chunks: number }
  | { kind: 'reset-after-bytes'; bytes: number }
  | { kind: 'stall' }
  | { kind: 'stall-after-chunks'; chunks: number }
  | { kind: 'stall-before-headers' }
  | { kind: 'drip'; intervalMs?: number }
  | { kind: 'no-done' }
  | { kind: 'headers-then-end' }
  | { kind: 'garbage' }
  | { kind: 'done-without-blank-line' };

/** The default pause between two bytes of a `drip` fault, in ms. */
export const DEFAULT_DRIP_INTERVAL_MS = 10;

/**
 * Applies the faults that only rewrite the frame list (`no-done`, `done-without-blank-line`).
 * @internal
 */
export function rewriteFrames(
  frames: ReadonlyArray<string | Uint8Array>,
  fault: MockFault | undefined,
  hasTerminal: boolean,
): Array<string | Uint8Array> {
  const out = [...frames];
  if (!hasTerminal || out.length === 0) return out;
  if (fault?.kind === 'no-done') out.pop();
  if (fault?.kind === 'done-without-blank-line') {
    const last = out[out.length - 1];
    if (typeof last === 'string' && last.endsWith('\n\n')) out[out.length - 1] = last.slice(0, -1);
  }
  return out;
}

/**
 * Random bytes that are never valid UTF-8 (every byte is 0xF8..0xFF), with a line feed every 32 bytes.
 * @internal
 */
export function garbageBytes(length = 256): Uint8Array {
  const bytes = new Uint8Array(randomBytes(length));
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (i + 1) % 32 === 0 ? 0x0a : 0xf8 | (bytes[i]! & 0x07);
  }
  return bytes;
}
