import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { ENTRY_POINTS } from './typecheck-snippets.js';

/** One runtime export of a public entry point and what is wrong with its documentation, if anything. */
export interface ExportCheck {
  entry: string;
  name: string;
  /** Where the export is declared, `lib/file.ts:line`. */
  location: string;
  problem?: string;
}

/**
 * Checks that every runtime (value) export of the public entry points has a TSDoc comment with an
 * `@example` whose code starts with an import line. Type-only exports are not checked here.
 */
export function checkExportDocs(root: string, program: ts.Program): ExportCheck[] {
  const checker = program.getTypeChecker();
  const results: ExportCheck[] = [];
  for (const [entry, file] of Object.entries(ENTRY_POINTS)) {
    const sourceFile = program.getSourceFile(resolve(root, file));
    const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
    if (!moduleSymbol) {
      results.push({ entry, name: '*', location: file, problem: 'entry point not found in the program' });
      continue;
    }
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      if (isTypeOnlyExport(exported)) continue;
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(target.flags & ts.SymbolFlags.Value)) continue;
      const declarations = target.declarations ?? [];
      const first = declarations[0];
      const location = first ? locate(root, first) : file;
      results.push({ entry, name: exported.name, location, problem: exampleProblem(declarations) });
    }
  }
  return results;
}

function isTypeOnlyExport(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some(
    (declaration) =>
      ts.isExportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly),
  );
}

function locate(root: string, node: ts.Node): string {
  const sourceFile = node.getSourceFile();
  const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
  return `${relative(root, sourceFile.fileName)}:${line + 1}`;
}

/** Undefined when some declaration has an `@example` starting with an import line; else what is missing. */
function exampleProblem(declarations: readonly ts.Declaration[]): string | undefined {
  const tags = declarations.flatMap((declaration) => [...ts.getJSDocTags(declaration)]);
  const hasDoc = declarations.some((declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0);
  if (!hasDoc) return 'no TSDoc comment';
  const examples = tags.filter((tag) => tag.tagName.text === 'example');
  if (examples.length === 0) return 'TSDoc has no @example';
  const starts = examples.map((tag) => firstCodeLine(ts.getTextOfJSDocComment(tag.comment) ?? ''));
  if (starts.some((line) => /^import\s/.test(line))) return undefined;
  return `@example does not start with an import line (starts with "${starts[0] ?? ''}")`;
}

/** The first code line of an `@example` text: inside its fence, or its inline code. */
function firstCodeLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  const fence = lines.findIndex((line) => /^(`{3,}|~{3,})/.test(line));
  if (fence >= 0) return lines.slice(fence + 1).find((line) => line !== '') ?? '';
  return /`([^`]+)`/.exec(text)?.[1]?.trim() ?? lines.find((line) => line !== '') ?? '';
}
