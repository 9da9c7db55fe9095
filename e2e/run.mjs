// Runs the Playwright suite with a Chromium and an nginx found on this machine (see
// deploy/find-chromium.mjs and deploy/find-nginx.mjs, which the bench uses too).
import { execFileSync, spawnSync } from 'node:child_process';
import { findChromium } from '../deploy/find-chromium.mjs';
import { findNginx } from '../deploy/find-nginx.mjs';

const chromiumPath = findChromium();
// Engines change between releases (the back/forward cache, shared workers): the run says which.
const chromiumVersion = execFileSync(chromiumPath, ['--version'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
}).trim();
console.log(`Using Chromium at ${chromiumPath}: ${chromiumVersion}`);
const nginxPath = findNginx();
console.log(`Using nginx at ${nginxPath}`);
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromiumPath, NGINX_PATH: nginxPath },
});
process.exit(result.status ?? 1);
