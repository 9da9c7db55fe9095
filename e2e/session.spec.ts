import type { Page } from '@playwright/test';
import { demoUser, expect, expectNoTokenStored, expectSignedIn, signIn, test } from './fixtures';
import { untilRefreshMs } from './support/app-timing';
import { demoClientId, emulator } from './support/emulator';
import { refreshes, sessionEnded } from './support/session-screens';
import { runClock } from './support/page-clock';

const accessTokenTtlSeconds = 300;
const untilRefresh = untilRefreshMs(accessTokenTtlSeconds);

async function signInWithClock(page: Page) {
  await page.clock.install();
  await page.goto('/');
  await signIn(page);
  await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
}

test.describe('staying signed in', () => {
  test.beforeEach(async () => {
    await emulator.settings({ accessTokenTtlSeconds });
  });

  test('refreshes silently before the access token expires, once per window', async ({
    page,
    issuedTokens,
  }) => {
    await signInWithClock(page);
    expect(await refreshes()).toHaveLength(0);

    await runClock(page.context(), untilRefresh);
    await expect.poll(async () => (await refreshes()).length).toBe(1);
    await expectSignedIn(page);
    await expect.poll(async () => (await issuedTokens()).refreshTokens.length).toBe(2);
    await expectNoTokenStored(page, issuedTokens);
  });

  test('rotates the refresh token over many cycles', async ({ page, issuedTokens }) => {
    // Six hours of the app's clock, run in slices that wait for each request: about 25 s on two
    // busy cores, too near the 30 s default.
    test.slow();
    await signInWithClock(page);
    const cycles = 6;
    for (let cycle = 1; cycle <= cycles; cycle++) {
      // Each refresh is due a window after the one before: one window later it has run, and
      // the app holds a refresh token it never had before.
      await runClock(page.context(), untilRefresh);
      await expect
        .poll(async () => new Set((await issuedTokens()).refreshTokens).size)
        .toBe(cycle + 1);
    }
    // Exactly one refresh per window, by Workfront's count, each answered.
    expect((await refreshes()).map((call) => call.status)).toEqual(Array(cycles).fill(200));
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  });

  test('retries a refresh that fails with a 5xx, and recovers', async ({ page }) => {
    await signInWithClock(page);
    await emulator.fault({ target: 'token', count: 1, status: 503 });

    await runClock(page.context(), untilRefresh);
    // The clock also runs on its own, so the retry may already be done: wait for the failure.
    await expect.poll(async () => (await refreshes()).map((call) => call.status)).toContain(503);
    await runClock(page.context(), 5_000);
    await expect
      .poll(async () => (await refreshes()).map((call) => call.status))
      .toEqual([503, 200]);
    await expectSignedIn(page);
    await expect(sessionEnded(page)).toHaveCount(0);
  });

  test('many requests rejected at once cause one refresh, and no error reaches the user', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);

    // Workfront drops the session early (the app still thinks the token is good for minutes):
    // every request of the next screen is refused at once.
    await emulator.advanceClock(accessTokenTtlSeconds + 1);
    await page.getByRole('link', { name: 'Projects' }).click();

    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await expect(page.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect((await refreshes()).map((call) => call.status)).toEqual([200]);
  });

  for (const limit of ['absoluteExpirationSeconds', 'inactivityExpirationSeconds'] as const) {
    test(`ends the session cleanly at the ${limit} limit, then signs in again`, async ({
      page,
    }) => {
      await emulator.updateApp(demoClientId, { [limit]: 600 });
      await signInWithClock(page);
      await page.goto('/work?tab=mine');
      await expect(page.getByTestId('signed-in-user')).toBeVisible();

      await emulator.advanceClock(601);
      await runClock(page.context(), untilRefresh);

      await expect(sessionEnded(page)).toBeVisible();
      await expect(page).toHaveURL('/work?tab=mine');
      expect((await refreshes()).map((call) => call.status)).toEqual([400]);

      // Workfront still knows the browser, so signing in again is a bounce with no prompt.
      await page.getByRole('button', { name: 'Sign in again' }).click();
      await expect(page).toHaveURL('/work?tab=mine');
      await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    });
  }
});

test.describe('reloads and other tabs', () => {
  test('a reload keeps the user on the same page', async ({ page, issuedTokens }) => {
    await page.goto('/work?view=today');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toBeVisible();

    await page.reload();
    await expect(page).toHaveURL('/work?view=today');
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(2);
    await expectNoTokenStored(page, issuedTokens);
  });

  test('a failed bounce after a reload lands on the start page, without a loop', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);

    let authorizeRequests = 0;
    await page.route('http://localhost:8787/integrations/oauth2/authorize?*', async (route) => {
      authorizeRequests++;
      const state = new URL(route.request().url()).searchParams.get('state') ?? '';
      await route.fulfill({
        status: 302,
        headers: { location: `http://localhost:4173/callback?error=login_required&state=${state}` },
      });
    });
    await page.reload();

    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
    await expect(page).toHaveURL('/');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
    expect(authorizeRequests).toBe(1);
  });

  test('signing out in one tab signs out the others', async ({ page, context }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);

    const other = await context.newPage();
    await other.goto('/work');
    await expect(other.getByTestId('signed-in-user')).toHaveText(demoUser.name);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/');
    await expect(other).toHaveURL('/');
    await expect(other.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
    await other.reload();
    await expect(other.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
  });
});
