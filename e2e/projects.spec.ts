import type { Page } from '@playwright/test';
import { demoUser, expect, test } from './fixtures';
import { emulator, emulatorUrl, type LogEntry } from './support/emulator';
import { failOnDialogs, signInToMyWork } from './support/screens';
import { WorkfrontApi, type WireProject, type WireWorkItem } from './support/workfront-api';

const field = (page: Page, label: string) =>
  page
    .locator('dl.fields dt')
    .getByText(label, { exact: true })
    .locator('xpath=ancestor-or-self::dt/following-sibling::dd[1]');

const projectStatusLabels: Record<string, string> = {
  CUR: 'Current',
  PLN: 'Planning',
  CPL: 'Complete',
  DED: 'Dead',
  ONH: 'On hold',
};

const byName = (a: string, b: string) => a.localeCompare(b);

/** What Projects should list: the projects I own, and those holding `work`. */
async function expectedProjects(
  api: WorkfrontApi,
  work: readonly Pick<WireWorkItem, 'projectID'>[],
) {
  const owned = await api.get<WireProject[]>('proj/search', {
    ownerID: '$$USER.ID',
    fields: 'status,ownerID',
    $$LIMIT: 2000,
  });
  const workProjectIds = new Set(work.flatMap((item) => item.projectID ?? []));
  const all = await api.get<WireProject[]>('proj/search', { fields: 'status', $$LIMIT: 2000 });
  const withWork = all.filter((project) => workProjectIds.has(project.ID));
  const byId = new Map([...owned, ...withWork].map((project) => [project.ID, project]));
  return [...byId.values()];
}

test.describe('projects', () => {
  test('lists the projects I own or work on, and opens one with its tasks', async ({
    page,
    issuedTokens,
  }) => {
    const dialogs = failOnDialogs(page);
    await signInToMyWork(page);
    const api = new WorkfrontApi(issuedTokens);
    const projects = await expectedProjects(api, await api.myWork());

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects' })
      .click();
    await expect(page).toHaveURL('/projects');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projects');
    const links = page.getByRole('main').getByRole('listitem').getByRole('link');
    await expect(links).toHaveCount(projects.length);
    expect((await links.allTextContents()).sort(byName)).toEqual(
      projects.map((project) => project.name).sort(byName),
    );

    // The project whose name looks like script, when it is one of mine; else the first one.
    const project =
      projects.find((candidate) => candidate.name.includes('<script>')) ?? projects[0];
    if (!project) throw new Error('The demo user has no projects');
    await links.getByText(project.name, { exact: true }).click();

    await expect(page).toHaveURL(`/projects/${project.ID}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.name);
    await expect(field(page, 'Status')).toHaveText(
      projectStatusLabels[project.status] ?? project.status,
    );
    const tasks = await api.get<WireWorkItem[]>('task/search', {
      projectID: project.ID,
      fields: 'status',
      $$LIMIT: 2000,
    });
    const taskLinks = page
      .getByRole('region', { name: 'Tasks' })
      .getByRole('listitem')
      .getByRole('link');
    await expect(taskLinks).toHaveCount(tasks.length);
    expect((await taskLinks.allTextContents()).sort(byName)).toEqual(
      tasks.map((task) => task.name).sort(byName),
    );
    await expect(page.locator('main script')).toHaveCount(0);

    const [task] = tasks;
    if (task) {
      await taskLinks.getByText(task.name, { exact: true }).first().click();
      await expect(page).toHaveURL(`/work/task/${task.ID}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(task.name);
      await page.goBack();
    }
    await page.getByRole('link', { name: '← Projects' }).click();
    await expect(page).toHaveURL('/projects');
    expect(dialogs).toEqual([]);
  });

  test("names a task's custom status as Workfront labels it, as My work does", async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const api = new WorkfrontApi(issuedTokens);
    const projectIds = new Set(
      (await expectedProjects(api, await api.myWork())).map((project) => project.ID),
    );
    const custom = (
      await api.get<WireWorkItem[]>('task/search', {
        status: 'INP:A',
        fields: 'status,projectID',
        $$LIMIT: 2000,
      })
    ).find((task) => task.projectID !== null && projectIds.has(task.projectID));
    if (!custom?.projectID) throw new Error('The seed has no task awaiting approval in a project');
    const label = await api.statusLabel('task', 'INP:A');

    await page.goto(`/projects/${custom.projectID}`);
    const row = page
      .getByRole('region', { name: 'Tasks' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: custom.name, exact: true }) });
    await expect(row.first()).toContainText(label);
    await expect(page.getByRole('region', { name: 'Tasks' })).not.toContainText('INP:A');
  });
});

/** The `$$FIRST` of each work/myWork request of Projects: the ones that ask for projectID alone. */
const projectsPagesIn = (log: readonly LogEntry[]) =>
  log
    .map((entry) => new URL(entry.path, emulatorUrl))
    .filter(
      (url) =>
        url.pathname.endsWith('/work/myWork') && url.searchParams.get('fields') === 'projectID',
    )
    .map((url) => url.searchParams.get('$$FIRST'));

test.describe('projects when work/myWork does not page as asked', () => {
  for (const { paging, workItems } of [
    // Everything at once: 2,000 items fill the page exactly, so only the repeat of it stops.
    { paging: 'ignored', workItems: 2_000 },
    // Every page starts at the first item: the second page repeats the first.
    { paging: 'limit-only', workItems: 2_500 },
  ] as const) {
    test(`with myWorkPaging ${paging} and ${workItems} items, lists them after two pages`, async ({
      page,
      issuedTokens,
    }) => {
      await emulator.settings({ myWorkPaging: paging, workItems });
      await signInToMyWork(page);

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Projects' })
        .click();
      await expect(page).toHaveURL('/projects');
      await expect(page.getByRole('status', { name: 'Loading projects' })).toHaveCount(0, {
        timeout: 15_000,
      });
      const links = page.getByRole('main').getByRole('listitem').getByRole('link');
      await expect(links.first()).toBeVisible();
      // Read before the test's own work/myWork request below joins the log.
      expect(projectsPagesIn(await emulator.log())).toEqual(['0', '2000']);

      // What work/myWork answers the app's first request: all items when paging is ignored, the
      // first 2000 when $$FIRST is; either way all the app can learn.
      const api = new WorkfrontApi(issuedTokens);
      const work = await api.get<Pick<WireWorkItem, 'projectID'>[]>('work/myWork', {
        fields: 'projectID',
        $$LIMIT: 2000,
      });
      const projects = await expectedProjects(api, work);
      await expect(links).toHaveCount(projects.length);
      expect((await links.allTextContents()).sort(byName)).toEqual(
        projects.map((project) => project.name).sort(byName),
      );
    });
  }
});

test.describe('profile', () => {
  test('shows the signed-in user', async ({ page, issuedTokens }) => {
    await signInToMyWork(page);
    const me = await new WorkfrontApi(issuedTokens).me();

    await page.getByTestId('signed-in-user').click();
    await expect(page).toHaveURL('/me');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile');
    await expect(field(page, 'Name')).toHaveText(demoUser.name);
    await expect(field(page, 'Title')).toHaveText(me.title);
    await expect(field(page, 'Email')).toHaveText(demoUser.email);
    await expect(field(page, 'Workfront ID')).toHaveText(me.ID);
    expect(me.ID).toMatch(/^[0-9a-f]{32}$/);

    // A deep link works as well as the navigation.
    await page.reload();
    await expect(field(page, 'Name')).toHaveText(demoUser.name);
  });
});
