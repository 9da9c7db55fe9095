/// <reference types="vitest/config" />
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions, type ServerOptions } from 'vite';
import { callbackDocument } from './deploy/callback-document.ts';
import { readDevHost } from './deploy/dev-host.ts';
import { reactRouterProduction, workerOutput } from './deploy/library-builds.ts';
import { securityHeadersOnPreview } from './deploy/preview-headers.ts';
import { workfrontProxyOptions } from './deploy/workfront-proxy.ts';

/**
 * The dev and preview servers proxy the REST API to the Workfront named in public/config.json, as
 * nginx does (deploy/workfront-proxy.ts). WORKFRONT_PROXY_TARGET wins over it: the bench previews on its own ports next to the e2e suite,
 * and its proxy must reach its own emulator.
 */
const publicConfig = JSON.parse(readFileSync('public/config.json', 'utf8')) as {
  workfrontUrl?: unknown;
  redirectPath?: unknown;
};

function workfrontProxy(): Record<string, ProxyOptions> {
  const config = publicConfig;
  const target = process.env.WORKFRONT_PROXY_TARGET ?? config.workfrontUrl;
  if (typeof target !== 'string') return {};
  return workfrontProxyOptions(target);
}

/** What a chunking pass knows of a module: here, only what it imports statically. */
interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/** A module and every module it imports statically, directly or through others. */
function staticallyLoaded(root: string, graph: ModuleGraph): Set<string> {
  const loaded = new Set<string>();
  const pending = [root];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (loaded.has(id)) continue;
    loaded.add(id);
    pending.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return loaded;
}

const appSource = resolve(import.meta.dirname, 'src');
const entryModule = resolve(appSource, 'main.tsx');
const routerModule = resolve(appSource, 'app/router.tsx');
/** Each chunking pass's answer, worked out once (the pass hands every call the same context). */
const signedInModules = new WeakMap<object, Set<string>>();

/**
 * The signed-in app's own code in one chunk: all that src/app/router.tsx loads and the entry does
 * not (the signed-in layout, the data layer, My work, the Workfront layer and the shared
 * components), which the lazy screens import from it in turn. One chunk, not one for the router
 * and one for what it shares with the screens: /work loads both anyway, and one compresses better
 * (419 B gzip less). Left out, as before, is all that only a lazy screen loads (the inspector's
 * instance check, the projects' and a work item's queries, the not-found page) and the
 * translations. So is router.tsx itself, the dynamic import's own module: were it in the group,
 * Rolldown would fold the import's chunk into the group's, and the manifest would lose the
 * src/app/router.tsx entry that bench/ measures /work by.
 */
function signedInAppChunk(id: string, graph: ModuleGraph) {
  let modules = signedInModules.get(graph);
  if (!modules) {
    const entry = staticallyLoaded(entryModule, graph);
    modules = new Set(
      [...staticallyLoaded(routerModule, graph)].filter(
        (module) => !entry.has(module) && module !== routerModule && module.startsWith(appSource),
      ),
    );
    signedInModules.set(graph, modules);
  }
  return modules.has(id) ? 'signed-in' : null;
}

/**
 * Each library in a chunk of its own, named for it, so that the bundle budgets (bench/) can tell
 * what a page loads and the browser caches a library across app releases.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  // The signed-out start page paints without the router; every other page loads it.
  { name: 'react-router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
  // useMutation and its observer serve only a work item's forms (src/work/work-item-*-form.tsx):
  // they come with that screen, not with /work (415 B gzip less there). Only these two modules:
  // what they import is the rest of TanStack Query's chunk.
  {
    name: 'tanstack-query-mutation',
    test: /node_modules[\\/]@tanstack[\\/](react-query|query-core)[\\/].*[\\/](useMutation|mutationObserver)\.js$/,
    includeDependenciesRecursively: false,
  },
  { name: 'tanstack-query', test: /node_modules[\\/]@tanstack[\\/](react-query|query-core)[\\/]/ },
  { name: 'valibot', test: /node_modules[\\/]valibot[\\/]/ },
  // Only the modules it names, not what they import: the libraries are in the chunks above.
  { name: signedInAppChunk, includeDependenciesRecursively: false },
];

/** `npm start`: the embedded Workfront emulator runs beside the dev server and stops with it. */
function embeddedEmulator(): Plugin {
  return {
    name: 'workfront-emulator',
    apply: 'serve',
    configureServer() {
      const emulator = spawn(process.execPath, ['--import', 'tsx', 'emulator/src/main.ts'], {
        stdio: 'inherit',
      });
      emulator.on('exit', (code) => {
        if (code !== 0 && code !== null) {
          console.error('The Workfront emulator stopped; stopping the app as well.');
          process.exit(code);
        }
      });
      process.on('exit', () => emulator.kill());
    },
  };
}

/**
 * `npm run dev` on the host name that `npm run setup -- --dev-host` wrote, over https, for a
 * Workfront that refuses localhost redirect URLs (deploy/dev-host.ts). The demo, on the
 * emulator, stays on localhost.
 */
function devServer(mode: string): ServerOptions {
  const devHost = mode === 'demo' ? undefined : readDevHost(process.cwd());
  const proxy = workfrontProxy();
  if (!devHost) return { port: 5173, strictPort: true, host: 'localhost', proxy };
  return {
    port: devHost.port,
    strictPort: true,
    host: devHost.host,
    allowedHosts: [devHost.host],
    https: { cert: readFileSync(devHost.cert), key: readFileSync(devHost.key) },
    proxy,
  };
}

export default defineConfig(({ command, mode }) => ({
  plugins: [
    react(),
    callbackDocument(
      typeof publicConfig.redirectPath === 'string' ? publicConfig.redirectPath : '/callback',
    ),
    securityHeadersOnPreview(),
    mode === 'demo' ? embeddedEmulator() : [],
  ],
  resolve: { alias: command === 'build' ? [reactRouterProduction] : [] },
  server: devServer(mode),
  preview: { port: 4173, strictPort: true, host: 'localhost', proxy: workfrontProxy() },
  // The token vault's worker (src/auth/vault/vault-worker.ts) is a module, like the app.
  worker: { format: 'es', rolldownOptions: { output: workerOutput } },
  build: {
    // bench/ reads the manifest to measure what each page loads.
    manifest: true,
    // A browser without modulepreload (Safari before 17) loads the same chunks, only later.
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: { groups: vendorChunks } } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'bench',
          include: ['bench/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'deploy',
          include: ['deploy/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'emulator',
          include: ['emulator/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
}));
