/**
 * The minimal app on the kit (examples/minimal): its production build, behind nginx on an origin
 * of its own (playwright.config.ts), against the emulator, whose OAuth2 application lists that
 * origin's redirect URI once the test has registered it through the control API.
 */
import type { Page } from '@playwright/test';
import { allowMinimalApp, minimalAppOrigin } from '../examples/minimal/emulator-setup.ts';
import { demoUser, expect, signInAtWorkfront, test, type IssuedTokens } from './fixtures';
import { emulator, emulatorUrl } from './support/emulator';
import { expectNoTokenLeak } from './support/safety';

test.use({ baseURL: minimalAppOrigin });

// After the fixture's reset, which brings the emulator's applications back to their seed.
test.beforeEach(async () => {
  await allowMinimalApp(emulatorUrl);
});

/** No issued token anywhere page script can read: storage, cookies, URL, DOM, or a global. */
async function expectNoTokenReadable(page: Page, issuedTokens: IssuedTokens) {
  await expectNoTokenLeak(page, issuedTokens);
  const { accessTokens, refreshTokens } = await issuedTokens();
  const globals = await page.evaluate(() =>
    Object.getOwnPropertyNames(globalThis).map((name) => {
      try {
        // undefined for a function or undefined, whatever its type says
        const json = JSON.stringify(Reflect.get(globalThis, name)) as string | undefined;
        return `${name}=${json ?? ''}`;
      } catch {
        return name; // the DOM's own objects, which cannot be written as JSON
      }
    }),
  );
  expect(globals.length).toBeGreaterThan(100);
  for (const token of [...accessTokens, ...refreshTokens]) {
    expect(globals.filter((global) => global.includes(token))).toEqual([]);
  }
}

const whoAmI = (page: Page) => ({
  name: page.getByTestId('user-name'),
  email: page.getByTestId('user-email'),
});

test.describe('the minimal app on the kit', () => {
  test('signs in, says who is signed in, keeps it over a reload, and signs out', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await expect(page).toHaveURL(new RegExp(`^${emulatorUrl}/`));
    await signInAtWorkfront(page);

    await expect(page).toHaveURL(`${minimalAppOrigin}/me`);
    await expect(whoAmI(page).name).toHaveText(demoUser.name);
    await expect(whoAmI(page).email).toHaveText(demoUser.email);
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(1);
    await expectNoTokenReadable(page, issuedTokens);

    // The only tab's reload ends the shared vault with it, as in the app (e2e/token-vault.spec.ts):
    // the "was signed in" flag has the kit sign in again through Workfront, with no prompt.
    await page.reload();
    await expect(whoAmI(page).name).toHaveText(demoUser.name);
    await expect(whoAmI(page).email).toHaveText(demoUser.email);
    await expect(page).toHaveURL(`${minimalAppOrigin}/me`);
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(2);
    await expectNoTokenReadable(page, issuedTokens);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('Signed out.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
    await expect(whoAmI(page).name).toHaveCount(0);
    // And so after a reload: the "was signed in" flag went with the session.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
    await expect(whoAmI(page).name).toHaveCount(0);
    await expectNoTokenReadable(page, issuedTokens);
  });

  test('explains a denied consent, and Try again signs in', async ({ page, issuedTokens }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
    await signInAtWorkfront(page, demoUser, 'Deny');

    await expect(page).toHaveURL(`${minimalAppOrigin}/callback`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Not signed in' })).toBeVisible();
    await expect(alert).toContainText('You did not allow this app on Workfront’s page.');
    await expect(alert.getByRole('link', { name: 'Start over' })).toHaveAttribute('href', '/');
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(0);

    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(whoAmI(page).name).toHaveText(demoUser.name);
    await expectNoTokenReadable(page, issuedTokens);
  });

  test('a callback address opened with no sign-in under way says so, with a way on', async ({
    page,
  }) => {
    await page.goto('/callback?code=forged&state=forged');
    await expect(page).toHaveURL(`${minimalAppOrigin}/callback`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The sign-in did not complete (state-mismatch).');
    await alert.getByRole('link', { name: 'Start over' }).click();
    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
    expect(await emulator.tokenCalls('authorization_code')).toHaveLength(0);
  });
});
