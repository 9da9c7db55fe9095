/** What every bad input must leave behind: a message, a way on, and no token anywhere visible. */
import type { Locator, Page } from '@playwright/test';
import { expect, type IssuedTokens } from '../fixtures';

/**
 * No issued token in storage, cookies, the URL, the history state or the DOM. Unlike
 * expectNoTokenStored it also applies when no token was issued, and looks in the DOM too.
 */
export async function expectNoTokenLeak(page: Page, issued: IssuedTokens) {
  const places = await page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ''}`);
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDB: (await indexedDB.databases()).map((db) => db.name ?? ''),
      url: location.href,
      historyState: JSON.stringify(history.state),
      dom: document.documentElement.outerHTML,
    };
  });
  expect(places.indexedDB).toEqual([]);
  const haystack = JSON.stringify({ ...places, cookies: await page.context().cookies() });
  const { accessTokens, refreshTokens } = await issued();
  for (const token of [...accessTokens, ...refreshTokens]) {
    expect(haystack.includes(token), 'an issued token is visible to the page').toBe(false);
  }
  // oidc-client-ts keeps a user as JSON with these fields: none may reach storage.
  const storage = JSON.stringify([places.localStorage, places.sessionStorage]);
  expect(storage).not.toMatch(/access_token|refresh_token/);
}

/**
 * The screen names the problem (a level-1 heading, or the alert of a panel), offers a way
 * forward, and leaks no token.
 */
export async function expectExplained(
  page: Page,
  issued: IssuedTokens,
  problem: Locator,
  wayForward: Locator,
) {
  await expect(problem).toBeVisible();
  await expect(wayForward).toBeVisible();
  await expect(wayForward).toBeEnabled();
  await expectNoTokenLeak(page, issued);
}
