import type { Page } from '@playwright/test';
import { expect, test, networkInReach } from './fixtures';
import { emulator, emulatorUrl } from './support/emulator';
import {
  appOrigin,
  expectAfterRetries,
  itemCount,
  signInToMyWork,
  useDirectApiMode,
  workList,
} from './support/screens';

// It watches or edits the app's requests to Workfront (fixtures.ts, networkInReach).
test.use(networkInReach);

/** Every REST API request the page sends, by URL. */
function recordApiCalls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/attask/')) urls.push(request.url());
  });
  return urls;
}

test.describe('API modes', () => {
  test('proxy mode, the default, calls the API on the app’s own origin', async ({ page }) => {
    const calls = recordApiCalls(page);
    await signInToMyWork(page);
    await expect(workList(page)).toBeVisible();

    expect(calls.length).toBeGreaterThan(0);
    for (const url of calls) expect(url).toMatch(`${appOrigin}/attask/api/v20.0/`);
    // The proxy forwarded them to Workfront.
    const apiLog = (await emulator.log()).filter((entry) => entry.endpoint === 'api');
    expect(apiLog.length).toBeGreaterThanOrEqual(calls.length);
  });

  test('direct mode calls Workfront across origins when its CORS allows the app', async ({
    page,
  }) => {
    await emulator.settings({ apiCors: true });
    await useDirectApiMode(page);
    const calls = recordApiCalls(page);
    await signInToMyWork(page);
    await expect(workList(page)).toBeVisible();

    expect(calls.length).toBeGreaterThan(0);
    for (const url of calls) expect(url).toMatch(`${emulatorUrl}/attask/api/v20.0/`);
    await page.getByTestId('signed-in-user').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile');
  });

  test('direct mode without CORS shows a clear error with a retry, not a blank page', async ({
    page,
  }) => {
    await page.clock.install();
    await useDirectApiMode(page);
    const calls = recordApiCalls(page);
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await page.getByLabel('Email').fill('demo@example.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page).toHaveURL('/work');

    const error = page.getByRole('alert');
    await expectAfterRetries(page, error);
    await expect(error).toContainText('Your work could not be loaded.');
    await expect(error).toContainText('Workfront could not be reached.');
    await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
    expect(calls.every((url) => url.startsWith(`${emulatorUrl}/attask/`))).toBe(true);

    await emulator.settings({ apiCors: true });
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(itemCount(page, '40 of 40 items')).toBeVisible();
    await expect(error).toBeHidden();
  });
});
