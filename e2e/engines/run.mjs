// Runs the engine smoke (e2e/engines/smoke.ts) in Firefox ESR and WebKitGTK from Debian's
// packages, which Playwright cannot drive: Firefox over WebDriver BiDi (puppeteer-core), WebKit
// through WebKitWebDriver (webdriverio). It builds the app into a folder of its own, serves it
// with nginx on :4193 beside an emulator on :8807 (the e2e suite has 4173 and 8787, the bench 4183
// and 8797), and runs the smoke under xvfb-run, since WebKit's MiniBrowser needs an X display.
//
//   node e2e/engines/run.mjs              both engines
//   node e2e/engines/run.mjs webkit       one of them (firefox, webkit)
//
// What is missing is installed from Debian's packages when run as root with apt-get (as
// .ci/run does first), else the run says how and exits.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findNginx } from '../../deploy/find-nginx.mjs';

const outDir = 'node_modules/.cache/engines-dist';

/** The path of `command` on the PATH, or undefined. */
function onPath(command) {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(folder || '.', command);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const canInstall = () =>
  process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;

const needs = [
  { what: 'Firefox ESR', command: 'firefox-esr', env: 'FIREFOX_PATH', pkg: 'firefox-esr' },
  {
    what: 'WebKitGTK’s WebDriver',
    command: 'WebKitWebDriver',
    env: 'WEBKIT_WEBDRIVER_PATH',
    pkg: 'webkit2gtk-driver',
  },
  { what: 'an X server for WebKit', command: 'xvfb-run', env: undefined, pkg: 'xvfb' },
  // xvfb-run needs it, and xvfb only recommends it.
  { what: 'xauth, for xvfb-run', command: 'xauth', env: undefined, pkg: 'xauth' },
];
const find = (need) => (need.env && process.env[need.env]) || onPath(need.command);

const missing = needs.filter((need) => !find(need));
if (missing.length > 0) {
  const packages = missing.map((need) => need.pkg);
  if (canInstall()) {
    console.log(`Installing Debian's ${packages.join(', ')} for the engine smoke…`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  const still = needs.filter((need) => !find(need));
  if (still.length > 0) {
    console.error(
      [
        `The engine smoke needs ${still.map((need) => need.what).join(', ')}. Then run npm run test:engines again:`,
        `  - on Debian: sudo apt-get install -y ${still.map((need) => need.pkg).join(' ')}`,
      ].join('\n'),
    );
    process.exit(1);
  }
}

const firefox = find(needs[0]);
const webDriver = find(needs[1]);
const version = (path) =>
  spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
console.log(`Using Firefox at ${firefox}: ${version(firefox)}`);
console.log(`Using WebKitWebDriver at ${webDriver}`);
const nginxPath = findNginx('the engine smoke', 'npm run test:engines');
console.log(`Using nginx at ${nginxPath}`);

// A folder of its own: an `npm run build` meanwhile cannot empty it under the smoke.
const build = spawnSync(
  process.execPath,
  [
    'node_modules/vite/bin/vite.js',
    'build',
    '--logLevel',
    'warn',
    '--outDir',
    outDir,
    '--emptyOutDir',
  ],
  { stdio: 'inherit', timeout: 180_000 },
);
if (build.status !== 0) process.exit(build.status ?? 1);

// In a process group of its own, so that the last-resort deadline ends Xvfb, the browsers and the
// servers with it. The smoke has deadlines of its own for every step; this one is for a hang.
const lastResortMs = 10 * 60_000;
const smoke = spawn(
  find(needs[2]),
  [
    '--auto-servernum',
    '--server-args=-screen 0 1280x1024x24',
    process.execPath,
    '--import',
    'tsx',
    'e2e/engines/smoke.ts',
    outDir,
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    detached: true,
    env: {
      ...process.env,
      NGINX_PATH: nginxPath,
      FIREFOX_PATH: firefox,
      WEBKIT_WEBDRIVER_PATH: webDriver,
    },
  },
);
const endGroup = () => {
  try {
    process.kill(-smoke.pid, 'SIGKILL');
  } catch {
    // already gone
  }
};
const timer = setTimeout(() => {
  console.error(`The engine smoke did not finish within ${lastResortMs / 60_000} minutes: ended.`);
  endGroup();
}, lastResortMs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    endGroup();
    process.exit(1);
  });
}
smoke.once('exit', (code, signal) => {
  clearTimeout(timer);
  // Whatever the smoke left behind (a browser that would not quit) ends with it.
  endGroup();
  process.exit(code ?? (signal ? 1 : 0));
});
