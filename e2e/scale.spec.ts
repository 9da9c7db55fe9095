import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { emulator } from './support/emulator';
import { itemCount, signInToMyWork, workList } from './support/screens';

const workItems = 10_000;
const workItemsText = new Intl.NumberFormat('en-US').format(workItems);
/** The rows in view (about a dozen) plus the virtual list's overscan, with room to spare. */
const maxRenderedRows = 60;

/** The rendered rows of My work: how many, and whether one covers the middle of the viewport. */
function renderedRows(page: Page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[role="list"] > [role="listitem"]')];
    const list = document.querySelector('[role="list"]')?.getBoundingClientRect();
    const middle = window.innerHeight / 2;
    const boxes = rows.map((row) => row.getBoundingClientRect());
    return {
      count: rows.length,
      first: Math.min(...rows.map((row) => Number(row.getAttribute('data-index')))),
      /** Rows are rendered where the viewport is, not only where it was. */
      coversView: boxes.some((box) => box.top <= middle && box.bottom >= middle),
      /** The list's last row is rendered. */
      reachesEnd: boxes.some((box) => Math.abs(box.bottom - (list?.bottom ?? NaN)) < 1),
    };
  });
}

test.describe('10,000 work items', () => {
  test.beforeEach(async () => {
    await emulator.settings({ workItems });
  });

  test('loads every page of My work, and scrolls it with a bounded number of rows', async ({
    page,
  }) => {
    await signInToMyWork(page);
    await expect(itemCount(page)).toHaveText(`${workItemsText} of ${workItemsText} items`, {
      timeout: 15_000,
    });
    // Five pages of 2000 through $$FIRST and $$LIMIT.
    const pages = (await emulator.log())
      .filter((entry) => entry.path.includes('/work/myWork') && entry.path.includes('FIRST'))
      .map((entry) => new URL(entry.path, 'http://x').searchParams.get('$$FIRST'));
    expect(pages).toEqual(['0', '2000', '4000', '6000', '8000', '10000']);

    const list = workList(page);
    const listHeight = (await list.boundingBox())?.height ?? 0;
    expect(listHeight).toBeGreaterThan(workItems * 60);

    const top = await renderedRows(page);
    expect(top.first).toBe(0);
    expect(top.count).toBeLessThanOrEqual(maxRenderedRows);

    // Through the whole list, twenty screens at a time, down to the end.
    const { scrollHeight, innerHeight } = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      innerHeight: window.innerHeight,
    }));
    const bottom = scrollHeight - innerHeight;
    for (let y = innerHeight * 20; y < bottom + innerHeight * 20; y += innerHeight * 20) {
      const to = Math.min(y, bottom);
      await page.evaluate((scrollTo) => {
        window.scrollTo(0, scrollTo);
      }, to);
      await expect.poll(async () => (await renderedRows(page)).coversView).toBe(true);
      const rows = await renderedRows(page);
      expect(rows.count, `rows rendered at ${to}px`).toBeLessThanOrEqual(maxRenderedRows);
    }

    const end = await renderedRows(page);
    expect(end.reachesEnd).toBe(true);
    expect(end.count).toBeLessThanOrEqual(maxRenderedRows);
  });
});
