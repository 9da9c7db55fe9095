import { describe, expect, it } from 'vitest';

/*
 * No import loops in src/: neither between files nor between its folders (src/app, src/auth, …).
 * Two folders that import each other are one module cut in two; the shared piece belongs in a
 * module of its own. (The emulator has its own check, emulator/test/import-graph.test.ts: it
 * shares no code with src/.)
 */
const sources = import.meta.glob<string>(['./**/*.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** `./auth/page/auth-client.ts` → `auth/page/auth-client.ts`, the form the graph uses. */
const pathOf = (file: string) => file.replace(/^\.\//, '');

function resolve(from: string, specifier: string): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(
    (candidate) => `./${candidate}` in sources,
  );
}

/** file → the files it imports: static, type-only, re-exports and dynamic import(). */
const files = new Map(
  Object.entries(sources).map(([file, text]) => {
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)];
    const targets = specifiers.flatMap((match) => resolve(pathOf(file), match[1] ?? '') ?? []);
    return [pathOf(file), new Set(targets)] as const;
  }),
);

/** The same graph between folders (`auth`), a top-level file standing for itself. */
const folders = new Map<string, Set<string>>();
for (const [file, targets] of files) {
  const folderOf = (path: string) => (path.includes('/') ? (path.split('/')[0] ?? path) : path);
  const edges = folders.get(folderOf(file)) ?? new Set<string>();
  folders.set(folderOf(file), edges);
  for (const target of targets)
    if (folderOf(target) !== folderOf(file)) edges.add(folderOf(target));
}

/** Every loop found by a depth-first walk, each as `a → b → a`. */
function loops(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const done = new Set<string>();
  const walk = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) {
      found.add([...path.slice(at), node].join(' → '));
      return;
    }
    if (done.has(node)) return;
    for (const next of [...(graph.get(node) ?? [])].sort()) walk(next, [...path, node]);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) walk(node, []);
  return [...found];
}

describe('the import graph of src/', () => {
  it('is read from every source file', () => {
    expect(files.get('main.tsx')).toContain('auth/index.ts');
    expect(files.get('auth/index.ts')).toContain('auth/page/auth-client.ts');
    expect(files.get('app/router.tsx')).toContain('app/screens.ts');
  });

  it('has no loop between files', () => {
    expect(loops(files)).toEqual([]);
  });

  it('has no loop between folders', () => {
    expect(loops(folders)).toEqual([]);
  });

  it('finds a loop where there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(loops(graph)).toEqual(['a → b → c → a']);
  });
});
