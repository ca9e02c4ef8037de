/**
 * A fresh tool-call id (`call_` and 24 hex digits) for a call the server sent without one, so that the
 * assistant message and its tool message still match. Uses `crypto.getRandomValues`, which browsers also
 * offer outside secure contexts.
 *
 * @internal
 */
export function generateCallId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return `call_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
