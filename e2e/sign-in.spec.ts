import {
  demoUser,
  editRedirectBack,
  expect,
  expectNoTokenStored,
  expectSignedIn,
  signIn,
  signInAtWorkfront,
  test,
  networkInReach,
} from './fixtures';
import { serveAppConfig } from './support/app-config';
import { emulator } from './support/emulator';

test.describe('sign-in with Workfront', () => {
  test('signs in through login and consent, and keeps no token in storage', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    await signIn(page);

    await expect(page).toHaveURL('/work');
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    await expectSignedIn(page);
    await expectNoTokenStored(page, issuedTokens);
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(1);
  });

  test('signs in a second time with no prompt while Workfront remembers the user', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/');

    await signIn(page, { expectPrompt: false });
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(2);
  });

  test('returns to the deep link that was asked for', async ({ page }) => {
    await page.goto('/work?view=week#today');
    await expect(page).toHaveURL(/\/\?returnTo=/);
    await signIn(page);
    await expect(page).toHaveURL('/work?view=week#today');
    await expectSignedIn(page);
  });

  test('never follows a returnTo that leaves the app', async ({ page }) => {
    await page.goto('/?returnTo=%2F%2Fevil.example%2Fsteal');
    await signIn(page);
    await expect(page).toHaveURL('/work');
  });

  test('explains a denied consent and offers to try again', async ({ page, issuedTokens }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await signInAtWorkfront(page, demoUser, 'Deny');

    await expect(page.getByRole('heading', { name: 'Access was not allowed' })).toBeVisible();
    await expect(page).toHaveURL('/callback');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expectSignedIn(page);
    await expectNoTokenStored(page, issuedTokens);
  });

  test('shows an error parameter as text, never as HTML', async ({ page }) => {
    // An instance that echoes no state, so that the hostile answer needs none to be read.
    await serveAppConfig(page, { stateEcho: false });
    await page.goto('/');
    // Start a sign-in so that a state is pending, then come back with a hostile error.
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await page.getByLabel('Email').waitFor();
    const description = '<img src=x onerror="window.__pwned=1">';
    await page.goto(
      `/callback?error=server_error&error_description=${encodeURIComponent(description)}`,
    );
    await expect(
      page.getByRole('heading', { name: 'Workfront refused the sign-in' }),
    ).toBeVisible();
    await expect(page.getByText(description, { exact: false })).toBeVisible();
    expect(
      await page.evaluate(() => 'pwned' in window || document.querySelector('img')),
    ).toBeFalsy();
  });

  test('refuses a tampered state', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await page.getByLabel('Email').fill(demoUser.email);
    await page.getByLabel('Password').fill(demoUser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await editRedirectBack(page, (callbackUrl) => {
      callbackUrl.searchParams.set('state', 'forged-state');
    });
    await page.getByRole('button', { name: 'Allow' }).click();

    await expect(
      page.getByRole('heading', { name: 'This sign-in response does not belong to this tab' }),
    ).toBeVisible();
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(0);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expectSignedIn(page);
  });

  test('a callback page whose app code cannot load says so, and Try again recovers', async ({
    page,
  }) => {
    const appEntry = /\/assets\/index-[\w-]+\.js$/;
    await page.route(appEntry, (route) => route.abort('internetdisconnected'));
    await page.goto('/callback');
    const status = page.getByRole('status');
    await expect(status).toContainText("The app's code could not load.");

    await page.unroute(appEntry);
    await status.getByRole('link', { name: 'Try again' }).click();
    await expect(
      page.getByRole('heading', { name: 'There is no sign-in to finish' }),
    ).toBeVisible();
  });

  test('does not replay a callback URL', async ({ page }) => {
    let callbackUrl = '';
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('/callback?'))
        callbackUrl = frame.url();
    });
    await page.goto('/');
    await signIn(page);
    await expectSignedIn(page);
    expect(callbackUrl).toContain('code=');
    await expect(page).not.toHaveURL(/code=/);

    // Back does not return to the code; opening the old URL again exchanges nothing.
    await page.goBack();
    await expect(page).not.toHaveURL(/code=/);
    await page.goto(callbackUrl);
    await expect(
      page.getByRole('heading', { name: 'This sign-in response does not belong to this tab' }),
    ).toBeVisible();
    await expect(page).toHaveURL('/callback');
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(1);
  });

  test('completes safely when Workfront does not echo state', async ({ page, issuedTokens }) => {
    await emulator.settings({ echoState: false });
    await serveAppConfig(page, { stateEcho: false });
    let callbackUrl = '';
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('/callback?'))
        callbackUrl = frame.url();
    });
    await page.goto('/work');
    await signIn(page);
    await expect(page).toHaveURL('/work');
    await expectSignedIn(page);
    expect(new URL(callbackUrl).searchParams.has('state')).toBe(false);
    await expectNoTokenStored(page, issuedTokens);
  });

  test.describe('whatever token_type says', () => {
    // It watches the app's requests to Workfront (fixtures.ts, networkInReach).
    test.use(networkInReach);
    for (const tokenType of ['Bearer', 'sessionID'] as const) {
      test(`works when Workfront's token_type is ${tokenType}`, async ({ page }) => {
        await emulator.settings({ tokenType });
        let apiSessionHeader: string | null | undefined;
        page.on('request', (request) => {
          if (request.url().includes('/attask/api/'))
            apiSessionHeader = request.headers().sessionid;
        });
        await page.goto('/');
        await signIn(page);
        await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
        expect(apiSessionHeader).toMatch(/\S+/);
      });
    }
  });
});
