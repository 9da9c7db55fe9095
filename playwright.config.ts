import { resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import type { VaultOptions } from './e2e/fixtures';
import { minimalAppOrigin } from './examples/minimal/emulator-setup.ts';

const emulatorUrl = 'http://localhost:8787';
const appUrl = 'http://localhost:4173';
const e2eBuild = 'node_modules/.cache/e2e-dist';
/** Absolute: Vite takes an outDir relative to its root, examples/minimal. */
const minimalBuild = resolve('node_modules/.cache/e2e-dist-minimal');

/** e2e/run.mjs finds a Chromium and passes it in CHROMIUM_PATH. */
const executablePath = process.env.CHROMIUM_PATH;

export default defineConfig<VaultOptions>({
  testDir: 'e2e',
  // Every test shares one emulator and resets it first, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  // No run may outlive CI's 90 minutes: a stuck test fails with its name, and the run ends.
  globalTimeout: 40 * 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: appUrl,
    // Playwright waits forever for a navigation or an action by default; a step that hangs
    // (Back across a cache restore, a click on a frozen page) must fail on its own, named.
    navigationTimeout: 15_000,
    actionTimeout: 10_000,
    trace: 'retain-on-failure',
    // The emulated Workfront instance keeps its dates in UTC-7, so "today" agrees with it.
    timezoneId: 'America/Phoenix',
    locale: 'en-US',
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Playwright's default is 3 minutes: a browser that does not start fails its tests sooner.
      timeout: 30_000,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    // Where the browser has SharedWorker, as Chromium does: one vault for every tab.
    { name: 'shared vault', use: { vaultKind: 'shared' } },
    // Browsers without it (Chrome on Android): a vault per tab. The sign-in, refresh, multi-tab
    // and back/forward cache suites run again so.
    {
      name: 'per-tab vault',
      testMatch:
        /(sign-in|session|session-safety|token-vault|token-acquisition|back-forward-cache)\.spec\.ts/,
      use: { vaultKind: 'per-tab' },
    },
  ],
  webServer: [
    {
      command: 'npx tsx emulator/src/main.ts --port 8787',
      url: `${emulatorUrl}/__emulator/settings`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      // The production set-up: the build behind nginx (deploy/nginx.ts), with the same headers,
      // caching and /attask proxy as in production. e2e/run.mjs passes NGINX_PATH. The build has
      // a folder of its own, so that an `npm run build` meanwhile cannot empty it under the suite.
      command: `npx vite build --logLevel warn --outDir ${e2eBuild} --emptyOutDir && node --import tsx deploy/nginx.ts --root ${e2eBuild}`,
      url: appUrl,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // The minimal app on the kit (examples/minimal, e2e/minimal.spec.ts), served the same way
      // on an origin of its own.
      command: `npx vite build --config examples/minimal/vite.config.ts --logLevel warn --outDir ${minimalBuild} --emptyOutDir && node --import tsx deploy/nginx.ts --root ${minimalBuild} --listen ${new URL(minimalAppOrigin).host} --app-origin ${minimalAppOrigin}`,
      url: minimalAppOrigin,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
