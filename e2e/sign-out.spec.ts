import type { Locator, Page } from '@playwright/test';
import { expect, signInAtWorkfront, test } from './fixtures';
import { serveAppConfig } from './support/app-config';
import { emulatorUrl } from './support/emulator';
import { openHeaderMenu } from './support/screens';

/**
 * Sign-out that tells the truth: the app's tokens are gone, but Workfront's own session in this
 * browser is not, so the signed-out page says so and links to Workfront's sign-out.
 */
const sizes = [
  { size: 'a desk', use: { viewport: { width: 1280, height: 800 } }, touch: false },
  {
    size: 'a phone',
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    touch: true,
  },
] as const;

const languages = [
  {
    locale: 'en-US',
    signIn: 'Sign in with Workfront',
    signOut: 'Sign out',
    signedOut: 'You are signed out of this app.',
    stillSignedIn:
      'You are still signed in to Workfront in this browser, so “Sign in with Workfront” takes you straight back in, without a password. On a shared computer, sign out of Workfront too.',
    link: 'Sign out of Workfront',
    noLink: 'To do so, sign out in Workfront itself, or close the browser.',
  },
  {
    locale: 'zh-CN',
    signIn: '使用 Workfront 登录',
    signOut: '退出登录',
    signedOut: '您已退出本应用。',
    stillSignedIn:
      '您在此浏览器中仍登录着 Workfront，因此“使用 Workfront 登录”会直接让您重新进入，无需密码。在共用的电脑上，请同时退出 Workfront。',
    link: '退出 Workfront',
    noLink: '为此，请在 Workfront 中退出登录，或关闭浏览器。',
  },
] as const;

type Language = (typeof languages)[number];

const note = (page: Page, language: Language) =>
  page.getByRole('status').filter({ hasText: language.signedOut });

for (const { size, use, touch } of sizes) {
  for (const language of languages) {
    test.describe(`sign-out, on ${size}, in ${language.locale}`, () => {
      test.use({ ...use, locale: language.locale });

      /** A tap on a phone, a click on a desk. */
      const press = (target: Locator) => (touch ? target.tap() : target.click());

      async function signInAndOut(page: Page) {
        await page.goto('/');
        await expect(note(page, language)).toHaveCount(0);
        await press(page.getByRole('button', { name: language.signIn }));
        await signInAtWorkfront(page);
        await openHeaderMenu(page);
        await press(page.getByRole('button', { name: language.signOut }));
        await expect(page).toHaveURL('/');
      }

      test("says Workfront still knows the user, and its link ends Workfront's session, so the next sign-in asks for the password", async ({
        page,
      }) => {
        await signInAndOut(page);
        await expect(note(page, language)).toContainText(language.stillSignedIn);
        const link = note(page, language).getByRole('link', { name: language.link });
        await expect(link).toHaveAttribute('href', `${emulatorUrl}/logout`);
        await expect(note(page, language)).not.toContainText(language.noLink);

        await press(link);
        await expect(page).toHaveURL(`${emulatorUrl}/logout`);
        await expect(
          page.getByRole('heading', { name: 'You are signed out of Workfront' }),
        ).toBeVisible();

        await page.goto('/');
        await press(page.getByRole('button', { name: language.signIn }));
        await expect(page.getByLabel('Password')).toBeVisible();
        await signInAtWorkfront(page);
        await openHeaderMenu(page);
        await expect(page.getByRole('button', { name: language.signOut })).toBeVisible();
      });

      test('without a Workfront sign-out page configured, says to sign out in Workfront or close the browser, with no link', async ({
        page,
      }) => {
        await serveAppConfig(page, { workfrontSignOutUrl: undefined });
        await signInAndOut(page);
        await expect(note(page, language)).toContainText(language.stillSignedIn);
        await expect(note(page, language)).toContainText(language.noLink);
        await expect(note(page, language).getByRole('link')).toHaveCount(0);
      });
    });
  }
}
