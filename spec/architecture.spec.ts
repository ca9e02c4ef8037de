import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The layering docs/architecture.md draws, as a test: value imports only go down, chat and Responses
// never import each other, no `import()` anywhere, and the browser-safe core has no `node:` import.

const LIB = resolve(import.meta.dirname, '..', 'lib');

/** Lower layers first; a module may import values only from a lower layer (or its own folder). */
const LAYERS: readonly (readonly string[])[] = [
  ['errors'],
  ['sse', 'json'],
  ['http'],
  ['tools'],
  ['chat', 'responses'],
  ['structured', 'text'],
  ['client'],
  ['index', 'angular', 'server', 'testing'],
];
const rank = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

interface Edge {
  file: string;
  from: string;
  to: string;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `lib/chat/x.ts` → `chat`, `lib/client.ts` → `client`. */
const folderOf = (path: string) =>
  relative(LIB, path)
    .split('/')[0]!
    .replace(/\.(js|ts)$/, '');

const files = sources(LIB);
const edges: Edge[] = files.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm)].map(
    ([, type, target]) => ({
      file: relative(LIB, file),
      from: folderOf(file),
      to: folderOf(resolve(dirname(file), target!)),
      typeOnly: type !== undefined,
    }),
  ),
);
const crossing = edges.filter((edge) => edge.from !== edge.to);

describe('the folders of lib/ import one way', () => {
  it('knows every folder', () => {
    expect(files.map(folderOf).filter((folder) => rank(folder) < 0)).toEqual([]);
  });

  it('imports values only from lower layers', () => {
    const upward = crossing.filter((edge) => !edge.typeOnly && rank(edge.to) >= rank(edge.from));
    expect(upward.map((edge) => `${edge.file} → ${edge.to}`)).toEqual([]);
  });

  it('never imports between chat and Responses, not even types', () => {
    const sideways = crossing.filter((edge) => rank(edge.from) === 4 && rank(edge.to) === 4);
    expect(sideways.map((edge) => `${edge.file} → ${edge.to}`)).toEqual([]);
  });

  it('has no dynamic import()', () => {
    const dynamic = files.filter((file) =>
      /\bimport\(/.test(readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '')),
    );
    expect(dynamic.map((file) => relative(LIB, file))).toEqual([]);
  });

  it('keeps node: imports in lib/testing and the node adapters of lib/server', () => {
    const nodeOnly = files.filter((file) => /^import[^;]*from\s+'node:/m.test(readFileSync(file, 'utf8')));
    const outside = nodeOnly
      .map((file) => relative(LIB, file))
      .filter((file) => !file.startsWith('testing/') && !/^server\/node-[^/]+\.ts$/.test(file));
    expect(outside).toEqual([]);
  });
});
