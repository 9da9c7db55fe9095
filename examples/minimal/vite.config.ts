/**
 * The minimal app on the kit (examples/minimal): built into dist-minimal/, with the kit's
 * callback document beside its index.html, and previewed on http://localhost:4175 with the
 * production headers and the /attask proxy, as the app's own vite.config.ts does.
 *
 *   npm run build:minimal      the build
 *   npm run start:minimal      the build, the preview and the emulator (Ctrl-C stops both)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { callbackDocument } from '../../deploy/callback-document.ts';
import { workerOutput } from '../../deploy/library-builds.ts';
import { securityHeadersOnPreview } from '../../deploy/preview-headers.ts';
import { workfrontProxyOptions } from '../../deploy/workfront-proxy.ts';
import { allowMinimalApp, minimalAppOrigin, minimalConfig } from './emulator-setup.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run start:minimal`: the emulator runs beside the preview, and stops with it. */
function embeddedEmulator(): Plugin {
  return {
    name: 'workfront-emulator',
    async configurePreviewServer() {
      const emulator = spawn(process.execPath, ['--import', 'tsx', 'emulator/src/main.ts'], {
        cwd: repoRoot,
        stdio: 'inherit',
      });
      process.on('exit', () => emulator.kill());
      for (let tries = 0; ; tries += 1) {
        try {
          await allowMinimalApp();
          return;
        } catch (error) {
          if (tries === 50 || emulator.exitCode !== null) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
  };
}

export default defineConfig(({ mode }) => ({
  root,
  plugins: [
    react(),
    callbackDocument(minimalConfig.redirectPath),
    securityHeadersOnPreview(),
    mode === 'demo' ? embeddedEmulator() : [],
  ],
  preview: {
    port: Number(new URL(minimalAppOrigin).port),
    strictPort: true,
    host: 'localhost',
    proxy: workfrontProxyOptions(process.env.WORKFRONT_PROXY_TARGET ?? minimalConfig.workfrontUrl),
  },
  // The token vault's worker (src/auth/vault/vault-worker.ts) is a module, like the app.
  worker: { format: 'es', rolldownOptions: { output: workerOutput } },
  build: { outDir: `${repoRoot}dist-minimal`, emptyOutDir: true },
}));
