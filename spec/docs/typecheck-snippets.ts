import { basename, dirname, resolve } from 'node:path';
import ts from 'typescript';
import { preludeFor } from './preludes.js';
import type { Snippet } from './snippet.js';

/** A snippet after type-checking: its virtual module and its diagnostics, one line each. */
export interface CheckedSnippet {
  snippet: Snippet;
  path: string;
  source: string;
  diagnostics: string[];
}

/** The public entry points, mapped to their sources so examples import what readers import. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  'rxjs-openai-stream': 'lib/index.ts',
  'rxjs-openai-stream/testing': 'lib/testing/index.ts',
  'rxjs-openai-stream/angular': 'lib/angular/index.ts',
  'rxjs-openai-stream/server': 'lib/server/index.ts',
};

/**
 * Type-checks every snippet as its own module in ONE TypeScript program, with the project's tsconfig
 * (strict, ES2022 + DOM, node types) but bundler resolution, each file forced to be a module so top-level
 * `await` works. Snippets are virtual files (see `virtualPath`): nothing is written into the tree.
 */
export function typecheckSnippets(
  root: string,
  snippets: Snippet[],
): { checked: CheckedSnippet[]; program: ts.Program } {
  const options = compilerOptions(root);
  const files = new Map<string, { snippet: Snippet; source: string; preludeLines: number }>();
  snippets.forEach((snippet) => {
    const prelude = preludeFor(snippet.preludes).code;
    const source = prelude ? `${prelude}\n${snippet.code}\n` : `${snippet.code}\n`;
    const path = virtualPath(root, snippet);
    files.set(path, { snippet, source, preludeLines: prelude ? prelude.split('\n').length : 0 });
  });

  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  const folders = new Set([...files.keys()].map((path) => dirname(path)));
  const { directoryExists } = host;
  host.directoryExists = (path) => folders.has(resolve(path)) || (directoryExists?.call(host, path) ?? true);
  host.fileExists = (path) => files.has(resolve(path)) || fileExists.call(host, path);
  host.readFile = (path) => files.get(resolve(path))?.source ?? readFile.call(host, path);
  host.getSourceFile = (path, language, ...rest) => {
    const virtual = files.get(resolve(path));
    if (virtual) return ts.createSourceFile(path, virtual.source, language, true);
    return getSourceFile.call(host, path, language, ...rest);
  };
  const entryFiles = Object.values(ENTRY_POINTS).map((file) => resolve(root, file));
  const program = ts.createProgram({ rootNames: [...files.keys(), ...entryFiles], options, host });

  const built = program
    .getSourceFiles()
    .find((file) => file.fileName.startsWith(resolve(root, 'dist') + '/'));
  if (built) throw new Error(`examples must be checked against lib/, not the build: ${built.fileName}`);

  const checked = [...files].map(([path, { snippet, source, preludeLines }]) => {
    const sourceFile = program.getSourceFile(path);
    const found = sourceFile
      ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
      : [];
    const diagnostics = found.map((diagnostic) => describe(diagnostic, snippet, preludeLines));
    return { snippet, path, source, diagnostics };
  });
  return { checked, program };
}

/**
 * Where a snippet's virtual module lives. A TSDoc example sits beside the file it documents, so an internal
 * helper's example may import it relatively (`./retry-policy.js`). A Markdown example lives in a folder of
 * its document under `spec/docs/.generated/`, named by its `name` directive if it has one, so the examples
 * of one document can import each other.
 */
function virtualPath(root: string, snippet: Snippet): string {
  if (snippet.file.startsWith('lib/')) {
    return resolve(
      root,
      dirname(snippet.file),
      `__example-${basename(snippet.file, '.ts')}-${snippet.line}.ts`,
    );
  }
  const folder = snippet.file.replace(/\.md$/, '').replace(/[^\w.-]+/g, '_');
  return resolve(root, 'spec/docs/.generated', folder, snippet.name ?? `example-${snippet.line}.ts`);
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = resolve(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  const paths = Object.fromEntries(
    Object.entries(ENTRY_POINTS).map(([specifier, file]) => [specifier, [resolve(root, file)]]),
  );
  return {
    ...options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    incremental: false,
    // Bundler resolution, as in most apps (Angular, Vite): `./chat.service` resolves without an extension.
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths,
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
}

/** One diagnostic as `file:line message (TScode)`, located in the Markdown or TS source. */
function describe(diagnostic: ts.Diagnostic, snippet: Snippet, preludeLines: number): string {
  const message = `${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')} (TS${diagnostic.code})`;
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const line = position.line - preludeLines;
  if (line < 0) return `prelude: ${message}`;
  return `${snippet.file}:${snippet.line + line} ${message}`;
}
