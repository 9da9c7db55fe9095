import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { emulator } from './support/emulator';
import {
  expectAfterRetries,
  followHeaderLink,
  itemCount,
  signInToMyWork,
  startOnAMonday,
  workList,
  workRow,
} from './support/screens';
import { WorkfrontApi } from './support/workfront-api';

/** What people use every day, on a desk and on a phone (touch). */
const sizes = [
  { size: 'a desk', use: { viewport: { width: 1280, height: 800 } } },
  {
    size: 'a phone',
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
] as const;

/** Items the seed puts, on a Monday, in the named due-date bucket. */
const featured = {
  overdue: 'Review homepage hero copy',
  today: '<img src=x onerror=alert(1)>',
  later: '准备第三季度报告 (Prepare the Q3 report)',
};

/** Whether `inner` lies inside `outer` on screen, not cut off by it. */
async function expectInside(inner: Locator, outer: Locator) {
  const [a, b] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  if (!a || !b) throw new Error('not on screen');
  expect(a.x).toBeGreaterThanOrEqual(b.x);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

const filterBox = (page: Page) => page.getByRole('searchbox', { name: 'Filter' });

for (const { size, use } of sizes) {
  test.describe(`My work on ${size}`, () => {
    test.use(use);

    test('every row shows its status and its due date, in words when near, uncut', async ({
      page,
    }) => {
      await startOnAMonday(page, 30);
      await signInToMyWork(page);
      const checks: [string, RegExp][] = [
        [featured.overdue, /^\d+ days? overdue$/],
        [featured.today, /^Due today$/],
        [featured.later, /^Due [A-Z][a-z]{2} \d{1,2}, \d{4}$/],
      ];
      for (const [name, due] of checks) {
        const row = workRow(page, name);
        await row.scrollIntoViewIfNeeded();
        const dueText = row.getByText(due);
        await expect(dueText).toBeVisible();
        await expectInside(dueText, row);
        await expectInside(row.locator('.status'), row);
      }
    });

    test('a tap or click anywhere on a row opens its item', async ({ page }) => {
      await signInToMyWork(page);
      const row = workRow(page, featured.overdue);
      const box = await row.boundingBox();
      if (!box) throw new Error('no row');
      // The lower right corner: not on the name.
      const position = { x: box.width - 8, y: box.height - 6 };
      if (use.viewport.width < 600) await row.tap({ position });
      else await row.click({ position });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(featured.overdue);
    });

    test('the filter is in the address, and Back and "← My work" bring it back', async ({
      page,
      issuedTokens,
    }) => {
      await signInToMyWork(page);
      const items = await new WorkfrontApi(issuedTokens).myWork();
      const word = items
        .find((item) => item.status === 'NEW')
        ?.name.split(' ')[0]
        ?.toLowerCase();
      if (!word) throw new Error('The seed has changed');
      await filterBox(page).fill(word);
      await expect(page).toHaveURL(`/work?q=${encodeURIComponent(word)}`);
      await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'New' });
      const filtered = `/work?q=${encodeURIComponent(word)}&status=NEW`;
      await expect(page).toHaveURL(filtered);
      const count = await itemCount(page).textContent();
      const first = workList(page).getByRole('listitem').getByRole('link').first();
      const name = await first.textContent();

      await first.click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name ?? '');
      await page.goBack();
      await expect(page).toHaveURL(filtered);
      await expect(filterBox(page)).toHaveValue(word);
      await expect(itemCount(page)).toHaveText(count ?? '');

      await first.click();
      await page.getByRole('link', { name: '← My work' }).click();
      await expect(page).toHaveURL(filtered);
      await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('NEW');
      await expect(itemCount(page)).toHaveText(count ?? '');

      // A reload keeps it too; clearing it clears the address.
      await page.reload();
      await expect(filterBox(page)).toHaveValue(word);
      await filterBox(page).clear();
      await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'All statuses' });
      await expect(page).toHaveURL('/work');
    });

    test('an outage says Workfront is slow, then unavailable, never that it refused', async ({
      page,
    }) => {
      await page.clock.install();
      await signInToMyWork(page);
      await emulator.fault({ target: 'api', path: '/proj/search', count: 10_000, status: 503 });
      await followHeaderLink(page, 'Projects');
      const slow = page
        .getByRole('status')
        .filter({ hasText: 'Workfront is slow to answer, trying again…' });
      await expect(slow).toBeVisible();
      const panel = page.getByRole('alert');
      await expectAfterRetries(page, panel);
      await expect(panel).toContainText(
        'Workfront is unavailable just now. Try again in a moment.',
      );
      await expect(panel).not.toContainText('refused');
      await expect(slow).toHaveCount(0);
    });

    test('an item Workfront does not have says so, with the way back and no Retry', async ({
      page,
    }) => {
      await signInToMyWork(page);
      await page.goto('/work/task/0123456789abcdef0123456789abcdef');
      const panel = page.getByRole('alert');
      await expect(panel).toHaveText('This task does not exist, or you have no access to it.');
      await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      await expect(page.getByRole('heading', { name: 'Updates' })).toHaveCount(0);
      await page.getByRole('link', { name: '← My work' }).click();
      await expect(itemCount(page)).toBeVisible();
    });
  });
}
