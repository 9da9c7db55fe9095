// Runs the Playwright suite with a Chromium found on this machine (see find-chromium.mjs).
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const chromiumPath = findChromium();
console.log(`Using Chromium at ${chromiumPath}`);
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromiumPath },
});
process.exit(result.status ?? 1);
