import { demoUser, expect, expectSignedIn, signIn, test, networkInReach } from './fixtures';
import { untilRefreshMs } from './support/app-timing';
import { emulator, emulatorUrl, tryRefresh } from './support/emulator';
import { itemCount, workList } from './support/screens';
import { openInspector, refreshes, signInButton, timeline } from './support/session-screens';
import { runClock } from './support/page-clock';

/** Sign-out that holds, sessions that never hang, and no bounce without end. */

const tokenUrl = `${emulatorUrl}/integrations/oauth2/api/v1/token`;
const authorizeCalls = async () =>
  (await emulator.log()).filter((entry) => entry.endpoint === 'authorize');

/** A promise that the test settles when it chooses. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

test.describe('signing out', () => {
  // It edits the app's requests to Workfront (fixtures.ts, networkInReach).
  test.use(networkInReach);

  test('a refresh in flight when the user signs out does not sign them back in', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);

    // Workfront rotates the refresh token at once, but its answer reaches the app only after
    // the user has signed out.
    const answer = gate();
    const processed = gate();
    await page.route(tokenUrl, async (route) => {
      if (!route.request().postData()?.includes('grant_type=refresh_token')) {
        return route.continue();
      }
      const response = await route.fetch();
      processed.open();
      await answer.opened;
      return route.fulfill({ response });
    });
    await openInspector(page);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await processed.opened;

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInButton(page)).toBeVisible();
    answer.open();

    await openInspector(page);
    await expect(timeline(page).getByRole('heading', { name: 'Refresh failed' })).toBeVisible();
    await expect(page.getByText('Session · signed out')).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('workfront.wasSignedIn'))).toBeNull();
    // The late answer's refresh token is dead too: nothing it brought can sign anyone in.
    await expect.poll(async () => (await issuedTokens()).refreshTokens.length).toBe(2);
    expect(await tryRefresh((await issuedTokens()).refreshTokens[1] ?? '')).toMatchObject({
      error: 'invalid_grant',
    });
  });

  test("signing out takes effect at once, however slow Workfront's logout and revoke are", async ({
    page,
  }) => {
    await page.goto('/work');
    await signIn(page);
    await expect(itemCount(page)).toBeVisible();
    await emulator.fault({ target: 'api', count: 1, delayMs: 20_000 });
    await emulator.fault({ target: 'revoke', count: 1, delayMs: 20_000 });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInButton(page)).toBeVisible({ timeout: 2_000 });
    await expect(workList(page)).toHaveCount(0);
  });

  test('the next user in the same tab never sees the previous user’s work', async ({
    page,
    context,
  }) => {
    await page.goto('/work');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    const firstRow = workList(page).getByRole('link').first();
    const demoItem = (await firstRow.textContent()) ?? '';
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(signInButton(page)).toBeVisible();

    // Another person signs in to Workfront in this browser.
    await context.clearCookies();
    const myWork = gate();
    await page.route('**/attask/api/*/work/myWork?*', async (route) => {
      await myWork.opened;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await page.getByLabel('Email').fill('priya.raman@example.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    await expect(page).toHaveURL('/work');
    await expect(page.getByRole('status').filter({ hasText: 'Loading your work' })).toBeVisible();
    await expect(page.getByText(demoItem, { exact: true })).toHaveCount(0);
    myWork.open();
    await expect(itemCount(page)).toBeVisible();
    await expect(page.getByTestId('signed-in-user')).toHaveText('Priya Raman');
    await expect(page.getByText(demoItem, { exact: true })).toHaveCount(0);
  });
});

test.describe('bounces through Workfront', () => {
  test('when Workfront stops sending the browser back, the app bounces once, never again', async ({
    page,
    context,
  }) => {
    await page.goto('/work');
    await signIn(page);
    await expect(itemCount(page)).toBeVisible();
    await emulator.clearLog();
    await emulator.fault({ target: 'authorize', count: 100, status: 500, body: 'html' });

    await page.reload();
    await expect(page).toHaveURL(/localhost:8787\/integrations\/oauth2\/authorize/);
    await page.goBack();
    await expect(signInButton(page)).toBeVisible();
    await page.reload();
    await expect(signInButton(page)).toBeVisible();
    expect(await authorizeCalls()).toHaveLength(1);

    // Once the bounce is overdue, the "was signed in" flag goes: new tabs do not bounce either.
    // Half a minute on, as far as the tab's note of its bounce goes (the clock of a page starts
    // afresh at each load).
    await page.evaluate(() => {
      const key = 'workfront.bounceStartedAt';
      sessionStorage.setItem(key, String(Number(sessionStorage.getItem(key)) - 31_000));
    });
    await page.reload();
    await expect(signInButton(page)).toBeVisible();
    const other = await context.newPage();
    await other.goto('/projects');
    await expect(signInButton(other)).toBeVisible();
    expect(await authorizeCalls()).toHaveLength(1);

    // With Workfront back, signing in works as ever.
    await emulator.clearFaults();
    await signIn(page, { expectPrompt: false });
    await expect(itemCount(page)).toBeVisible();
  });

  test('the start page never bounces', async ({ page }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await emulator.clearLog();

    await page.goto('/');
    await expect(signInButton(page)).toBeVisible();
    expect(await authorizeCalls()).toHaveLength(0);
  });
});

test.describe('Workfront that is slow, or asks the app to slow down', () => {
  test('a token endpoint that never answers: the refresh times out and is retried', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await emulator.fault({ target: 'token', count: 1, delayMs: 59_000 });

    await openInspector(page);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    // Real time: the timeout does not follow a page's clock.
    await expect(timeline(page).getByRole('heading', { name: 'Refresh failed' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(timeline(page).getByRole('heading', { name: 'Refresh succeeded' })).toBeVisible();
    await expectSignedIn(page);
  });

  test('an API that never answers: the screen says so and offers Retry', async ({ page }) => {
    // Real time: the timeout of 30 s does not follow a page's clock.
    test.setTimeout(75_000);
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await emulator.fault({ target: 'api', count: 100, delayMs: 59_000 });

    await page.getByRole('link', { name: 'Projects' }).click();
    const panel = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
    await expect(panel).toContainText('Workfront did not answer within 30 seconds.', {
      timeout: 40_000,
    });

    await emulator.clearFaults();
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
  });

  test('a rate-limited refresh waits as Workfront asks, and never signs the user out', async ({
    page,
  }) => {
    await page.clock.install();
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await emulator.fault({ target: 'token', count: 1, status: 429, retryAfterSeconds: 3 });

    await openInspector(page);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(async () => (await refreshes()).map((call) => call.status)).toEqual([429]);
    await runClock(page.context(), 2_000);
    expect((await refreshes()).map((call) => call.status)).toEqual([429]);
    await runClock(page.context(), 1_500);
    await expect
      .poll(async () => (await refreshes()).map((call) => call.status))
      .toEqual([429, 200]);
    await expectSignedIn(page);
  });

  test('a rate-limited API call is retried as Workfront asks, with no error shown', async ({
    page,
  }) => {
    await page.clock.install();
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await emulator.clearLog();
    await emulator.fault({
      target: 'api',
      count: 1,
      path: '/proj/search',
      status: 429,
      retryAfterSeconds: 5,
    });

    await page.getByRole('link', { name: 'Projects' }).click();
    const projectCalls = async () =>
      (await emulator.log()).filter((entry) => entry.path.includes('/proj/search'));
    await expect.poll(async () => (await projectCalls()).map((call) => call.status)).toEqual([429]);
    await runClock(page.context(), 3_000);
    expect(await projectCalls()).toHaveLength(1);
    await runClock(page.context(), 2_500);
    await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test.describe('after a time away', () => {
  // It cuts the vault's network (fixtures.ts, networkInReach).
  test.use(networkInReach);
  test('back online with the token expired meanwhile, it is refreshed before any query uses it', async ({
    page,
    context,
  }) => {
    await emulator.settings({ accessTokenTtlSeconds: 300 });
    await page.clock.install();
    await page.goto('/work');
    await signIn(page);
    await expect(itemCount(page)).toBeVisible();

    // Offline for ten minutes: the token expires meanwhile, and its expiry timer cannot renew it.
    await context.setOffline(true);
    await page.clock.fastForward(600_000);
    await emulator.advanceClock(600);
    await emulator.clearLog();
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Projects' }).click();
    await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();

    const log = await emulator.log();
    const firstRefresh = log.findIndex((entry) => entry.grantType === 'refresh_token');
    const firstApiCall = log.findIndex((entry) => entry.endpoint === 'api');
    expect(firstRefresh).toBeGreaterThanOrEqual(0);
    expect(firstRefresh).toBeLessThan(firstApiCall);
    expect(log.filter((entry) => entry.endpoint === 'api' && entry.status === 401)).toEqual([]);
  });
});

test.describe('a refresh whose answer is lost', () => {
  test('is mended by a sign-in with no prompt, on the same page, not "session ended"', async ({
    page,
  }) => {
    await emulator.settings({ accessTokenTtlSeconds: 300 });
    await page.clock.install();
    await page.goto('/work?view=mine');
    await signIn(page);
    await expect(itemCount(page)).toBeVisible();
    await emulator.clearLog();
    // Workfront rotates the refresh token, then the connection drops before the answer. The
    // browser sends it again by itself once; that copy is lost the same way.
    await emulator.fault({ target: 'token', count: 2, dropAfterProcessing: true });

    // Both copies are lost; the retry, a second later, presents the retired token, refused.
    await runClock(page.context(), untilRefreshMs(300));
    await expect.poll(async () => (await authorizeCalls()).length).toBe(1);
    await expect(page).toHaveURL('/work?view=mine');
    await expect(itemCount(page)).toBeVisible();
    await expect(page.getByRole('heading', { name: /session ended/ })).toHaveCount(0);
    expect((await refreshes()).map((call) => call.status)).toEqual([0, 0, 400]);
    expect(await authorizeCalls()).toHaveLength(1);
  });
});
