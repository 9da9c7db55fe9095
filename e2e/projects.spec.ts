import type { Page } from '@playwright/test';
import { demoUser, expect, test } from './fixtures';
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

/** What Projects should list: the projects I own, and those holding work assigned to me. */
async function expectedProjects(api: WorkfrontApi) {
  const owned = await api.get<WireProject[]>('proj/search', {
    ownerID: '$$USER.ID',
    fields: 'status,ownerID',
    $$LIMIT: 2000,
  });
  const workProjectIds = new Set((await api.myWork()).flatMap((item) => item.projectID ?? []));
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
    const projects = await expectedProjects(api);

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
