import { test as base, expect, type Page } from '@playwright/test';
import { emulator } from './support/emulator';

export { expect };

/** The tokens Workfront issued in this test, as the emulator tells: the page never sees one. */
export type IssuedTokens = () => Promise<{ accessTokens: string[]; refreshTokens: string[] }>;

/**
 * Every test starts from a fresh emulator, records the tokens Workfront issues (to look for them
 * where they must never be), and fails on any uncaught page error or CSP violation.
 */
export interface VaultOptions {
  /**
   * Where the app keeps its tokens: the shared vault (a SharedWorker), as in Chromium, or the
   * per-tab vault of browsers without SharedWorker, forced by removing it from the page.
   */
  vaultKind: 'shared' | 'per-tab';
  /** Violations a test provokes on purpose (an attack the policy blocks); all others fail it. */
  expectedViolations: RegExp | undefined;
}

export const test = base.extend<
  VaultOptions & {
    perTabVault: undefined;
    freshEmulator: undefined;
    issuedTokens: IssuedTokens;
    failOnPageErrors: undefined;
  }
>({
  vaultKind: ['shared', { option: true }],
  expectedViolations: [undefined, { option: true }],
  perTabVault: [
    async ({ context, vaultKind }, use) => {
      if (vaultKind === 'per-tab') {
        await context.addInitScript(() => Reflect.deleteProperty(globalThis, 'SharedWorker'));
      }
      await use(undefined);
    },
    { auto: true },
  ],
  freshEmulator: [
    async ({}, use) => {
      await emulator.reset();
      await use(undefined);
    },
    { auto: true },
  ],
  issuedTokens: async ({}, use) => {
    await use(() => emulator.issuedTokens());
  },
  failOnPageErrors: [
    async ({ context, expectedViolations }, use) => {
      const errors: string[] = [];
      // Every page of the context reports its policy violations (CSP and Trusted Types) through
      // a binding, which outlives navigations, unlike anything kept on `window`.
      await context.exposeBinding(reportViolationBinding, (_source, violation: string) => {
        errors.push(`securitypolicyviolation: ${violation}`);
      });
      await context.addInitScript(listenForViolations, reportViolationBinding);
      const watch = (page: Page) => {
        page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
        page.on('console', (message) => {
          if (policyConsoleMessage.test(message.text())) errors.push(message.text());
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(undefined);
      const unexpected = errors.filter((error) => !expectedViolations?.test(error));
      expect(unexpected, 'uncaught errors or policy violations in the page').toEqual([]);
    },
    { auto: true },
  ],
});

const reportViolationBinding = '__e2eReportViolation';

/** Chromium's console words for a refused or malformed CSP, Trusted Types or Permissions-Policy. */
const policyConsoleMessage =
  /Content[ -]Security[ -]Policy|Trusted ?(Types?|HTML|Script|ScriptURL)|Permissions[ -]Policy/i;

/** Runs in each page before its own scripts. */
function listenForViolations(binding: string) {
  document.addEventListener('securitypolicyviolation', (event) => {
    const report = (window as unknown as Record<string, (text: string) => void>)[binding];
    report?.(
      `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} ${event.sample}`,
    );
  });
}

/**
 * Playwright reaches a dedicated worker's network (routes, request events, offline), but not a
 * SharedWorker's (microsoft/playwright#33917). Tests that watch, edit or cut the app's requests
 * to Workfront use the per-tab vault: the same vault code, in a dedicated worker.
 */
export const networkInReach = { vaultKind: 'per-tab' } as const;

export const demoUser = { email: 'demo@example.com', password: 'demo', name: 'Dana Demo' };

export interface DemoUser {
  email: string;
  password: string;
  name: string;
}

/** On Workfront's login page: signs in as `user`, then allows the app, or denies it. */
export async function signInAtWorkfront(
  page: Page,
  user: DemoUser = demoUser,
  consent: 'Allow' | 'Deny' = 'Allow',
) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: consent }).click();
}

/** Signs in from the landing page through Workfront's login and consent pages. */
export async function signIn(page: Page, options: { expectPrompt?: boolean; as?: DemoUser } = {}) {
  const { expectPrompt = true } = options;
  await page.getByRole('button', { name: 'Sign in with Workfront' }).click();
  if (expectPrompt) await signInAtWorkfront(page, options.as);
}

export async function expectSignedIn(page: Page) {
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** No issued token may sit in storage, cookies, the URL or the history of the app's origin. */
export async function expectNoTokenStored(page: Page, issued: IssuedTokens) {
  const { accessTokens, refreshTokens } = await issued();
  expect(accessTokens.length, 'tokens were issued').toBeGreaterThan(0);
  const tokens = [...accessTokens, ...refreshTokens];
  const stored = await page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ''}`);
    const databases = await indexedDB.databases();
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDB: databases.map((db) => db.name ?? ''),
      url: location.href,
      historyState: JSON.stringify(history.state),
    };
  });
  expect(stored.indexedDB, 'the app creates no IndexedDB database').toEqual([]);
  const cookies = await page.context().cookies(page.url());
  const haystack = JSON.stringify({ ...stored, cookies });
  for (const token of tokens) {
    expect(haystack.includes(token), 'a token was found in storage, cookies, URL or history').toBe(
      false,
    );
  }
}

/**
 * Changes Workfront's redirect back to the app before the browser follows it. The consent form
 * is posted to Workfront, which answers with a redirect to the callback; that answer is edited.
 */
export async function editRedirectBack(page: Page, edit: (callbackUrl: URL) => void) {
  let edited = false;
  await page.route(
    (url) => url.port === '8787' && url.pathname.startsWith('/integrations/oauth2/'),
    async (route) => {
      if (edited || route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location;
      if (!location?.includes('/callback')) return route.fulfill({ response });
      const callbackUrl = new URL(location);
      edit(callbackUrl);
      edited = true;
      return route.fulfill({
        response,
        headers: { ...response.headers(), location: callbackUrl.href },
      });
    },
  );
}
