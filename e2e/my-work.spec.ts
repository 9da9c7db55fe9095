import type { Locator } from '@playwright/test';
import { expect, signIn, test, networkInReach } from './fixtures';
import {
  failOnDialogs,
  itemCount,
  signInToMyWork,
  startOnAMonday,
  workList,
  workRow,
} from './support/screens';
import { WorkfrontApi } from './support/workfront-api';

/**
 * The seed gives the demo user's items due dates in a cycle of ten: overdue, today, this week,
 * later, none, this week, later, overdue, later, today. The first seven have awkward names.
 */
const featured = {
  overdue: 'Review homepage hero copy',
  today: '<img src=x onerror=alert(1)>',
  thisWeek: 'Übersetzung prüfen: Größe & Maße',
  later: '准备第三季度报告 (Prepare the Q3 report)',
  noDate: 'Fix footer text "</script><script>alert(\'task\')</script>"',
  longName:
    'Coordinate the cross-functional review of the localisation, accessibility, legal and ' +
    'brand-compliance findings for every market-specific landing page before the regional ' +
    'go-live sign-off meeting',
  markup: '🚀 Launch-day war room & <b>go/no-go</b> call',
};

const statusLabels: Record<string, string> = { NEW: 'New', INP: 'In progress', CPL: 'Complete' };
const priorityLabels = ['None', 'Low', 'Normal', 'High', 'Urgent'];
const dateFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeZone: 'America/Phoenix',
});
/** Workfront's `2026-03-24T11:00:00:000-0700` as a Date. */
const wireDate = (text: string) =>
  new Date(text.replace(/:(\d{3})([+-]\d{2})(\d{2})$/, '.$1$2:$3'));

test.describe('My work, grouped by due date', () => {
  // Tall enough that the virtual list renders all 30 rows at once.
  test.use({ viewport: { width: 1280, height: 2800 } });

  test('groups my items into overdue, today, this week, later and no date', async ({ page }) => {
    await startOnAMonday(page, 30);
    await signInToMyWork(page);
    await expect(itemCount(page)).toHaveText('30 of 30 items');

    const headings = workList(page).getByRole('heading', { level: 2 });
    // Ten items per cycle: 2 overdue, 2 today, 2 this week, 3 later, 1 without a date.
    await expect(headings).toHaveText([
      'Overdue (6)',
      'Today (6)',
      'This week (6)',
      'Later (9)',
      'No date (3)',
    ]);

    // Each item sits below its own group's heading and above the next one.
    const indexOf = async (row: Locator) => Number(await row.getAttribute('data-index'));
    const groupStarts = await Promise.all(
      (
        await workList(page)
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading') })
          .all()
      ).map(indexOf),
    );
    const groupOf = (index: number) => groupStarts.filter((start) => start < index).length - 1;
    const expectedGroups: [string, number][] = [
      [featured.overdue, 0],
      [featured.today, 1],
      [featured.thisWeek, 2],
      [featured.later, 3],
      [featured.noDate, 4],
    ];
    for (const [name, group] of expectedGroups) {
      expect(groupOf(await indexOf(workRow(page, name))), name).toBe(group);
    }
  });
});

test('signing in lands on My work without moving what is on the screen (CLS)', async ({ page }) => {
  // Chromium's layout-shift entries, as Lighthouse sums them; a shift right after input is not one.
  await page.addInitScript(() => {
    const shifts: number[] = [];
    Object.assign(window, { layoutShifts: shifts });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[]) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await signInToMyWork(page);
  await expect(page.getByTestId('signed-in-user')).not.toHaveText('Profile');
  const shifts = await page.evaluate(
    () => (window as unknown as { layoutShifts: number[] }).layoutShifts,
  );
  // The callback's "Signing in…" giving way to My work once moved #main by its 10vh margin: 0.05.
  expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.01);
});

test.describe('My work', () => {
  // It edits the app's requests to Workfront (fixtures.ts, networkInReach).
  test.use(networkInReach);

  test('shows the status, percent complete, kind, project, priority and due date of an item', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const items = await new WorkfrontApi(issuedTokens).myWork();
    await expect(itemCount(page)).toHaveText(`${items.length} of ${items.length} items`);

    const item = items.find((candidate) => candidate.name === featured.overdue);
    if (!item?.project || !item.plannedCompletionDate) throw new Error('The seed has changed');
    const row = workRow(page, item.name);
    for (const text of [
      statusLabels[item.status] ?? item.status,
      `${item.percentComplete}%`,
      item.objCode === 'TASK' ? 'Task' : 'Issue',
      item.project.name,
      `Priority: ${priorityLabels[item.priority] ?? item.priority}`,
    ]) {
      await expect(row.getByText(text, { exact: true })).toBeVisible();
    }
    // Overdue, so in words; the date itself is the words' title.
    await expect(
      row.getByTitle(dateFormat.format(wireDate(item.plannedCompletionDate))),
    ).toHaveText(/^\d+ days? overdue$/);

    await row.getByRole('link', { name: item.name }).click();
    await expect(page).toHaveURL(`/work/task/${item.ID}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
  });

  test('filters by name or project, and by status', async ({ page, issuedTokens }) => {
    await signInToMyWork(page);
    const api = new WorkfrontApi(issuedTokens);
    const items = await api.myWork();
    const filter = page.getByRole('searchbox', { name: 'Filter' });
    const status = page.getByRole('combobox', { name: 'Status' });

    await filter.fill('übersetzung');
    await expect(itemCount(page)).toHaveText(`1 of ${items.length} items`);
    await expect(workList(page).getByRole('link')).toHaveText([featured.thisWeek]);

    // The text matches project names too.
    const project = items.find((item) => item.project)?.project;
    if (!project) throw new Error('The seed has changed');
    const inProject = items.filter(
      (item) =>
        item.project?.name.toLowerCase().includes(project.name.toLowerCase()) ||
        item.name.toLowerCase().includes(project.name.toLowerCase()),
    );
    await filter.fill(project.name);
    await expect(itemCount(page)).toHaveText(`${inProject.length} of ${items.length} items`);

    // A custom status, under the label Workfront's metadata gives it.
    await filter.clear();
    const customLabel = await api.statusLabel('task', 'INP:A');
    await status.selectOption({ label: customLabel });
    const custom = items.filter((item) => item.status === 'INP:A');
    expect(custom.length).toBeGreaterThan(0);
    await expect(itemCount(page)).toHaveText(`${custom.length} of ${items.length} items`);
    for (const row of await workList(page).getByRole('listitem').all()) {
      if ((await row.getByRole('heading').count()) === 0)
        await expect(row).toContainText(customLabel);
    }

    // Both filters at once.
    const newAndReview = items.filter(
      (item) => item.status === 'NEW' && item.name.toLowerCase().includes('review'),
    );
    await status.selectOption({ label: 'New' });
    await filter.fill('review');
    await expect(itemCount(page)).toHaveText(`${newAndReview.length} of ${items.length} items`);
  });

  test('says when nothing matches the filter, and clears it', async ({ page, issuedTokens }) => {
    await signInToMyWork(page);
    const total = (await new WorkfrontApi(issuedTokens).myWork()).length;
    const filter = page.getByRole('searchbox', { name: 'Filter' });

    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'New' });
    await filter.fill('no such work anywhere');
    await expect(page.getByText('No work matches this filter.')).toBeVisible();
    await expect(itemCount(page)).toHaveText(`0 of ${total} items`);
    await expect(workList(page)).toBeHidden();

    await page.getByRole('link', { name: 'Clear the filter' }).click();
    await expect(filter).toHaveValue('');
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('');
    await expect(itemCount(page)).toHaveText(`${total} of ${total} items`);
    await expect(workRow(page, featured.overdue)).toBeVisible();
  });

  test('shows names that look like HTML or script, and Unicode, as text', async ({ page }) => {
    const dialogs = failOnDialogs(page);
    await signInToMyWork(page);

    const filter = page.getByRole('searchbox', { name: 'Filter' });
    for (const name of Object.values(featured)) {
      await filter.fill(name.slice(0, 12));
      await expect(workRow(page, name)).toBeVisible();
      await expect(workList(page).locator('img, b, script')).toHaveCount(0);
    }
    await filter.fill('Partner Portal');
    const projectName = '</script><script>alert("project")</script> Partner Portal';
    await expect(workList(page).getByText(projectName, { exact: true }).first()).toBeVisible();
    await expect(page.locator('main script, main img, main b')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('keeps the layout still when the list arrives', async ({ page }) => {
    // Hold My work's request so that the loading state can be measured.
    let releaseMyWork: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      releaseMyWork = resolve;
    });
    await page.route('**/attask/api/*/work/myWork?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    await signIn(page);

    const skeleton = page.getByRole('status', { name: 'Loading your work' });
    await expect(itemCount(page, 'Loading your work…')).toBeVisible();
    await expect(skeleton).toBeVisible();
    const top = async (locator: Locator) => (await locator.boundingBox())?.y;
    const filterTop = await top(page.getByRole('searchbox', { name: 'Filter' }));
    const countTop = await top(itemCount(page, 'Loading your work…'));
    const skeletonTop = await top(skeleton);

    releaseMyWork();
    await expect(itemCount(page)).toBeVisible();
    expect(await top(page.getByRole('searchbox', { name: 'Filter' }))).toBe(filterTop);
    expect(await top(itemCount(page))).toBe(countTop);
    // The list takes the skeleton's place.
    expect(await top(workList(page))).toBe(skeletonTop);
  });
});
