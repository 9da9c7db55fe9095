import type { Page } from '@playwright/test';
import { expect, test, type IssuedTokens } from './fixtures';
import { emulator, type EmulatorSettings } from './support/emulator';
import { itemCount, signInToMyWork, workList } from './support/screens';
import { WorkfrontApi } from './support/workfront-api';

/**
 * A task's status, by the form and by Done, and an update posted, under each setting of the
 * emulator's switches that change what goes over the wire: how `work/myWork` names its items and
 * pages them (the list the item is opened from, and refreshed after a save), and the shape of the
 * token endpoint's errors (the session that ends during a save, and the sign-in after it). The
 * defaults (`TASK_OPTASK`, `honoured`, `rfc6749`) run once.
 */
const wires: { name: string; settings: Partial<EmulatorSettings> }[] = [
  { name: 'the defaults (TASK_OPTASK, honoured, rfc6749)', settings: {} },
  { name: 'myWorkObjCode WORK', settings: { myWorkObjCode: 'WORK' } },
  // More items than one page of 2000, so that paging is in play.
  { name: 'myWorkPaging ignored', settings: { myWorkPaging: 'ignored', workItems: 2_100 } },
  { name: 'myWorkPaging limit-only', settings: { myWorkPaging: 'limit-only', workItems: 2_100 } },
  { name: 'tokenErrorStyle workfront', settings: { tokenErrorStyle: 'workfront' } },
  { name: 'tokenErrorStyle workfront-boolean', settings: { tokenErrorStyle: 'workfront-boolean' } },
];

/** The value next to a label in the detail's field list. */
const field = (page: Page, label: string) =>
  page
    .locator('dl.fields dt')
    .getByText(label, { exact: true })
    .locator('xpath=ancestor-or-self::dt/following-sibling::dd[1]');

const statusBox = (page: Page) => page.getByRole('combobox', { name: 'Status' });
const updateBox = (page: Page) => page.getByRole('textbox', { name: 'Post an update' });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Saved.' });

/** A new task of mine; through its own object code when `work/myWork` names every item WORK. */
async function newTask(issued: IssuedTokens) {
  const api = new WorkfrontApi(issued);
  const mine = await api.myWork();
  const tasks = mine.some((item) => item.objCode === 'WORK')
    ? await api.myItemsOf('task')
    : mine.filter((item) => item.objCode === 'TASK');
  const task = tasks.find((item) => item.status === 'NEW');
  if (!task) throw new Error('The seed has no new task of mine');
  return { api, task };
}

for (const { name, settings } of wires) {
  test(`${name}: status by the form and by Done, and an update, across a session end`, async ({
    page,
    issuedTokens,
  }) => {
    await emulator.settings(settings);
    await signInToMyWork(page);
    const { api, task } = await newTask(issuedTokens);
    // By its ID: two items may have the same name.
    const link = workList(page).locator(`a[href="/work/task/${task.ID}"]`);
    await page.getByRole('searchbox', { name: 'Filter' }).fill(task.name);
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(task.name);

    await statusBox(page).selectOption({ label: 'In progress' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(saved(page)).toBeVisible();
    await expect(field(page, 'Status')).toHaveText('In progress');

    // The session ends while the update is written and Done is on its way.
    await updateBox(page).fill('Handed over to QA');
    await emulator.revokeSessions();
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(
      page.getByRole('heading', { name: 'Your Workfront session ended, sign in again' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(`/work/task/${task.ID}`);
    await expect(page.getByText('Your unsaved changes were restored.')).toBeVisible();
    await expect(statusBox(page)).toHaveValue('CPL');
    await expect(updateBox(page)).toHaveValue('Handed over to QA');

    await page.getByRole('button', { name: 'Save' }).click();
    await expect(saved(page)).toBeVisible();
    await expect(field(page, 'Status')).toHaveText('Complete');
    await page.getByRole('button', { name: 'Post update' }).click();
    await expect(updateBox(page)).toHaveValue('');
    const updates = page.getByRole('region', { name: 'Updates' }).getByRole('listitem');
    await expect(updates.first()).toContainText('Handed over to QA');
    await expect(updates.first()).not.toContainText('Sending…');

    expect((await api.workItem('task', task.ID)).status).toBe('CPL');
    const notes = (await api.notesOf('task', task.ID)).map((note) => note.noteText);
    expect(notes.filter((text) => text === 'Handed over to QA')).toHaveLength(1);

    // Workfront takes finished work off My work, and the list shows it when the user goes back.
    await page.getByRole('link', { name: '← My work' }).click();
    await page.getByRole('searchbox', { name: 'Filter' }).fill(task.name);
    await expect(itemCount(page)).toBeVisible();
    await expect(link).toHaveCount(0);
  });
}
