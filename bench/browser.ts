import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { findChromium } from '../deploy/find-chromium.mjs';
import { appUrl } from './servers';

const demoUser = { email: 'demo@example.com', password: 'demo' };

/**
 * The e2e suite's browser: the same Chromium (see findBenchChromium), with the same switches.
 * `uncappedFrames` lets frames come as fast as they are made instead of at the display's 60 Hz,
 * so that the time between two frames is what the frame cost.
 */
async function launchChromium(
  executablePath: string,
  options: { uncappedFrames?: boolean } = {},
): Promise<Browser> {
  const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (options.uncappedFrames) args.push('--disable-gpu-vsync', '--disable-frame-rate-limit');
  return chromium.launch({ executablePath, args });
}

/** Launches Chromium for `use`, and closes it however `use` ends. */
export async function withChromium<T>(
  executablePath: string,
  options: { uncappedFrames?: boolean },
  use: (browser: Browser) => Promise<T>,
): Promise<T> {
  const browser = await launchChromium(executablePath, options);
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** The Chromium that e2e/run.mjs would use (deploy/find-chromium.mjs). */
export const findBenchChromium = () => findChromium('the bench', 'the bench');

/** What the marks script leaves in the page. */
interface MarkedWindow {
  /** performance.now() of the first frame after a row of My work appeared. */
  __benchFirstRowNow?: number;
  /** The same, in epoch ms. */
  __benchFirstRowAt?: number;
}

const clickedAtKey = 'bench.signInClickedAt';

/**
 * Runs in every document of the context: notes when "Sign in with Workfront" is clicked (in
 * sessionStorage, which survives the trip to Workfront and back in the same tab), and the frame
 * after the first row of My work appears. In-page times leave Playwright's overhead out.
 */
function installMarks(key: string): void {
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button?.textContent === 'Sign in with Workfront') {
        sessionStorage.setItem(key, String(performance.timeOrigin + performance.now()));
      }
    },
    true,
  );
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[role=listitem] a')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const marked = window as MarkedWindow;
      marked.__benchFirstRowNow = performance.now();
      marked.__benchFirstRowAt = performance.timeOrigin + marked.__benchFirstRowNow;
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Where the app keeps its tokens: the shared vault (a SharedWorker), as Chromium users get it, or
 * the per-tab vault of browsers without SharedWorker, a dedicated Worker, which the bench forces
 * by removing SharedWorker from every page before the app's scripts run (as the e2e suite's
 * `vaultKind: 'per-tab'` does). The vault's code is the same; only a dedicated worker's requests
 * can be traced (bench/network-trace.ts), a SharedWorker's cannot (microsoft/playwright#33917).
 */
export type VaultKind = 'shared' | 'per-tab';

export interface BenchContextOptions {
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
  vault?: VaultKind;
}

export async function newBenchContext(
  browser: Browser,
  options: BenchContextOptions = {},
): Promise<BrowserContext> {
  const { storageState, vault = 'shared' } = options;
  const context = await browser.newContext({
    baseURL: appUrl,
    viewport: { width: 1280, height: 720 },
    // The app picks its language from the browser: the bench reads its English texts.
    locale: 'en-US',
    ...(storageState ? { storageState } : {}),
  });
  // tsx compiles the bench with esbuild's keepNames, which wraps named functions in __name();
  // the functions the bench sends into the page need it there too.
  await context.addInitScript('globalThis.__name = (target) => target;');
  if (vault === 'per-tab') {
    await context.addInitScript(() => Reflect.deleteProperty(globalThis, 'SharedWorker'));
  }
  await context.addInitScript(installMarks, clickedAtKey);
  return context;
}

const stepTimeoutMs = 30_000;

/**
 * From the landing page: "Sign in with Workfront", then Workfront's sign-in and consent pages if
 * it shows them, until the first row of My work is painted. Says whether it was prompted.
 */
export async function signInToMyWork(page: Page): Promise<{ prompted: boolean }> {
  await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
  const firstRow = page.locator('[role=listitem] a').first();
  const email = page.getByLabel('Email');
  await email.or(firstRow).waitFor({ timeout: stepTimeoutMs });
  let prompted = false;
  if (await email.isVisible()) {
    prompted = true;
    await email.fill(demoUser.email);
    await page.getByLabel('Password').fill(demoUser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  const allow = page.getByRole('button', { name: 'Allow' });
  await allow.or(firstRow).waitFor({ timeout: stepTimeoutMs });
  if (await allow.isVisible()) {
    prompted = true;
    await allow.click();
  }
  await page.waitForFunction(() => (window as MarkedWindow).__benchFirstRowAt !== undefined, null, {
    timeout: stepTimeoutMs,
  });
  return { prompted };
}

export async function firstRowMarks(page: Page) {
  return page.evaluate((key) => {
    const marked = window as MarkedWindow;
    return {
      clickedAt: Number(sessionStorage.getItem(key)),
      firstRowAt: marked.__benchFirstRowAt ?? Number.NaN,
      firstRowNow: marked.__benchFirstRowNow ?? Number.NaN,
    };
  }, clickedAtKey);
}

/** Signs out in the app; Workfront's own browser session (its cookie) stays. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in with Workfront' }).waitFor({
    timeout: stepTimeoutMs,
  });
}

const quietMs = 500;

/**
 * Resolves once `quietMs` pass with no request of the page starting or ending (or after
 * `stepTimeoutMs`, quiet or not). Playwright's `networkidle` counts requests in flight instead,
 * and a worker's script is one that Chromium never reports as finished: a page that starts the
 * token vault's worker as it loads would never be idle by that count.
 */
async function waitForQuiet(page: Page): Promise<void> {
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };
  page.on('request', touch);
  page.on('requestfinished', touch);
  page.on('requestfailed', touch);
  try {
    const deadline = Date.now() + stepTimeoutMs;
    while (Date.now() - lastActivity < quietMs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    page.off('request', touch);
    page.off('requestfinished', touch);
    page.off('requestfailed', touch);
  }
}

/** Opens the landing page and waits until it has nothing more to load. */
export async function openLanding(page: Page): Promise<void> {
  await page.goto('/', { waitUntil: 'load', timeout: stepTimeoutMs });
  await page.getByRole('button', { name: 'Sign in with Workfront' }).waitFor({
    timeout: stepTimeoutMs,
  });
  await waitForQuiet(page);
}
