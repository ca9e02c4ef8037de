import type { IncomingMessage } from 'node:http';
import type { RecordedRequest } from './types.js';

/**
 * A recorded request plus the function that resolves its `closed` promise.
 * @internal
 */
export interface RequestRecorder {
  record: RecordedRequest;
  settle(abortedByClient: boolean): void;
}

/**
 * Creates the record of a request (body still empty) whose `closed` promise `settle` resolves once.
 * @internal
 */
export function createRecorder(req: IncomingMessage, url: URL): RequestRecorder {
  let resolveClosed!: (value: { abortedByClient: boolean }) => void;
  const closed = new Promise<{ abortedByClient: boolean }>((resolve) => (resolveClosed = resolve));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: '',
    aborted: false,
    closed,
    framesSent: 0,
    bytesSent: 0,
  };
  let settled = false;
  return {
    record,
    settle(abortedByClient) {
      if (settled) return;
      settled = true;
      record.aborted = abortedByClient;
      resolveClosed({ abortedByClient });
    },
  };
}

/**
 * Reads the whole request body as UTF-8; resolves early (with what arrived) if `signal` aborts.
 * @internal
 */
export function readBody(req: IncomingMessage, signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    signal.addEventListener('abort', done, { once: true });
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', done);
    req.on('error', done);
  });
}

/**
 * Parses a body as JSON when possible, else returns the raw text.
 * @internal
 */
export function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
