// Finds a Chromium on this machine: CHROMIUM_PATH, then Playwright's own browser, then Debian's
// /usr/bin/chromium. If none is found it installs Debian's package when it can (root with
// apt-get), or says exactly how and exits. Shared by e2e/run.mjs and the bench (bench/browser.ts),
// which is why it lives here with the rest of the local server tooling rather than in e2e/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function playwrightsOwn() {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function canInstall() {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
}

/**
 * @param {string} [purpose] what needs the browser, for the message when there is none
 * @param {string} [rerun] what to run again once a browser is there
 * @returns {string} the path of a Chromium or Chrome binary
 */
export function findChromium(purpose = 'the end-to-end tests', rerun = 'the tests') {
  const candidates = [process.env.CHROMIUM_PATH, playwrightsOwn(), '/usr/bin/chromium'];
  const found = candidates.find((path) => path && existsSync(path));
  if (found) return found;
  if (canInstall()) {
    console.log("No Chromium found: installing Debian's chromium package…");
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error(
    [
      `No Chromium found for ${purpose}. Do one of these, then run ${rerun} again:`,
      '  - on Debian or Ubuntu: sudo apt-get install -y chromium',
      '  - or point CHROMIUM_PATH at a Chromium or Chrome binary',
      '  - or, where downloads work: npx playwright install chromium',
    ].join('\n'),
  );
  process.exit(1);
}
