import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { reactRouterProduction } from '../../deploy/library-builds.ts';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The same build of React Router as the app's (vite.config.ts).
  resolve: { alias: [reactRouterProduction] },
  build: { outDir: 'dist', emptyOutDir: true, manifest: true },
  logLevel: 'warn',
});
