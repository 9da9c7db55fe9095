/**
 * WebKitGTK, Debian's packages: `WebKitWebDriver` (webkit2gtk-driver) starts the MiniBrowser of
 * libwebkit2gtk-4.1, driven over W3C WebDriver (classic) by webdriverio, which is given the
 * driver's port and so starts and downloads no driver of its own. MiniBrowser needs an X display
 * (e2e/engines/run.mjs runs the smoke under xvfb-run).
 *
 * WebKitWebDriver answers a command only once the page has loaded, and a Back across a change of
 * Cross-Origin-Opener-Policy (into or out of the callback document) can leave it waiting for
 * good: every command here has a deadline, and fails with its name when it passes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import type { Engine, Tab } from './driver.ts';

const commandTimeoutMs = 20_000;

/** Debian's WebKitWebDriver, and the MiniBrowser it drives. */
export function findWebKit(): { driver: string; browser: string } | undefined {
  const driver = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
  const libs = existsSync('/usr/lib') ? readdirSync('/usr/lib') : [];
  const browser =
    process.env.WEBKIT_MINIBROWSER_PATH ??
    ['', ...libs]
      .map((folder) => join('/usr/lib', folder, 'webkit2gtk-4.1', 'MiniBrowser'))
      .find((path) => existsSync(path));
  return existsSync(driver) && browser ? { driver, browser } : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

async function driverAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://localhost:${port}/status`, {
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Fails after `ms` with the command's name, rather than waiting on a driver that never answers. */
async function withDeadline<T>(name: string, work: Promise<T>, ms = commandTimeoutMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`WebKitWebDriver did not answer "${name}" within ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function launchWebKit(paths: { driver: string; browser: string }): Promise<Engine> {
  const port = await freePort();
  const driverProcess: ChildProcess = spawn(paths.driver, [`--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let driverOutput = '';
  const keep = (chunk: Buffer) => {
    driverOutput = (driverOutput + chunk.toString()).slice(-4_000);
  };
  driverProcess.stdout?.on('data', keep);
  driverProcess.stderr?.on('data', keep);
  const killDriver = () => driverProcess.kill('SIGKILL');
  process.on('exit', killDriver);
  const deadline = Date.now() + 15_000;
  while (!(await driverAnswers(port))) {
    if (driverProcess.exitCode !== null || Date.now() > deadline) {
      killDriver();
      throw new Error(`WebKitWebDriver did not start on port ${port}:\n${driverOutput}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const browser = await withDeadline(
    'new session',
    remote({
      hostname: 'localhost',
      port,
      path: '/',
      logLevel: 'warn',
      connectionRetryTimeout: commandTimeoutMs,
      connectionRetryCount: 0,
      capabilities: {
        browserName: 'MiniBrowser',
        // W3C WebDriver only: WebKitGTK 2.50's BiDi is incomplete.
        'wdio:enforceWebDriverClassic': true,
        pageLoadStrategy: 'normal',
        timeouts: { pageLoad: 15_000, script: 10_000, implicit: 0 },
        'webkitgtk:browserOptions': { binary: paths.browser, args: ['--automation'] },
      } as WebdriverIO.Capabilities,
    }),
    40_000,
  );
  const version = browser.capabilities.browserVersion ?? 'unknown';

  let current = await browser.getWindowHandle();
  const tabOf = (handle: string): Tab => {
    /** Runs `command` in this tab, switching to it first if another tab had the focus. */
    const inTab = async <T>(name: string, command: () => Promise<T>, ms?: number) =>
      withDeadline(
        name,
        (async () => {
          if (current !== handle) {
            await browser.switchToWindow(handle);
            current = handle;
          }
          return command();
        })(),
        ms,
      );
    const element = async (xpath: string) => {
      const found = browser.$(xpath);
      await found.waitForDisplayed({ timeout: 10_000, timeoutMsg: `No element at ${xpath}` });
      return found;
    };
    return {
      goto: (url) => inTab(`go to ${url}`, () => browser.url(url).then(() => undefined)),
      reload: () => inTab('reload', () => browser.refresh()),
      // The Back command waits for the page to load, and WebKitWebDriver can wait for good after
      // a change of opener policy: history.back() is the same traversal, and returns at once.
      back: () => inTab('back', () => browser.execute('history.back()').then(() => undefined)),
      url: () => inTab('url', () => browser.getUrl()),
      evaluate: <T>(expression: string) =>
        inTab(`evaluate ${expression.slice(0, 60)}`, async () => {
          const json = await browser.execute(`return Promise.resolve(${expression});`);
          return JSON.parse(String(json)) as T;
        }),
      click: (xpath) => inTab(`click ${xpath}`, async () => (await element(xpath)).click()),
      fill: (xpath, text) =>
        inTab(`fill ${xpath}`, async () => {
          const field = await element(xpath);
          await field.clearValue();
          if (text !== '') await field.addValue(text);
        }),
      select: (xpath, label) =>
        inTab(`select ${label} in ${xpath}`, async () => {
          await (await element(xpath)).selectByVisibleText(label);
        }),
      close: () =>
        inTab('close tab', async () => {
          await browser.closeWindow();
          // The next command in another tab switches to it first.
          current = '';
        }),
    };
  };

  return {
    name: 'WebKitGTK',
    version,
    firstTab: tabOf(current),
    async newTab() {
      const { handle } = await withDeadline('new tab', browser.createWindow('tab'));
      return tabOf(handle);
    },
    async cookies(url) {
      const cookies = await withDeadline('cookies', browser.getAllCookies());
      const host = new URL(url).hostname;
      return cookies
        .filter((cookie) => (cookie.domain ?? host).replace(/^\./, '') === host)
        .map(({ name, value }) => ({ name, value }));
    },
    async close() {
      await withDeadline('end session', browser.deleteSession(), 10_000).catch(() => undefined);
      killDriver();
      process.off('exit', killDriver);
    },
  };
}
