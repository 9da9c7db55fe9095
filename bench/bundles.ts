import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

export interface Size {
  raw: number;
  gzip: number;
}

export interface PageBundle {
  js: Size;
  css: Size;
  files: string[];
}

/** What each page of the app loads, as source entries of the Vite manifest. */
export const appPages = {
  // The signed-out start page paints before the router loads (src/main.tsx).
  landing: ['index.html'],
  // Reaching /work signed in loads the router's chunk, which holds the callback, the signed-in
  // layout, the data layer and My work, and (in its worker) the token vault, which measurePage
  // adds: a worker is not in the Vite manifest.
  work: ['index.html', 'src/app/router.tsx'],
} as const;

/** Each page's JS, gzip, at most this many times the floor's: enforced by budgets.test.ts. */
export const pageBudgets = { landing: 0.8, work: 1.2 } as const;

export function readManifest(distDir: string): Manifest {
  try {
    return JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new Error(
      `No build in ${distDir}: run "npm run build" (and "npm run build:floor") first.`,
    );
  }
}

/** The files a set of entries loads: each entry's chunk, its static imports, and their CSS. */
export function filesLoaded(manifest: Manifest, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest has no entry ${key}`);
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  entries.forEach(visit);
  return [...files].sort();
}

export function sizeOf(distDir: string, file: string): Size {
  const content = readFileSync(join(distDir, file));
  // Level 6 is what nginx and most servers use by default.
  return { raw: content.length, gzip: gzipSync(content, { level: 6 }).length };
}

function sum(sizes: Size[]): Size {
  return sizes.reduce(
    (total, size) => ({ raw: total.raw + size.raw, gzip: total.gzip + size.gzip }),
    {
      raw: 0,
      gzip: 0,
    },
  );
}

/** The token vault's worker script (src/auth/vault/vault-worker.ts), bundled on its own. */
export function vaultWorkerFile(distDir: string): string {
  const file = readdirSync(join(distDir, 'assets')).find((name) =>
    /^vault-worker-[\w-]+\.js$/.test(name),
  );
  if (!file) throw new Error(`No token vault worker in ${distDir}/assets`);
  return `assets/${file}`;
}

export function measurePage(
  distDir: string,
  manifest: Manifest,
  entries: readonly string[],
  workers: readonly string[] = [],
): PageBundle {
  const files = [...filesLoaded(manifest, entries), ...workers];
  return {
    js: sum(files.filter((file) => file.endsWith('.js')).map((file) => sizeOf(distDir, file))),
    css: sum(files.filter((file) => file.endsWith('.css')).map((file) => sizeOf(distDir, file))),
    files,
  };
}

export interface BundleFigures {
  floor: PageBundle;
  landing: PageBundle;
  work: PageBundle;
  chunks: { file: string; name: string; size: Size }[];
}

export function measureBundles(appDist = 'dist', floorDist = 'bench/floor/dist'): BundleFigures {
  const app = readManifest(appDist);
  const floor = readManifest(floorDist);
  const vault = vaultWorkerFile(appDist);
  const chunks = [
    ...Object.values(app).filter((chunk) => chunk.file.endsWith('.js')),
    { file: vault, name: 'vault-worker' },
  ].map((chunk) => ({
    file: chunk.file,
    name: chunk.name ?? chunk.file,
    size: sizeOf(appDist, chunk.file),
  }));
  return {
    floor: measurePage(floorDist, floor, ['index.html']),
    landing: measurePage(appDist, app, appPages.landing),
    work: measurePage(appDist, app, appPages.work, [vault]),
    chunks: [...new Map(chunks.map((chunk) => [chunk.file, chunk])).values()],
  };
}
