/**
 * The names a documented example may use without defining them (`<!-- check-examples: prelude render
 * client -->`). Each has an ambient declaration, which the type-checker prepends, and a definition, which
 * the runner prepends (it talks to the mock server through `OPENAI_BASE_URL`). Keep this list short: an
 * example that is short enough to be self-contained should be.
 */
export const PRELUDES: Readonly<Record<string, { declare: string; run: string }>> = {
  /** Whatever the application does with a value: update the page, a signal, a log. */
  render: {
    declare: 'declare const render: (value: unknown) => void;',
    run: 'const render = (value: unknown): void => void value;',
  },
  /** A client created earlier in the same document. */
  client: {
    declare: "declare const client: import('rxjs-openai-stream').OpenAIClient;",
    run: 'const client = createExampleClient();',
  },
  /** A chat-completion stream created earlier in the same document (docs/python-guide.md, section 1). */
  story$: {
    declare:
      "declare const story$: import('rxjs').Observable<import('rxjs-openai-stream').ChatCompletionChunk>;",
    run:
      'const story$ = createExampleClient().chat.completions.create({ model: "gpt-4o", ' +
      'messages: [{ role: "user", content: "Write a story about a robot." }], stream: true });',
  },
};

/** The import the runnable definitions need, under a name no example uses. */
const RUN_IMPORT = "import { createClient as createExampleClient } from 'rxjs-openai-stream';";

/**
 * The code to put before a snippet that asks for `names`: ambient declarations to type-check it, or
 * definitions to run it; and the names this list does not know.
 */
export function preludeFor(
  names: readonly string[],
  mode: 'declare' | 'run' = 'declare',
): { code: string; unknown: string[] } {
  const unknown = names.filter((name) => !Object.hasOwn(PRELUDES, name));
  const known = names.filter((name) => Object.hasOwn(PRELUDES, name)).map((name) => PRELUDES[name]!);
  const lines = known.map((prelude) => prelude[mode]);
  if (mode === 'run' && lines.some((line) => line.includes('createExampleClient'))) lines.unshift(RUN_IMPORT);
  return { code: lines.join('\n'), unknown };
}
