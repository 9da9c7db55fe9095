import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  followHeaderLink,
  headerMenu,
  signInToMyWork,
  startOnAMonday,
  workRow,
} from './support/screens';

/** Finding one's way: what each page is called, where focus goes, and the header on a phone. */
const desk = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const overdueTask = 'Review homepage hero copy';
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const mainNavigation = (page: Page, name = 'Main') => page.getByRole('navigation', { name });

/** The focused element is this one. */
async function expectFocused(locator: Locator) {
  await expect(locator).toBeFocused();
}

/** What Chromium tells a screen reader of the control named `name`: its role and expanded state. */
async function accessibleState(page: Page, name: string) {
  const session = await page.context().newCDPSession(page);
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as {
    nodes: {
      name?: { value?: string };
      role?: { value?: string };
      properties?: { name: string; value: { value?: unknown } }[];
    }[];
  };
  await session.detach();
  const node = nodes.find((candidate) => candidate.name?.value === name);
  const expanded = node?.properties?.find((property) => property.name === 'expanded');
  return { role: node?.role?.value, expanded: expanded?.value.value };
}

for (const [size, use] of [
  ['a desk', desk],
  ['a phone', phone],
] as const) {
  test.describe(`on ${size}`, () => {
    test.use(use);

    test('each page names itself in the tab, and a navigation moves focus to its heading', async ({
      page,
    }) => {
      await startOnAMonday(page, 30);
      await signInToMyWork(page);
      await expect(page).toHaveTitle('My work · Workfront');

      await workRow(page, overdueTask).getByRole('link').click();
      await expect(page).toHaveTitle(`${overdueTask} · My work · Workfront`);
      await expectFocused(heading(page));
      await expect(heading(page)).toHaveText(overdueTask);

      await page.getByRole('link', { name: '← My work' }).click();
      await expect(page).toHaveTitle('My work · Workfront');
      await expectFocused(heading(page));
      // The filter changes the address, not the page: focus stays in the box as one types.
      const filter = page.getByRole('searchbox', { name: 'Filter' });
      await filter.fill('hero');
      await filter.press('End');
      await filter.pressSequentially(' copy');
      await expectFocused(filter);
      await expect(filter).toHaveValue('hero copy');

      await followHeaderLink(page, 'Projects');
      await expect(page).toHaveTitle('Projects · Workfront');
      await expectFocused(heading(page));
      const project = page.getByRole('main').getByRole('listitem').getByRole('link').first();
      const projectName = await project.textContent();
      await project.click();
      await expect(page).toHaveTitle(`${projectName} · Projects · Workfront`);
      await expectFocused(heading(page));
      await expect(heading(page)).toHaveText(projectName ?? '');
    });

    test('the titles are in Chinese too', async ({ page }) => {
      await signInToMyWork(page);
      if (size === 'a phone') await headerMenu(page).tap();
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      await expect(page).toHaveTitle('我的工作 · Workfront');
      // On a phone the menu stays open after the choice of language, at its links.
      const projects = mainNavigation(page, '主导航').getByRole('link', { name: '项目' });
      if (size === 'a phone') await projects.tap();
      else await projects.click();
      await expect(page).toHaveTitle('项目 · Workfront');
      await expectFocused(heading(page));
    });

    test("a project's details wrap, each whole, rather than being cut off", async ({ page }) => {
      await signInToMyWork(page);
      await page.goto('/projects');
      const rows = page.getByRole('main').getByRole('listitem');
      await expect(rows.first()).toBeVisible();
      for (const row of await rows.all()) {
        const rowBox = await row.boundingBox();
        for (const detail of await row.locator('.work-row-meta > span').all()) {
          const box = await detail.boundingBox();
          if (!rowBox || !box) throw new Error('not on screen');
          expect(box.x + box.width).toBeLessThanOrEqual(rowBox.x + rowBox.width + 0.5);
          // Whole: a detail that fits on a line is never broken across two.
          expect(box.height).toBeLessThan(30);
        }
      }
    });
  });
}

test.describe('the header on a phone', () => {
  test.use(phone);

  test('is one row, the rest behind a Menu disclosure that a new page closes', async ({ page }) => {
    await signInToMyWork(page);
    const header = page.getByRole('banner');
    const box = await header.boundingBox();
    expect(box?.height).toBeLessThan(64);
    await expect(mainNavigation(page)).toBeHidden();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();

    await headerMenu(page).tap();
    await expect(mainNavigation(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Language' })).toBeVisible();
    await mainNavigation(page).getByRole('link', { name: 'Projects' }).tap();
    await expect(heading(page)).toHaveText('Projects');
    await expect(mainNavigation(page)).toBeHidden();
    expect((await header.boundingBox())?.height).toBeLessThan(64);
  });

  test('opens and closes from the keyboard, and reads as expanded or collapsed', async ({
    page,
  }) => {
    await signInToMyWork(page);
    const summary = headerMenu(page);
    await summary.focus();
    expect(await accessibleState(page, 'Menu')).toEqual({
      role: 'DisclosureTriangle',
      expanded: false,
    });
    await page.keyboard.press('Enter');
    await expect(mainNavigation(page)).toBeVisible();
    expect(await accessibleState(page, 'Menu')).toEqual({
      role: 'DisclosureTriangle',
      expanded: true,
    });
    await page.keyboard.press('Tab');
    await expectFocused(mainNavigation(page).getByRole('link', { name: 'My work' }));
    await summary.focus();
    await page.keyboard.press('Space');
    await expect(mainNavigation(page)).toBeHidden();
  });

  test('lets the first item of My work start high on the screen', async ({ page }) => {
    await startOnAMonday(page, 30);
    await signInToMyWork(page);
    const first = page.getByRole('list', { name: 'My work' }).getByRole('listitem').first();
    const box = await first.boundingBox();
    // It started at 495 px with a three-row header.
    expect(box?.y).toBeLessThan(420);
  });
});

test.describe('the header on a desk', () => {
  test.use(desk);

  test('shows its links in one row, with no Menu', async ({ page }) => {
    await signInToMyWork(page);
    await expect(headerMenu(page)).toBeHidden();
    await expect(mainNavigation(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect((await page.getByRole('banner').boundingBox())?.height).toBeLessThan(64);
  });
});

test.describe('the header while the page loads', () => {
  test.use(desk);

  test('the session badge arrives without moving Sign out, the account or the language', async ({
    page,
  }) => {
    // The badge's code loads apart from the page's: hold it until the rest of the header is drawn.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/assets/session-badge-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await signInToMyWork(page);
    const account = page.getByTestId('signed-in-user');
    const controls = [
      account,
      page.getByRole('button', { name: 'Sign out' }),
      page.getByRole('combobox', { name: 'Language' }),
    ];
    await expect(account).toHaveText('Dana Demo');
    const before = await Promise.all(controls.map((control) => control.boundingBox()));
    const badge = page.getByRole('link', { name: /Open the flow inspector/ });
    await expect(badge).toHaveCount(0);

    release();
    await expect(badge).toBeVisible();
    const after = await Promise.all(controls.map((control) => control.boundingBox()));
    expect(after).toEqual(before);
  });
});
