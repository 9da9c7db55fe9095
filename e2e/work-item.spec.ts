import type { Page, Route } from '@playwright/test';
import { expect, test, type IssuedTokens, networkInReach } from './fixtures';
import { emulator } from './support/emulator';
import { signInToMyWork, workRow } from './support/screens';
import { WorkfrontApi, type WireWorkItem } from './support/workfront-api';

/** The app's words for Workfront's system statuses; custom ones show Workfront's own label. */
const statusLabels: Record<string, string> = {
  NEW: 'New',
  INP: 'In progress',
  CPL: 'Complete',
  AWF: 'Awaiting feedback',
  ONH: 'On hold',
  ROP: 'Reopened',
  CND: 'Cannot duplicate',
  WTR: 'Won’t resolve',
  RLV: 'Resolved',
  VCP: 'Verified complete',
  CLS: 'Closed',
};
const priorityLabels = ['None', 'Low', 'Normal', 'High', 'Urgent'];

/** The value next to a label in the detail's field list. */
const field = (page: Page, label: string) =>
  page
    .locator('dl.fields dt')
    .getByText(label, { exact: true })
    .locator('xpath=ancestor-or-self::dt/following-sibling::dd[1]');

/** Opens an item from My work, as a user would: filter by its name, then follow the link. */
async function openFromMyWork(page: Page, item: WireWorkItem) {
  await page.getByRole('searchbox', { name: 'Filter' }).fill(item.name);
  await workRow(page, item.name)
    .getByRole('link', { name: item.name, exact: true })
    .first()
    .click();
  const kind = item.objCode === 'TASK' ? 'task' : 'issue';
  await expect(page).toHaveURL(`/work/${kind}/${item.ID}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
}

/** The first of my items of this kind that has a project and updates, with those updates. */
async function itemWithUpdates(issued: IssuedTokens, objCode: WireWorkItem['objCode']) {
  const api = new WorkfrontApi(issued);
  const kind = objCode === 'TASK' ? 'task' : 'issue';
  for (const item of await api.myWork()) {
    if (item.objCode !== objCode || !item.project) continue;
    const notes = await api.notesOf(kind, item.ID);
    if (notes.length > 0) return { item, project: item.project, notes };
  }
  throw new Error(`The seed has no ${kind} with a project and updates`);
}

test.describe('work item detail', () => {
  // It edits the app's requests to Workfront (fixtures.ts, networkInReach).
  test.use(networkInReach);

  for (const objCode of ['TASK', 'OPTASK'] as const) {
    const noun = objCode === 'TASK' ? 'Task' : 'Issue';

    test(`shows ${objCode === 'TASK' ? 'a task' : 'an issue'}'s fields, its project and its updates`, async ({
      page,
      issuedTokens,
    }) => {
      await signInToMyWork(page);
      const { item, project, notes } = await itemWithUpdates(issuedTokens, objCode);
      await openFromMyWork(page, item);

      await expect(field(page, 'Type')).toHaveText(noun);
      const kind = objCode === 'TASK' ? 'task' : 'issue';
      await expect(field(page, 'Status')).toHaveText(
        statusLabels[item.status] ??
          (await new WorkfrontApi(issuedTokens).statusLabel(kind, item.status)),
      );
      await expect(field(page, 'Complete')).toHaveText(`${item.percentComplete}%`);
      await expect(field(page, 'Priority')).toHaveText(priorityLabels[item.priority] ?? '');
      await expect(field(page, 'Assigned to')).toHaveText('Dana Demo');

      const updates = page.getByRole('region', { name: 'Updates' }).getByRole('listitem');
      await expect(updates).toHaveCount(notes.length);
      for (const note of notes) {
        await expect(updates.filter({ hasText: note.noteText })).toContainText(
          note.owner?.name ?? 'Someone',
        );
      }

      await field(page, 'Project').getByRole('link', { name: project.name }).click();
      await expect(page).toHaveURL(`/projects/${project.ID}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.name);
    });
  }

  test('saves a new status and percent complete, which My work and a reload show', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const api = new WorkfrontApi(issuedTokens);
    const item = (await api.myWork()).find((candidate) => candidate.status === 'NEW');
    if (!item) throw new Error('The seed has no new item');
    await openFromMyWork(page, item);
    const kind = item.objCode === 'TASK' ? 'task' : 'issue';

    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'In progress' });
    await page.getByRole('spinbutton', { name: 'Percent complete' }).fill('30');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await expect(field(page, 'Status')).toHaveText('In progress');
    await expect(field(page, 'Complete')).toHaveText('30%');
    expect(await api.workItem(kind, item.ID)).toMatchObject({
      status: 'INP',
      percentComplete: 30,
    });

    // My work shows the change without a reload.
    await page.getByRole('link', { name: '← My work' }).click();
    await page.getByRole('searchbox', { name: 'Filter' }).fill(item.name);
    await expect(workRow(page, item.name).first()).toContainText('In progress');
    await expect(workRow(page, item.name).first()).toContainText('30%');

    await page.goto(`/work/${kind}/${item.ID}`);
    await expect(field(page, 'Status')).toHaveText('In progress');
    await expect(field(page, 'Complete')).toHaveText('30%');
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('INP');
  });

  test('shows a refused update at once, then Workfront’s values, with the form kept as typed', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const api = new WorkfrontApi(issuedTokens);
    const item = (await api.myItemsOf('task')).find((candidate) => candidate.status === 'NEW');
    if (!item) throw new Error('The seed has no new task');
    await openFromMyWork(page, item);
    const kind = item.objCode === 'TASK' ? 'task' : 'issue';

    // Hold the update in the browser until the optimistic state is checked; then Workfront
    // refuses it with its error envelope.
    let sendUpdate: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => {
      sendUpdate = resolve;
    });
    await page.route('**/attask/api/**', async (route: Route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      await sent;
      await emulator.fault({ target: 'api', count: 1, status: 422, body: 'errorEnvelope' });
      return route.continue();
    });

    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Complete' });
    await page.getByRole('spinbutton', { name: 'Percent complete' }).fill('100');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('button', { name: 'Saving…' })).toBeDisabled();
    await expect(field(page, 'Status')).toHaveText('Complete');
    await expect(field(page, 'Complete')).toHaveText('100%');

    sendUpdate();
    await expect(page.getByRole('alert')).toContainText(
      'Your change was not saved. Workfront refused the request: An injected fault answered this request.',
    );
    await expect(field(page, 'Status')).toHaveText('New');
    await expect(field(page, 'Complete')).toHaveText('0%');
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('CPL');
    await expect(page.getByRole('spinbutton', { name: 'Percent complete' })).toHaveValue('100');
    await expect(page.getByRole('button', { name: 'Save' })).toBeEnabled();
    expect(await api.workItem(kind, item.ID)).toMatchObject({ status: 'NEW', percentComplete: 0 });
    const refused = (await emulator.log()).filter((entry) => entry.method === 'PUT');
    expect(refused.map((entry) => entry.status)).toEqual([422]);
  });
});
