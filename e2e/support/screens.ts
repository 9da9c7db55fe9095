/** Steps and places shared by the specs of the data screens. */
import type { Locator, Page } from '@playwright/test';
import { expect, signIn } from '../fixtures';
import { emulator } from './emulator';

export const appOrigin = 'http://localhost:4173';

/** Serves the app's own config.json with `apiMode: "direct"`: the API at Workfront's origin. */
export async function useDirectApiMode(page: Page) {
  await page.route(`${appOrigin}/config.json`, async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...config, apiMode: 'direct' } });
  });
}

/** Signs in from the landing page and waits until My work shows the whole list. */
export async function signInToMyWork(page: Page) {
  await page.goto('/');
  await signIn(page);
  await expect(page).toHaveURL('/work');
  await expect(itemCount(page)).toBeVisible();
}

/** My work's count line, e.g. "3 of 40 items" or "10,000 of 10,000 items". */
export const itemCount = (page: Page, text: string | RegExp = /^[\d,]+ of [\d,]+ items$/) =>
  page.getByRole('status').filter({ hasText: text });

export const workList = (page: Page) => page.getByRole('list', { name: 'My work' });

/** A row of My work by the item's exact name. */
export const workRow = (page: Page, name: string) =>
  workList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

const hourMs = 3_600_000;
/** The emulated instance and the browser (see playwright.config.ts) both keep UTC-7. */
const instanceOffsetMs = -7 * hourMs;

/**
 * Moves the emulator's clock, and starts the browser's, at the next Monday 10:00 in UTC-7, and
 * seeds `workItems` items relative to that day. On a Monday every due-date group of My work has
 * items, whatever the weekday the tests run on.
 */
export async function startOnAMonday(page: Page, workItems: number) {
  const { epochMs } = await emulator.clock();
  const local = new Date(epochMs + instanceOffsetMs);
  const daysToMonday = (8 - local.getUTCDay()) % 7 || 7;
  const monday = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate() + daysToMonday,
    10,
  );
  const target = monday - instanceOffsetMs;
  await emulator.advanceClock((target - epochMs) / 1000);
  // Changing the size regenerates the data around the emulator's new today.
  await emulator.settings({ workItems });
  await page.clock.install({ time: target });
}

/**
 * TanStack Query retries a failed query three times, 1, 2 and 4 seconds apart, before it shows
 * the error. With `page.clock.install()` called before the page loaded, this skips those waits.
 */
export async function expectAfterRetries(page: Page, locator: Locator) {
  await expect(async () => {
    await page.clock.fastForward(4_000);
    await expect(locator).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
}

/** Fails the test if the page opens an alert, confirm or prompt, e.g. from injected script. */
export function failOnDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** The signed-in header's Menu, which holds its links on a phone (and is hidden on a desk). */
export const headerMenu = (page: Page) => page.getByRole('banner').locator('summary');

/** On a phone, opens the header's Menu, where its links and controls are; on a desk, nothing. */
export async function openHeaderMenu(page: Page) {
  // The signed-in header, once there: on a desk its Menu is there too, hidden.
  await page.locator('details.header-menu').waitFor({ state: 'attached' });
  const closed = page.locator('details.header-menu:not([open]) > summary');
  if (await closed.isVisible()) await closed.click();
}

/** Follows a link of the header's main navigation, through its Menu where there is one. */
export async function followHeaderLink(page: Page, name: string) {
  await openHeaderMenu(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}
