import type { Page } from '@playwright/test';
import { startApp, type AppServer } from './engines/servers';
import { expect, expectSignedIn, signIn, test } from './fixtures';
import { demoClientId, emulator, emulatorUrl } from './support/emulator';
import { itemCount } from './support/screens';

// What every load of a page costs, counted where the browser cannot hide it: on the server.
// Chromium has SharedWorker, so these run in the "shared vault" project only.

/** The e2e build (playwright.config.ts), served by an nginx of its own that logs each request. */
const e2eBuild = 'node_modules/.cache/e2e-dist';
const loggedPort = 4174;
const loggedUrl = `http://localhost:${loggedPort}`;

test.describe('config.json', () => {
  let server: AppServer;

  test.beforeAll(async () => {
    server = await startApp(e2eBuild, process.env.NGINX_PATH ?? 'nginx', {
      port: loggedPort,
      workfrontUrl: emulatorUrl,
    });
  });

  test.afterAll(async () => {
    await server.stop();
  });

  /** The statuses of the config.json downloads nginx served since its `from`th request. */
  const configDownloads = (from: number) =>
    server
      .requests()
      .slice(from)
      .filter((line) => line.startsWith('GET /config.json '))
      .map((line) => Number(line.split(' ').at(-1)));

  /** Runs `load`, then answers the config.json downloads it made. */
  async function downloadsOf(load: () => Promise<void>): Promise<number[]> {
    const before = server.requests().length;
    await load();
    return configDownloads(before);
  }

  test('is downloaded once per load, signed out and signed in, and revalidated each time', async ({
    page,
  }) => {
    const app = await emulator.app(demoClientId);
    await emulator.updateApp(demoClientId, {
      redirectUrls: [...app.redirectUrls, `${loggedUrl}/callback`],
    });
    const signInButton = page.getByRole('button', { name: 'Sign in with Workfront' });

    const startPage = await downloadsOf(async () => {
      await page.goto(`${loggedUrl}/`);
      await expect(signInButton).toBeEnabled();
    });
    // The sign-in ends in the callback document, which loads the app into the same page.
    const callback = await downloadsOf(async () => {
      await signIn(page);
      await expectSignedIn(page);
    });
    await expect(itemCount(page)).toBeVisible();
    const reloads: number[][] = [];
    for (let reload = 0; reload < 3; reload++) {
      reloads.push(
        await downloadsOf(async () => {
          await page.reload();
          await expect(itemCount(page)).toBeVisible();
        }),
      );
    }
    const figures = { startPage, callback, reloads };
    console.log(`config.json downloads per load in Chromium: ${JSON.stringify(figures)}`);
    test
      .info()
      .annotations.push({ type: 'config.json downloads', description: JSON.stringify(figures) });

    expect(startPage).toHaveLength(1);
    // The start page revalidated it seconds before: the callback's app takes that copy.
    expect(callback.length).toBeLessThanOrEqual(1);
    // Each load asks the server again (a 304 while unchanged): never a stale configuration.
    for (const statuses of reloads) expect(statuses).toEqual([304]);
  });
});

test.describe('the count of tabs sharing the vault', () => {
  const tabsSharing = (page: Page) => page.getByTestId('token-vault');
  // A page gone without a word is out of the count after the vault's roll call (2 s).
  const expectCount = expect.configure({ timeout: 10_000 });
  const says = (tabs: number) => new RegExp(`tabs sharing it: ${String(tabs)}\\.`);

  test('stays exact across reloads of the only tab, and a second tab opened and closed', async ({
    page,
    context,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await page.goto('/session');
    await expectCount(tabsSharing(page)).toHaveText(says(1));

    for (let reload = 0; reload < 5; reload++) {
      await page.reload();
      await expectCount(tabsSharing(page)).toHaveText(says(1));
    }

    const second = await context.newPage();
    await second.goto('/work');
    await expect(itemCount(second)).toBeVisible();
    await expectCount(tabsSharing(page)).toHaveText(says(2));
    for (let reload = 0; reload < 3; reload++) {
      await second.reload();
      await expect(itemCount(second)).toBeVisible();
      await expectCount(tabsSharing(page)).toHaveText(says(2));
    }
    await second.close();
    await expectCount(tabsSharing(page)).toHaveText(says(1));

    await page.reload();
    await expectCount(tabsSharing(page)).toHaveText(says(1));
  });
});
