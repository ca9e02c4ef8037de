/** Test helpers for the mock server specs: read a fetch body to the end (or the break) and split SSE frames. */

export interface BodyResult {
  bytes: Uint8Array;
  text: string;
  error?: unknown;
}

/** Reads the whole body, keeping whatever arrived before a transport error. */
export async function readBody(response: Response): Promise<BodyResult> {
  const parts: Uint8Array[] = [];
  let error: unknown;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (caught) {
    error = caught;
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return { bytes, text: new TextDecoder().decode(bytes), ...(error === undefined ? {} : { error }) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs poke into loosely shaped JSON
export type Json = Record<string, any>;

export interface Frame {
  event?: string;
  data: string;
}

/** Splits an SSE body made of `\n\n`-terminated frames (a trailing partial frame is dropped). */
export function splitFrames(text: string): Frame[] {
  const blocks = text.split('\n\n');
  blocks.pop();
  return blocks.map((block) => {
    const frame: Frame = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) frame.event = line.slice(7);
      if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    frame.data = data.join('\n');
    return frame;
  });
}

/** The JSON payloads of an SSE body, without the `[DONE]` sentinel. */
export function jsonFrames(text: string): Json[] {
  return splitFrames(text)
    .filter((frame) => frame.data !== '[DONE]')
    .map((frame) => JSON.parse(frame.data) as Json);
}

/** POSTs JSON to the mock server. */
export function post(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
    body: JSON.stringify(body),
    ...init,
  });
}
