/** What {@link readText} read. @internal */
export interface ReadTextResult {
  text: string;
  /** Bytes received (up to the limit). */
  bytes: number;
  /** True when the body was cut at `maxBytes` or at the deadline. */
  truncated: boolean;
}

/**
 * Reads a body as UTF-8 text, up to `maxBytes` and for at most `deadlineMs` (0 = no deadline), then
 * cancels the rest. `onChunk` runs for every chunk with its size in bytes (to feed an idle timer, or to
 * count what arrived before a read fails).
 *
 * @internal
 */
export async function readText(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limits: { maxBytes: number; deadlineMs?: number; onChunk?: (bytes: number) => void },
): Promise<ReadTextResult> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  let truncated = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline =
    limits.deadlineMs && limits.deadlineMs > 0
      ? new Promise<'deadline'>((resolve) => {
          timer = setTimeout(() => resolve('deadline'), limits.deadlineMs);
        })
      : undefined;
  try {
    for (;;) {
      const next = reader.read();
      const result = deadline ? await Promise.race([next, deadline]) : await next;
      if (result === 'deadline') {
        truncated = true;
        break;
      }
      if (result.done) break;
      limits.onChunk?.(result.value.byteLength);
      const room = limits.maxBytes - bytes;
      const chunk = result.value.byteLength > room ? result.value.subarray(0, room) : result.value;
      bytes += chunk.byteLength;
      parts.push(decoder.decode(chunk, { stream: true }));
      if (bytes >= limits.maxBytes) {
        truncated = true;
        break;
      }
    }
  } finally {
    clearTimeout(timer);
  }
  if (truncated) void reader.cancel().catch(() => undefined);
  parts.push(decoder.decode());
  return { text: parts.join(''), bytes, truncated };
}

/** The media type of a `Content-Type` header, lower-cased, without parameters. @internal */
export function mediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  return contentType.split(';', 1)[0]!.trim().toLowerCase() || null;
}
