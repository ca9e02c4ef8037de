import { describe, expect, it } from '@jest/globals';
import { extractMarkdown } from './extract-markdown.js';
import { extractTSDoc } from './extract-tsdoc.js';
import { preludeFor } from './preludes.js';

describe('extractMarkdown', () => {
  it('takes ts and typescript fences with their line, and leaves other fences alone', () => {
    const text = [
      '# T',
      '```sh',
      'npm i',
      '```',
      '```ts',
      'const a = 1;',
      '```',
      '```typescript',
      'b;',
      '```',
    ];
    const { snippets, problems } = extractMarkdown('doc.md', text.join('\n'));
    expect(snippets.map(({ line, code }) => [line, code])).toEqual([
      [6, 'const a = 1;'],
      [9, 'b;'],
    ]);
    expect(problems).toEqual([]);
  });

  it('applies the directives right before a fence, across blank lines', () => {
    const text = [
      '<!-- check-examples: prelude render client -->',
      '<!-- check-examples: name chat.service.ts -->',
      '',
      '```ts',
      'render(client);',
      '```',
      '<!-- check-examples: skip a fragment of the class above -->',
      '```ts',
      '  method() {}',
      '```',
    ];
    const [first, second] = extractMarkdown('doc.md', text.join('\n')).snippets;
    expect(first).toMatchObject({ preludes: ['render', 'client'], name: 'chat.service.ts' });
    expect(second).toMatchObject({ preludes: [], skip: 'a fragment of the class above' });
  });

  it('reports a skip without a reason and an unknown directive', () => {
    const text = ['<!-- check-examples: skip -->', '<!-- check-examples: ignore -->', '```ts', 'x;', '```'];
    const { problems } = extractMarkdown('doc.md', text.join('\n'));
    expect(problems.map((problem) => problem.line)).toEqual([2, 1]);
  });

  it('reads no-run with its reason, and an output fence as the output of the ts fence before it', () => {
    const text = [
      '<!-- check-examples: no-run browser-only: reads location -->',
      '```ts',
      'location.origin;',
      '```',
      'It prints:',
      '<!-- check-examples: output -->',
      '```text',
      '1 one',
      '```',
    ];
    const { snippets, problems } = extractMarkdown('doc.md', text.join('\n'));
    expect(snippets).toEqual([
      expect.objectContaining({ noRun: 'browser-only: reads location', output: '1 one' }),
    ]);
    expect(problems).toEqual([]);
  });

  it('reports no-run without a reason, and output before a ts fence or with no ts fence before it', () => {
    const text = [
      '<!-- check-examples: output -->',
      '```text',
      'x',
      '```',
      '<!-- check-examples: no-run -->',
      '<!-- check-examples: output -->',
      '```ts',
      'x;',
      '```',
    ];
    const { problems } = extractMarkdown('doc.md', text.join('\n'));
    expect(problems.map((problem) => problem.line)).toEqual([2, 6, 5]);
  });

  it('reads the Node major an example needs, and reports one that is not a number', () => {
    const text = ['<!-- check-examples: node 22 -->', '```ts', 'x;', '```'];
    expect(extractMarkdown('doc.md', text.join('\n')).snippets[0]).toMatchObject({ node: 22 });
    const bad = ['<!-- check-examples: node latest -->', '```ts', 'x;', '```'];
    expect(extractMarkdown('doc.md', bad.join('\n')).problems).toEqual([
      { file: 'doc.md', line: 1, message: 'check-examples: node needs a major version like 22' },
    ]);
  });

  it('strips the indentation of a fence inside a list', () => {
    const text = ['- item', '  ```ts', '  const a = 1;', '    nested;', '  ```'];
    expect(extractMarkdown('doc.md', text.join('\n')).snippets[0]?.code).toBe('const a = 1;\n  nested;');
  });
});

describe('extractTSDoc', () => {
  it('reads the fenced and the single-line @example forms with their lines', () => {
    const source = [
      '/**',
      ' * Does x.',
      ' *',
      ' * @example',
      ' * ```ts',
      " * import { x } from 'rxjs-openai-stream';",
      ' *',
      ' * @Component({})',
      ' * class A {}',
      ' * ```',
      ' * @returns y',
      ' */',
      'export const x = 1;',
      "/** A type. @example `import type { T } from 'rxjs-openai-stream';` */",
      'export type T = string;',
    ].join('\n');
    const { snippets, problems } = extractTSDoc('lib/x.ts', source);
    expect(snippets.map(({ line, code }) => [line, code])).toEqual([
      [6, "import { x } from 'rxjs-openai-stream';\n\n@Component({})\nclass A {}"],
      [14, "import type { T } from 'rxjs-openai-stream';"],
    ]);
    expect(problems).toEqual([]);
  });

  it('reports an @example without code', () => {
    const { snippets, problems } = extractTSDoc('lib/x.ts', '/**\n * @example\n * x()\n */');
    expect(snippets).toEqual([]);
    expect(problems).toEqual([{ file: 'lib/x.ts', line: 2, message: '@example without a ```ts code fence' }]);
  });
});

describe('preludeFor', () => {
  it('declares known names and lists unknown ones', () => {
    const { code, unknown } = preludeFor(['render', 'nope']);
    expect(code).toContain('declare const render');
    expect(unknown).toEqual(['nope']);
  });

  it('defines the names to run a snippet, importing createClient once under a name of its own', () => {
    const { code } = preludeFor(['client', 'story$'], 'run');
    expect(code.match(/^import .*$/gm)).toEqual([
      "import { createClient as createExampleClient } from 'rxjs-openai-stream';",
    ]);
    expect(code).toContain('const client = createExampleClient();');
    expect(preludeFor(['render'], 'run').code).not.toContain('import');
  });
});
