import { chromium } from '@playwright/test';
import { demoUser, expect, expectSignedIn, signIn, test } from './fixtures';
import { untilRefreshMs } from './support/app-timing';
import { demoClientId, emulator, tryRefresh } from './support/emulator';
import { itemCount, signInToMyWork } from './support/screens';
import { WorkfrontApi } from './support/workfront-api';
import { openInspector, refreshes, sessionEnded, timeline } from './support/session-screens';
import { runClock } from './support/page-clock';

/** The app under each of the emulator's switches for what Workfront leaves undocumented. */

test.describe('token errors in each style', () => {
  for (const tokenErrorStyle of ['rfc6749', 'workfront', 'workfront-boolean'] as const) {
    test(`${tokenErrorStyle}: a dead refresh token ends the session at once, with no retry`, async ({
      page,
    }) => {
      await emulator.settings({ tokenErrorStyle });
      await page.clock.install();
      await page.goto('/');
      await signIn(page);
      await expectSignedIn(page);

      await emulator.expireSessions({ tokens: 'refresh', limit: 'inactivity' });
      await openInspector(page);
      await page.getByRole('button', { name: 'Refresh now' }).click();

      await expect(timeline(page).getByRole('heading', { name: 'Refresh failed' })).toBeVisible();
      await expect(
        timeline(page).getByText('The Workfront session ended (the refresh token was refused).'),
      ).toBeVisible();
      // The retries of a transient failure would come 1, 2, 4… seconds later: none may.
      await runClock(page.context(), 60_000);
      expect((await refreshes()).map((call) => call.status)).toEqual([400]);
    });

    test(`${tokenErrorStyle}: a server error is retried, and the session goes on`, async ({
      page,
    }) => {
      await emulator.settings({ tokenErrorStyle });
      await page.clock.install();
      await page.goto('/');
      await signIn(page);
      await expectSignedIn(page);

      await emulator.fault({ target: 'token', count: 1, status: 503, body: 'errorEnvelope' });
      await openInspector(page);
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await expect.poll(async () => (await refreshes()).map((call) => call.status)).toContain(503);
      await runClock(page.context(), 2_000);
      await expect
        .poll(async () => (await refreshes()).map((call) => call.status))
        .toEqual([503, 200]);
      await expectSignedIn(page);
      await expect(sessionEnded(page)).toHaveCount(0);
    });
  }
});

test('expires_in 0: signed in, and refreshed ahead as for a 5-minute token', async ({ page }) => {
  await emulator.settings({ expiresInZero: true });
  await page.clock.install();
  await page.goto('/');
  await signIn(page);
  await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);

  await openInspector(page);
  const exchange = timeline(page).getByRole('listitem').filter({ hasText: 'Token exchange' });
  await expect(exchange).toContainText(/expires_in\s*0 s/);
  await expect(page.getByRole('timer')).toHaveText(/^(4:[0-5]\d|5:00)$/);

  await runClock(page.context(), untilRefreshMs(300));
  await expect.poll(async () => (await refreshes()).length).toBe(1);
  await expectSignedIn(page);
});

test('work/myWork naming every item WORK: each row has its kind and opens', async ({
  page,
  issuedTokens,
}) => {
  await emulator.settings({ myWorkObjCode: 'WORK' });
  await signInToMyWork(page);
  const api = new WorkfrontApi(issuedTokens);
  const issues = await api.myItemsOf('issue');
  const [issue] = issues;
  if (!issue) throw new Error('The seed has no issue of mine');

  const issueRows = page
    .getByRole('list', { name: 'My work' })
    .getByRole('listitem')
    .filter({ hasText: /Issue/ });
  await expect(issueRows.first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter' }).fill(issue.name);
  await page.getByRole('link', { name: issue.name, exact: true }).first().click();
  await expect(page).toHaveURL(`/work/issue/${issue.ID}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(issue.name);
});

test('work/myWork ignoring $$FIRST and $$LIMIT: 10,000 items from one request, no loop', async ({
  page,
}) => {
  await emulator.settings({ myWorkPaging: 'ignored', workItems: 10_000 });
  await signInToMyWork(page);
  await expect(itemCount(page)).toHaveText('10,000 of 10,000 items', { timeout: 15_000 });
  const myWorkCalls = (await emulator.log()).filter((entry) => entry.path.includes('/work/myWork'));
  expect(myWorkCalls).toHaveLength(1);
});

test('auth errors answered with HTTP 200: refreshed and retried, unseen by the user', async ({
  page,
}) => {
  await emulator.settings({ authErrorStatus: 200 });
  await page.goto('/');
  await signIn(page);
  await expectSignedIn(page);

  await emulator.expireSessions({ tokens: 'access' });
  await page.getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await refreshes()).map((call) => call.status)).toEqual([200]);
});

test.describe('sign-out revokes the refresh token', () => {
  test('the revoke is shown in the flow inspector, and its chain stops working', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();

    await openInspector(page);
    await expect(
      timeline(page).getByRole('heading', { name: 'Refresh token revoked' }),
    ).toBeVisible();
    const revokes = (await emulator.log()).filter(
      (entry) => entry.endpoint === 'revoke' && entry.method === 'POST',
    );
    expect(revokes.map((entry) => entry.status)).toEqual([200]);

    await expect.poll(async () => (await issuedTokens()).refreshTokens.length).toBe(1);
    const [first] = (await issuedTokens()).refreshTokens;
    expect(await tryRefresh(first ?? '')).toMatchObject({ error: 'invalid_grant' });
  });

  for (const failure of [
    { name: 'a 404', fault: { status: 404 }, shown: 'HTTP 404' },
    // Chromium sends a request again when its connection drops without an answer: drop every try.
    { name: 'a dropped connection', fault: { drop: true as const, count: 10 }, shown: 'TypeError' },
  ]) {
    test(`${failure.name} at the revoke endpoint does not hold the sign-out up`, async ({
      page,
    }) => {
      await page.goto('/');
      await signIn(page);
      await expectSignedIn(page);
      await emulator.fault({ target: 'revoke', count: 1, ...failure.fault });

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
      await openInspector(page);
      const revoke = timeline(page)
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'Refresh token not revoked' }) });
      await expect(revoke).toContainText(failure.shown);
      await expect(timeline(page).getByRole('heading', { name: 'Signed out' })).toBeVisible();
    });
  }
});

test.describe('an instance that refuses localhost redirect URLs', () => {
  test.beforeEach(async () => {
    await emulator.settings({ rejectLocalhostRedirects: true });
  });

  test('on localhost, Workfront shows its refusal, and Back returns to the app', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await expect(page.getByText('localhost cannot be used as a valid redirect URL')).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
  });

  test('on a dev host name, sign-in and My work work', async () => {
    const devOrigin = 'http://workfront-dev.test:4173';
    const app = await emulator.app(demoClientId);
    await emulator.updateApp(demoClientId, {
      redirectUrls: [...app.redirectUrls, `${devOrigin}/callback`],
    });
    // The name points at this machine, as a hosts file line would; Chromium treats it as a secure
    // context, as it would an https dev host (npm run setup -- --dev-host).
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH,
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP workfront-dev.test 127.0.0.1',
        `--unsafely-treat-insecure-origin-as-secure=${devOrigin}`,
      ],
    });
    try {
      const page = await browser.newPage({ baseURL: devOrigin });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto('/');
      await signIn(page);
      await expect(page).toHaveURL(`${devOrigin}/work`);
      await expect(itemCount(page)).toBeVisible();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
