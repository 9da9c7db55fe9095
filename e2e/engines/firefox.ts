/**
 * Firefox ESR, Debian's `firefox-esr`, driven over WebDriver BiDi by puppeteer-core (which
 * downloads no browser). Headless: it needs no display.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Engine, Tab } from './driver.ts';

const navigationTimeoutMs = 15_000;

function tabOf(page: Page): Tab {
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(navigationTimeoutMs);
  const element = async (xpath: string) => {
    const handle = await page.waitForSelector(`::-p-xpath(${xpath})`, { visible: true });
    if (!handle) throw new Error(`No element at ${xpath}`);
    return handle;
  };
  return {
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    async back() {
      // Puppeteer's goBack waits for a load event, which a page restored from the back/forward
      // cache or a same-document Back never fires: the smoke waits for what the page shows.
      void page.goBack({ timeout: navigationTimeoutMs }).catch(() => undefined);
      await Promise.resolve();
    },
    url: () => Promise.resolve(page.url()),
    async evaluate<T>(expression: string) {
      const json = await page.evaluate(expression);
      return JSON.parse(String(json)) as T;
    },
    async click(xpath) {
      await (await element(xpath)).click();
    },
    async fill(xpath, text) {
      const handle = await element(xpath);
      await handle.click({ count: 3 });
      await handle.evaluate((input) => {
        (input as HTMLInputElement).select();
      });
      await handle.press('Backspace');
      if (text !== '') await handle.type(text);
    },
    async select(xpath, label) {
      const handle = await element(xpath);
      const value = await handle.evaluate(
        (select, wanted) =>
          [...(select as HTMLSelectElement).options].find((option) => option.label === wanted)
            ?.value,
        label,
      );
      if (value === undefined) throw new Error(`No option ${label} at ${xpath}`);
      await handle.select(value);
    },
    close: () => page.close(),
  };
}

export function findFirefox(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

export async function launchFirefox(executablePath: string): Promise<Engine> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: true,
    timeout: 30_000,
    protocolTimeout: 30_000,
    extraPrefsFirefox: {
      // No update checks, telemetry or first-run pages: the smoke measures the app's traffic.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  const [first] = await browser.pages();
  return {
    name: 'Firefox ESR',
    version: await browser.version(),
    firstTab: tabOf(first ?? (await browser.newPage())),
    newTab: async () => tabOf(await browser.newPage()),
    async cookies(url) {
      const cookies = await browser.cookies();
      const host = new URL(url).hostname;
      return cookies
        .filter((cookie) => cookie.domain.replace(/^\./, '') === host)
        .map(({ name, value }) => ({ name, value }));
    },
    close: () => browser.close(),
  };
}
