import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureOf, moduleOf, skipReason, toDocLocations, type RunEnd } from './run-plan.js';
import { nodeBinary, runModule } from './run-snippet.js';
import type { Snippet } from './snippet.js';

const snippet = (more: Partial<Snippet> = {}): Snippet => ({
  file: 'docs/x.md',
  line: 10,
  code: "console.log('hi');",
  preludes: [],
  ...more,
});
const ended = (more: Partial<RunEnd> = {}): RunEnd => ({
  outcome: 'ok',
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  ...more,
});

describe('skipReason', () => {
  it('runs a plain snippet and gives the reason for each kind of skip', () => {
    expect(skipReason(snippet())).toBeUndefined();
    expect(skipReason(snippet({ skip: 'a fragment' }))).toMatch(/not type-checked either: a fragment/);
    expect(skipReason(snippet({ noRun: 'browser-only: reads location' }))).toBe(
      'browser-only: reads location',
    );
    expect(skipReason(snippet({ code: "import { inject } from '@angular/core';" }))).toMatch(/Angular/);
    const provider = "import { provideOpenAIStream } from 'rxjs-openai-stream/angular';";
    expect(skipReason(snippet({ code: provider }))).toMatch(/Angular/);
  });
});

describe('moduleOf', () => {
  it('puts the runnable prelude before the code, in a folder of the document', () => {
    const module = moduleOf(snippet({ preludes: ['story$', 'render'] }));
    expect(module.path).toBe('docs_x/example-10.ts');
    expect(module.preludeLines).toBe(3);
    expect(module.source.split('\n').slice(0, 3).join('\n')).toMatch(
      /^import \{ createClient as createExampleClient \}.*\nconst story\$ = .*\nconst render = /,
    );
    expect(module.source).toContain("console.log('hi');");
    expect(moduleOf(snippet({ name: 'chat.service.ts' })).path).toBe('docs_x/chat.service.ts');
  });
});

describe('toDocLocations', () => {
  it('maps the temporary module and its lines to the Markdown file and line', () => {
    const module = moduleOf(snippet({ preludes: ['render'] }));
    const text = [
      'file:///tmp/run/docs_x/example-10.ts:4:7',
      'at f (/tmp/run/docs_x/example-10.ts:2:1)',
      '/tmp/run/docs_x/example-10.ts',
      '/tmp/run/docs_x/example-10.ts:1',
    ].join('\n');
    expect(toDocLocations(text, '/tmp/run', [module]).split('\n')).toEqual([
      'docs/x.md:12:7',
      'at f (docs/x.md:10:1)',
      'docs/x.md:10',
      'docs/x.md:10 (prelude line 1)',
    ]);
  });
});

describe('failureOf', () => {
  it('passes a clean exit and names each way to fail', () => {
    expect(failureOf(ended(), snippet(), 1000)).toBeUndefined();
    expect(failureOf(ended({ outcome: 'timeout', exitCode: null }), snippet(), 1000)).toMatch(
      /within 1000 ms/,
    );
    expect(failureOf(ended({ outcome: 'failed', exitCode: 1 }), snippet(), 1000)).toMatch(/code 1/);
    expect(failureOf(ended({ outcome: 'failed', signal: 'SIGKILL' }), snippet(), 1000)).toMatch(/SIGKILL/);
    expect(failureOf(ended({ stderr: 'APIConnectionError: …' }), snippet(), 1000)).toMatch(/stderr/);
  });

  it('compares the output block line by line, ignoring trailing spaces and line endings', () => {
    const withOutput = snippet({ output: '1 one\n2 two' });
    expect(failureOf(ended({ stdout: '1 one  \r\n2 two\n' }), withOutput, 1000)).toBeUndefined();
    expect(failureOf(ended({ stdout: '1 one\n two\n' }), withOutput, 1000)).toMatch(/output/);
  });
});

describe('runModule', () => {
  it('reports a module that throws with its output, and one that hangs as a timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-plan-spec-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'throws.ts'), "console.log('before');\nthrow new Error('boom');\n");
      writeFileSync(join(dir, 'hangs.ts'), 'setInterval(() => undefined, 1000);\n');
      const options = { cwd: process.cwd(), env: process.env, timeoutMs: 10_000 };
      const [thrown, hung] = await Promise.all([
        runModule({ ...options, file: join(dir, 'throws.ts') }),
        runModule({ ...options, file: join(dir, 'hangs.ts'), timeoutMs: 300 }),
      ]);
      expect(thrown).toMatchObject({ outcome: 'failed', exitCode: 1, stdout: 'before\n' });
      expect(thrown.stderr).toContain('Error: boom');
      expect(thrown.stderr).toContain(`${dir}/throws.ts:2`);
      expect(hung.outcome).toBe('timeout');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nodeBinary', () => {
  it("uses this process's Node when no version is asked or it is recent enough", async () => {
    const own = Number(process.versions.node.split('.')[0]);
    expect(await nodeBinary(undefined)).toBe(process.execPath);
    expect(await nodeBinary(own)).toBe(process.execPath);
    expect(await nodeBinary(own - 2)).toBe(process.execPath);
  });
});
