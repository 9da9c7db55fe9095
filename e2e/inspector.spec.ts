import type { Page } from '@playwright/test';
import { demoUser, expect, signIn, test, type IssuedTokens } from './fixtures';
import { serveAppConfig } from './support/app-config';
import { emulator } from './support/emulator';
import { openInspector as openSessionPage, timeline } from './support/session-screens';

/** Opens the inspector once signed in. */
async function openInspector(page: Page) {
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await openSessionPage(page);
}

async function fingerprintOf(token: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

/** No issued token may appear whole anywhere in the page. */
async function expectNoTokenInDom(page: Page, issued: IssuedTokens) {
  const html = await page.content();
  const { accessTokens, refreshTokens } = await issued();
  for (const token of [...accessTokens, ...refreshTokens]) {
    expect(html.includes(token), 'a whole token is in the DOM').toBe(false);
  }
}

test.describe('flow inspector', () => {
  test('opens with the PKCE story in three numbered sentences, before its details, in English and Chinese', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page);
    await openInspector(page);
    const callback = 'http://localhost:4173/callback';

    const story = page.getByRole('list', { name: 'How signing in with PKCE works' });
    await expect(story).toHaveJSProperty('tagName', 'OL');
    await expect(story.getByRole('listitem')).toHaveText([
      'When you sign in, the app makes a one-time secret, the PKCE verifier, and sends Workfront only its SHA-256 hash, the code challenge.',
      `Workfront signs you in and sends the browser back to this address, ${callback}, with a one-time authorization code.`,
      'The app proves it holds the secret by sending the verifier with the code to Workfront’s token endpoint, and gets the tokens in exchange; they stay in the token vault, a worker that page script cannot read.',
    ]);
    // First thing under the heading: before the current session and the timeline.
    const heading = page.getByRole('heading', { name: 'Session', level: 1 });
    await expect(heading.locator('xpath=following-sibling::*[1]')).toHaveAttribute(
      'aria-label',
      'How signing in with PKCE works',
    );

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const storyZh = page.getByRole('list', { name: 'PKCE 登录的原理' });
    await expect(storyZh.getByRole('listitem')).toHaveText([
      '您登录时，应用生成一个一次性密钥（PKCE 校验码，verifier），只把它的 SHA-256 哈希（代码质询，code challenge）发送给 Workfront。',
      `Workfront 让您登录后，把浏览器送回此地址 ${callback}，并附上一个一次性授权码。`,
      '应用把校验码连同授权码发送到 Workfront 的令牌端点，证明自己持有该密钥，从而换得令牌；令牌保存在令牌保管库中，这是页面脚本无法读取的 worker。',
    ]);
  });

  test('tells the sign-in story, proves PKCE, and shows rotation by fingerprint', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    await openInspector(page);

    const story = timeline(page);
    await expect(story.getByRole('heading', { name: 'Authorize request' })).toBeVisible();
    await expect(story.getByText('code_challenge_method', { exact: true })).toBeVisible();
    await expect(story.getByRole('heading', { name: 'Callback' })).toBeVisible();
    await expect(story.getByText('✓ they match')).toBeVisible();
    await expect(story.getByRole('heading', { name: 'Token exchange succeeded' })).toBeVisible();
    await expect.poll(async () => (await issuedTokens()).refreshTokens.length).toBe(1);
    const [firstRefreshToken] = (await issuedTokens()).refreshTokens;
    await expect(story.getByText(await fingerprintOf(firstRefreshToken ?? ''))).toBeVisible();
    await expect(page.getByRole('timer')).toHaveText(/^(59|60):\d\d$/);

    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(story.getByRole('heading', { name: 'Refresh succeeded' })).toBeVisible();
    await expect(story.getByText('(rotated: the old one no longer works)')).toBeVisible();
    await expect.poll(async () => (await issuedTokens()).refreshTokens.length).toBe(2);
    const [, secondRefreshToken] = (await issuedTokens()).refreshTokens;
    await expect(story.getByText(await fingerprintOf(secondRefreshToken ?? ''))).toBeVisible();
    await expectNoTokenInDom(page, issuedTokens);
  });

  test('expire the access token: the next call is refused, refreshed and retried', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    await signIn(page);
    await openInspector(page);
    await page.getByRole('button', { name: 'Expire the access token' }).click();
    await expect(page.getByRole('status')).toContainText('Done.');

    await page.getByRole('link', { name: 'Projects' }).click();
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await openInspector(page);
    await expect(
      timeline(page).getByText(/Workfront refused the session on an API call/),
    ).toBeVisible();
    await expectNoTokenInDom(page, issuedTokens);
  });

  for (const limit of ['absolute', 'inactivity'] as const) {
    test(`expire the refresh token (${limit}): the session ends cleanly`, async ({ page }) => {
      await page.goto('/');
      await signIn(page);
      await openInspector(page);
      await page.getByRole('button', { name: `Expire the refresh token (${limit})` }).click();
      await expect(page.getByRole('status')).toContainText('Done.');
      await page.getByRole('button', { name: 'Refresh now' }).click();

      await expect(timeline(page).getByRole('heading', { name: 'Refresh failed' })).toBeVisible();
      await expect(
        timeline(page).getByText('The Workfront session ended (the refresh token was refused).'),
      ).toBeVisible();
      await page.goto('/work');
      await expect(page).toHaveURL(/\/\?returnTo=/);
    });
  }

  test('revoke the session: the app ends it and offers to sign in again', async ({ page }) => {
    await page.goto('/');
    await signIn(page);
    await openInspector(page);
    await page.getByRole('button', { name: 'Revoke the session' }).click();
    await expect(page.getByRole('status')).toContainText('Done.');
    await page.getByRole('link', { name: 'Projects' }).click();

    await expect(
      page.getByRole('heading', { name: 'Your Workfront session ended, sign in again' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
  });

  test('fail the next refresh with a 503: the retry recovers', async ({ page }) => {
    await page.goto('/');
    await signIn(page);
    await openInspector(page);
    await page.getByRole('button', { name: 'Fail the next refresh with a 503' }).click();
    await expect(page.getByRole('status')).toContainText('Done.');
    await page.getByRole('button', { name: 'Refresh now' }).click();

    await expect(timeline(page).getByRole('heading', { name: 'Refresh failed' })).toBeVisible();
    await expect(timeline(page).getByRole('heading', { name: 'Refresh succeeded' })).toBeVisible();
    await expect(page.getByRole('timer')).toBeVisible();
  });

  /** Signs in, has the emulator drop `state` from its redirects, then signs out and in again. */
  async function signInAgainWithoutState(page: Page) {
    await page.goto('/');
    await signIn(page);
    await openInspector(page);
    await page.getByRole('button', { name: 'Drop state from redirects' }).click();
    await expect(page.getByRole('status')).toContainText('Done.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, { expectPrompt: false });
  }

  test('drop state: an instance that echoes state refuses the answer, and says why', async ({
    page,
  }) => {
    await signInAgainWithoutState(page);
    await expect(
      page.getByRole('heading', { name: 'This sign-in response does not belong to this tab' }),
    ).toBeVisible();
    await expect(page.getByText('came back without the state this sign-in sent')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  test('drop state: signing in again still works where config.json says stateEcho false', async ({
    page,
  }) => {
    await serveAppConfig(page, { stateEcho: false });
    await signInAgainWithoutState(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);

    await openInspector(page);
    const callback = timeline(page).getByRole('listitem').filter({ hasText: 'Callback' }).last();
    await expect(callback.getByText('state', { exact: true })).toHaveCount(0);
  });

  test('switch token_type: the refresh shows it and the API still works', async ({ page }) => {
    await page.goto('/');
    await signIn(page);
    await openInspector(page);
    await page.getByRole('button', { name: 'Switch token_type to Bearer' }).click();
    await expect(page.getByRole('status')).toContainText('Done.');
    await page.getByRole('button', { name: 'Refresh now' }).click();
    const refresh = timeline(page).getByRole('listitem').filter({ hasText: 'Refresh succeeded' });
    await expect(refresh.getByText('Bearer', { exact: true })).toBeVisible();

    await page.getByRole('link', { name: 'Projects' }).click();
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect((await emulator.tokenCalls('refresh_token')).map((call) => call.status)).toEqual([200]);
  });
});

test.describe('the inspector switch (config.json "inspector")', () => {
  test('off, as for a real instance: no Session badge, no inspector page, none of its code', async ({
    page,
  }) => {
    await serveAppConfig(page.context(), { inspector: false });
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto('/');
    await signIn(page);
    await expect(page.getByTestId('signed-in-user')).toHaveText(demoUser.name);
    await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Open the flow inspector/ })).toHaveCount(0);

    await page.goto('/session');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect(scripts.some((path) => path.includes('router-'))).toBe(true);
    expect(scripts.filter((path) => /session-page|instance-/.test(path))).toEqual([]);
  });
});
