import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { demoUser, expect, test } from './fixtures';
import { emulator } from './support/emulator';
import {
  followHeaderLink,
  headerMenu,
  itemCount,
  openHeaderMenu,
  signInToMyWork,
  workList,
} from './support/screens';
import { WorkfrontApi } from './support/workfront-api';

/** Presses Tab until `target` has the focus, as a keyboard user would; fails after `max`. */
async function tabTo(page: Page, target: Locator, max = 30) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The focused element draws a clear outline that no ancestor clips. */
async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const focus = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    const width = parseFloat(style.outlineWidth);
    const offset = parseFloat(style.outlineOffset);
    const box = element.getBoundingClientRect();
    const ring = {
      top: box.top - offset - width,
      left: box.left - offset - width,
      bottom: box.bottom + offset + width,
      right: box.right + offset + width,
    };
    let clippedBy = '';
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflow === 'visible') continue;
      const clip = parent.getBoundingClientRect();
      if (
        ring.top < clip.top ||
        ring.left < clip.left ||
        ring.bottom > clip.bottom ||
        ring.right > clip.right
      ) {
        clippedBy = parent.className || parent.tagName;
        break;
      }
    }
    return { style: style.outlineStyle, width, clippedBy };
  });
  expect(focus.style, 'the focus outline is drawn').not.toBe('none');
  expect(focus.width, 'the focus outline is at least 2px wide').toBeGreaterThanOrEqual(2);
  expect(focus.clippedBy, 'no ancestor clips the focus outline').toBe('');
}

test.describe('keyboard', () => {
  test('signs in, moves through My work, opens an item and changes its status with the keyboard alone', async ({
    page,
    issuedTokens,
  }) => {
    await page.goto('/');
    const signIn = page.getByRole('button', { name: 'Sign in with Workfront' });
    await tabTo(page, signIn);
    await expectVisibleFocus(signIn);
    await page.keyboard.press('Enter');

    // Workfront's own sign-in and consent pages.
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(demoUser.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(demoUser.password);
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Allow' }));
    await page.keyboard.press('Enter');

    await expect(itemCount(page)).toBeVisible();
    const links = workList(page).getByRole('link');
    const first = links.first();
    await tabTo(page, first);
    await expectVisibleFocus(first);

    // Arrow keys move from row to row, over the group headings. (Two items may share a name.)
    const names = await links.allTextContents();
    await page.keyboard.press('ArrowDown');
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(links.nth(1)).toBeFocused();
    // End scrolls to the last row, beyond the rendered ones, and focuses it; Home comes back.
    await page.keyboard.press('End');
    const items = await new WorkfrontApi(issuedTokens).myWork();
    const last = items.at(-1);
    if (!last) throw new Error('My work is empty');
    await expect(page.locator(':focus')).toHaveText(last.name);
    await expect(page.locator(':focus')).toBeInViewport();
    await page.keyboard.press('Home');
    await expect(first).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(links.nth(1)).toBeFocused();

    // Enter opens the focused item.
    const chosen = items.find((item) => item.name === names[1]);
    if (!chosen) throw new Error('The focused row is not one of my items');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosen.name);

    const status = page.getByRole('combobox', { name: 'Status' });
    await tabTo(page, status);
    await expectVisibleFocus(status);
    const before = await status.inputValue();
    await page.keyboard.press(before === 'CPL' ? 'ArrowUp' : 'ArrowDown');
    const after = await status.inputValue();
    expect(after).not.toBe(before);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('spinbutton', { name: 'Percent complete' })).toBeFocused();
    await page.keyboard.press('Tab');
    const save = page.getByRole('button', { name: 'Save' });
    await expectVisibleFocus(save);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    const kind = chosen.objCode === 'TASK' ? 'task' : 'issue';
    expect((await new WorkfrontApi(issuedTokens).workItem(kind, chosen.ID)).status).toBe(after);
  });
});

const serious = ['serious', 'critical'];

async function expectNoSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  // The scan did look at colour contrast, the rule most likely to break in one scheme only.
  expect(results.passes.map((rule) => rule.id)).toContain('color-contrast');
  const violations = results.violations
    .filter((violation) => serious.includes(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(violations, `serious or critical axe violations on ${screen}`).toEqual([]);
}

const sizes = [
  { size: 'a desk', use: { viewport: { width: 1280, height: 800 } } },
  {
    size: 'a phone',
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
] as const;

for (const [colorScheme, { size, use }] of (['light', 'dark'] as const).flatMap((scheme) =>
  sizes.map((entry) => [scheme, entry] as const),
)) {
  test.describe(`axe, ${colorScheme} colour scheme, on ${size}`, () => {
    test.use(use);
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test('the landing page, My work, a work item, projects, a project and the profile', async ({
      page,
    }) => {
      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
      await expectNoSeriousViolations(page, 'the landing page');

      await signInToMyWork(page);
      await expect(workList(page)).toBeVisible();
      await expectNoSeriousViolations(page, 'My work');

      await workList(page).getByRole('link').first().click();
      await expect(page.getByRole('region', { name: 'Updates' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
      await expectNoSeriousViolations(page, 'a work item');

      if (size === 'a phone') {
        // The header's links are behind its Menu: open, it is checked too.
        await headerMenu(page).click();
        await expectNoSeriousViolations(page, 'the open menu');
      }
      await followHeaderLink(page, 'Projects');
      const projectLinks = page.getByRole('main').getByRole('listitem').getByRole('link');
      await expect(projectLinks.first()).toBeVisible();
      await expectNoSeriousViolations(page, 'Projects');

      await projectLinks.first().click();
      await expect(
        page.getByRole('region', { name: 'Tasks' }).getByRole('listitem').first(),
      ).toBeVisible();
      await expectNoSeriousViolations(page, 'a project');

      if (size === 'a phone') await headerMenu(page).click();
      await page.getByTestId('signed-in-user').click();
      await expect(page.getByText(demoUser.email)).toBeVisible();
      await expectNoSeriousViolations(page, 'the profile');
    });

    test('the session page with a check that needs action, and the signed-out page', async ({
      page,
    }) => {
      await signInToMyWork(page);
      await openHeaderMenu(page);
      await page.getByRole('link', { name: /^Session/ }).click();
      await expect(
        page.getByRole('list', { name: 'How signing in with PKCE works' }),
      ).toBeVisible();
      // A check with a row that needs action, drawn in the danger colour beside its words.
      await emulator.settings({ myWorkPaging: 'limit-only' });
      const check = page.getByRole('region', { name: 'Check this Workfront' });
      await check.getByRole('button', { name: 'Check this Workfront' }).click();
      await expect(
        check.getByRole('cell', { name: 'needs action', exact: true }).first(),
      ).toBeVisible({ timeout: 30_000 });
      await expectNoSeriousViolations(page, 'the session page');

      await openHeaderMenu(page);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('link', { name: 'Sign out of Workfront' })).toBeVisible();
      await expectNoSeriousViolations(page, 'the signed-out page');
    });
  });
}
