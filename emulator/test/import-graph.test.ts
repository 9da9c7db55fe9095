import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * No import loops in the emulator: neither between its files nor between the folders of src/
 * (src/http, src/oauth, …). A folder that imports another, which imports it back, is one module
 * cut in two; the shared piece belongs in a module of its own that both import.
 */

const root = resolve(import.meta.dirname, '..');

/** file → the files it imports, paths relative to emulator/ with `/` separators. */
type Graph = Map<string, Set<string>>;

const toPath = (absolute: string) => relative(root, absolute).split('\\').join('/');

function sourceFiles(): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.split(/[\\/]/).includes('node_modules'))
    .map((file) => toPath(join(root, file)))
    .sort();
}

/** The emulator file a relative specifier names, as TypeScript's bundler resolution finds it. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(from), specifier);
  const candidates = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((end) => base + end);
  const found = candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
  if (found === undefined) return undefined;
  const path = toPath(found);
  return path.startsWith('../') ? undefined : path;
}

/** Every relative import, export-from, import type and dynamic import() of the emulator's files. */
function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .flatMap((specifier) => resolveImport(file, specifier) ?? []);
    graph.set(file, new Set(targets));
  }
  return graph;
}

/** A folder of src/ is one unit (`src/oauth`); any other file is a unit of its own. */
function unitOf(file: string): string {
  const [top, folder, ...rest] = file.split('/');
  return top === 'src' && folder !== undefined && rest.length > 0 ? `src/${folder}` : file;
}

/** The graph between units, and for each edge between two units one file import that makes it. */
function unitGraph(files: Graph): { graph: Graph; because: Map<string, string> } {
  const graph: Graph = new Map();
  const because = new Map<string, string>();
  for (const [file, targets] of files) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of targets) {
      const to = unitOf(target);
      if (to === from) continue;
      edges.add(to);
      if (!because.has(`${from} ${to}`)) because.set(`${from} ${to}`, `${file} → ${target}`);
    }
  }
  return { graph, because };
}

/**
 * The loops of a graph, each as `[a, b, a]`: in each strongly connected component (Tarjan) of more
 * than one node, or a node that imports itself, the shortest loop through each of its nodes, each
 * loop once.
 */
function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);

  const loops = new Map<string, string[]>();
  for (const component of components) {
    const [first, second] = component;
    if (first === undefined || (second === undefined && !graph.get(first)?.has(first))) continue;
    for (const start of component) {
      const loop = fromSmallest(shortestLoop(graph, new Set(component), start));
      loops.set(loop.join(' '), loop);
    }
  }
  return [...loops.keys()].sort().map((key) => loops.get(key) ?? []);
}

/** The same loop, begun at its smallest node, so that each loop is named one way. */
function fromSmallest(loop: string[]): string[] {
  const nodes = loop.slice(0, -1);
  const at = nodes.indexOf([...nodes].sort()[0] ?? '');
  const rotated = [...nodes.slice(at), ...nodes.slice(0, at)];
  return [...rotated, rotated[0] ?? ''];
}

/** Breadth first, within the component, from `start` back to it. */
function shortestLoop(graph: Graph, inside: Set<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (const node of queue) {
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const loop = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start;) {
          loop.unshift(at);
          at = cameFrom.get(at);
        }
        return [start, ...loop];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

const named = (loop: string[], because?: Map<string, string>) =>
  loop
    .map((node, at) => {
      const next = loop[at + 1];
      if (next === undefined) return node;
      const why = because?.get(`${node} ${next}`);
      return why === undefined ? `${node} → ` : `${node} (${why}) → `;
    })
    .join('');

describe('the emulator’s import graph', () => {
  const files = importGraph();

  it('is read from every source file', () => {
    expect(files.size).toBeGreaterThan(50);
    expect([...(files.get('src/server.ts') ?? [])]).toContain('src/oauth/token-route.ts');
    expect([...(files.get('test/harness.ts') ?? [])]).toContain('src/server.ts');
  });

  it('has no cycle between files', () => {
    expect(findCycles(files).map((loop) => named(loop))).toEqual([]);
  });

  it('has no cycle between the folders of src/', () => {
    const { graph, because } = unitGraph(files);
    expect(findCycles(graph).map((loop) => named(loop, because))).toEqual([]);
  });
});

describe('findCycles', () => {
  const graphOf = (edges: Record<string, string[]>): Graph =>
    new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

  it('names the shortest loop through each node of a tangle, and none in a graph without one', () => {
    expect(findCycles(graphOf({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
    expect(
      findCycles(graphOf({ a: ['b'], b: ['c', 'a'], c: ['a'], d: ['d'], e: ['f'], f: ['e'] })),
    ).toEqual([
      ['a', 'b', 'a'],
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
      ['e', 'f', 'e'],
    ]);
  });
});
