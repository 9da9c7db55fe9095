import type { Page } from '@playwright/test';
import { expect, expectNoTokenStored, test } from './fixtures';
import { serveConfigFor } from './support/app-config';
import { emulator } from './support/emulator';
import { itemCount, signInToMyWork, workRow } from './support/screens';
import { WorkfrontApi, type WireWorkItem } from './support/workfront-api';

/**
 * The main path, under each set of answers that Workfront leaves undocumented and that changes
 * what goes over the wire. Together they give every value of every such switch at least once.
 */
const variants: { name: string; settings: Record<string, unknown> }[] = [
  { name: 'the emulator defaults', settings: {} },
  {
    name: 'WORK objCode, paging ignored, boolean token errors, expires_in 0',
    settings: {
      myWorkObjCode: 'WORK',
      myWorkPaging: 'ignored',
      tokenErrorStyle: 'workfront-boolean',
      expiresInZero: true,
    },
  },
  {
    name: 'paging ignored, reason-phrase token errors, Bearer, no state echo, auth errors as 200',
    settings: {
      myWorkPaging: 'ignored',
      tokenErrorStyle: 'workfront',
      tokenType: 'Bearer',
      echoState: false,
      authErrorStatus: 200,
    },
  },
  {
    name: 'WORK objCode with paging honoured, refresh tokens only for offline_access',
    settings: { myWorkObjCode: 'WORK', refreshWithoutOfflineAccess: false },
  },
];

const field = (page: Page, label: string) =>
  page
    .locator('dl.fields dt')
    .getByText(label, { exact: true })
    .locator('xpath=ancestor-or-self::dt/following-sibling::dd[1]');

async function openFromMyWork(page: Page, item: WireWorkItem, kind: 'task' | 'issue') {
  await page.getByRole('searchbox', { name: 'Filter' }).fill(item.name);
  await workRow(page, item.name)
    .getByRole('link', { name: item.name, exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(`/work/${kind}/${item.ID}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
  await expect(field(page, 'Type')).toHaveText(kind === 'task' ? 'Task' : 'Issue');
}

async function changeStatus(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(field(page, 'Status')).toHaveText(label);
}

for (const variant of variants) {
  test(`main path with ${variant.name}`, async ({ page, issuedTokens }) => {
    await emulator.settings(variant.settings);
    await serveConfigFor(page, variant.settings);
    await signInToMyWork(page);
    const api = new WorkfrontApi(issuedTokens);
    const mine = (await api.myWork()).length;
    await expect(itemCount(page)).toHaveText(`${mine} of ${mine} items`);

    const task = (await api.myItemsOf('task')).find((item) => item.status === 'NEW');
    const issue = (await api.myItemsOf('issue')).find((item) => item.status === 'NEW');
    if (!task || !issue) throw new Error('The seed has no new task or no new issue of mine');

    await openFromMyWork(page, task, 'task');
    await changeStatus(page, 'In progress');
    expect(await api.workItem('task', task.ID)).toMatchObject({ status: 'INP' });

    await page.getByRole('link', { name: '← My work' }).click();
    await openFromMyWork(page, issue, 'issue');
    const statuses = page.getByRole('combobox', { name: 'Status' }).getByRole('option');
    await expect(statuses.filter({ hasText: 'Closed' })).toHaveCount(1);
    await expect(statuses.filter({ hasText: /^Complete$/ })).toHaveCount(0);
    await changeStatus(page, 'Closed');
    expect(await api.workItem('issue', issue.ID)).toMatchObject({ status: 'CLS' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
    const revokes = (await emulator.log()).filter(
      (entry) => entry.endpoint === 'revoke' && entry.method === 'POST',
    );
    expect(revokes.map((entry) => entry.status)).toEqual([200]);
    await expectNoTokenStored(page, issuedTokens);
  });
}
