/**
 * The names a documented example may use without defining them, each with the ambient declaration the
 * checker prepends when a snippet asks for it (`<!-- check-examples: prelude render client -->`). Keep this
 * list short: an example that is short enough to be self-contained should be.
 */
export const PRELUDES: Readonly<Record<string, string>> = {
  /** Whatever the application does with a value: update the page, a signal, a log. */
  render: 'declare const render: (value: unknown) => void;',
  /** A client created earlier in the same document. */
  client: "declare const client: import('rxjs-openai-stream').OpenAIClient;",
  /** A chat-completion stream created earlier in the same document (docs/python-guide.md, section 1). */
  story$:
    "declare const story$: import('rxjs').Observable<import('rxjs-openai-stream').ChatCompletionChunk>;",
};

/** The declarations for a snippet's prelude names, or the names this list does not know. */
export function preludeFor(names: readonly string[]): { code: string; unknown: string[] } {
  const unknown = names.filter((name) => !Object.hasOwn(PRELUDES, name));
  const code = names
    .filter((name) => Object.hasOwn(PRELUDES, name))
    .map((name) => PRELUDES[name])
    .join('\n');
  return { code, unknown };
}
