/**
 * Build settings that every Vite build of this repository shares, the floor's included
 * (bench/floor), so that the budgets compare the app with the same libraries built the same way.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * React Router's production build, for `vite build`. Its package.json exports only its
 * development build (remix-run/react-router#12532, #14102), whose dev warnings then ship: the
 * production build beside it differs in one line, `ENABLE_DEV_WARNINGS = false`. `npm run dev`
 * and the unit tests keep the development build and its warnings. Only the bare `react-router`
 * import is aliased: the app imports nothing else of the package.
 */
export const reactRouterProduction = {
  find: /^react-router$/,
  replacement: join(
    dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
    'dist/production/index.mjs',
  ),
};

/**
 * A worker's script without comments. Vite bundles a worker with rolldown on its own, without
 * the comment settings it gives the app's minified build: oidc-client-ts's 43 `@__PURE__`
 * annotations stayed in the vault's script. They only guide a later bundler, and none comes after.
 */
export const workerOutput = {
  comments: { annotation: false, jsdoc: false, legal: false },
} as const;
