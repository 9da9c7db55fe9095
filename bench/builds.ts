import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emulatorUrl } from './servers';

const viteBin = join('node_modules', 'vite', 'bin', 'vite.js');

/**
 * The bench builds into folders of its own (gitignored), not dist/: the e2e suite may be serving
 * dist/ at the same moment, and a build empties its folder first.
 */
export const outDirs = {
  /** `vite build` as is: what users get, measured and signed in to. */
  app: 'bench/.out/dist',
  /** The same with VITE_BENCH_HOOKS, which exposes the data layer for the refresh bench. */
  appWithHooks: 'bench/.out/app',
  floor: 'bench/.out/floor',
} as const;

function viteBuild(args: string[], env: NodeJS.ProcessEnv = {}): void {
  execFileSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    timeout: 180_000,
  });
}

/**
 * Each app build gets the bench's config.json, aimed at the bench's emulator. Writing the file
 * beats page.route(): routing any request makes Playwright intercept every request and turn the
 * browser cache off, which would change the very timings measured here.
 */
function aimAtBenchEmulator(outDir: string): void {
  const path = join(outDir, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...config, workfrontUrl: emulatorUrl }, null, 2)}\n`);
}

export function buildAll(): void {
  viteBuild(['--outDir', outDirs.app, '--emptyOutDir']);
  aimAtBenchEmulator(outDirs.app);
  viteBuild(['--outDir', outDirs.appWithHooks, '--emptyOutDir'], { VITE_BENCH_HOOKS: 'true' });
  aimAtBenchEmulator(outDirs.appWithHooks);
  // The floor's config sets its root to bench/floor, so its output folder is given absolute.
  viteBuild([
    '--config',
    'bench/floor/vite.config.ts',
    '--outDir',
    resolve(outDirs.floor),
    '--emptyOutDir',
  ]);
}
