import type { Page } from '@playwright/test';
import { demoUser, expect, signIn, test } from './fixtures';
import { emulator } from './support/emulator';
import { itemCount, workList } from './support/screens';
import { signInButton } from './support/session-screens';

// Back matters here: the back/forward cache on, as in users' browsers (Playwright turns it off).
// A restore from the cache fires no load event, so Back waits only for its navigation to commit.
test.use({
  launchOptions: {
    ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  },
});

/** Notes each page that the back/forward cache restores, so a test knows it exercised it. */
async function noteRestores(page: Page) {
  await page.addInitScript(() => {
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) sessionStorage.setItem('e2e.restoredFromCache', 'yes');
    });
  });
}

const restoredFromCache = (page: Page) =>
  page.evaluate(() => sessionStorage.getItem('e2e.restoredFromCache') === 'yes');

/**
 * Whether Chromium keeps a page in the back/forward cache here: not one whose SharedWorker has no
 * other tab ('SharedWorkerWithNoActiveClient'), so with the shared vault and one tab, Back loads
 * the page again; the per-tab vault's dedicated worker is frozen with its page.
 */
const cachedWithOneTab = (vaultKind: 'shared' | 'per-tab') => vaultKind === 'per-tab';

test('Back from Workfront’s sign-in page gives a working Sign in button again', async ({
  page,
  vaultKind,
}) => {
  await noteRestores(page);
  await page.goto('/');
  await signInButton(page).click();
  await expect(page.getByLabel('Email')).toBeVisible();

  await page.goBack({ waitUntil: 'commit' });
  await expect(signInButton(page)).toBeEnabled();
  expect(await restoredFromCache(page)).toBe(cachedWithOneTab(vaultKind));
  await signInButton(page).click();
  await expect(page.getByLabel('Email')).toBeVisible();
});

test('Back from Workfront’s error page after a reload never leaves the page waiting', async ({
  page,
  vaultKind,
}) => {
  await noteRestores(page);
  await page.goto('/work');
  await signIn(page);
  await expect(itemCount(page)).toBeVisible();
  await emulator.fault({ target: 'authorize', count: 100, status: 500, body: 'html' });

  await page.reload();
  await expect(page).toHaveURL(/localhost:8787\/integrations\/oauth2\/authorize/);
  await page.goBack({ waitUntil: 'commit' });
  await expect(signInButton(page)).toBeEnabled();
  await expect(page.getByText('Restoring your Workfront session')).toHaveCount(0);
  expect(await restoredFromCache(page)).toBe(cachedWithOneTab(vaultKind));
});

test('a tab signed out elsewhere shows none of its data after Back', async ({ page, context }) => {
  await noteRestores(page);
  await page.goto('/work');
  await signIn(page);
  await expect(itemCount(page)).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);

  // The user leaves the app in this tab, and signs out in another.
  await page.goto('http://localhost:8787/');
  const other = await context.newPage();
  await other.goto('/work');
  await expect(other.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  await other.getByRole('button', { name: 'Sign out' }).click();
  await expect(signInButton(other)).toBeVisible();

  await page.goBack({ waitUntil: 'commit' });
  await expect(signInButton(page)).toBeVisible();
  await expect(workList(page)).toHaveCount(0);
  // Chromium drops the frozen page from the cache when the sign-out message reaches it; had it
  // kept it, the page would notice the missing flag on restore (src/auth/auth-client.ts).
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
});
