import type { Page, Route } from '@playwright/test';
import { expect, expectNoTokenStored, test, type IssuedTokens, networkInReach } from './fixtures';
import { emulator } from './support/emulator';
import { signInToMyWork, workRow } from './support/screens';
import { WorkfrontApi } from './support/workfront-api';

// It watches or edits the app's requests to Workfront (fixtures.ts, networkInReach).
test.use(networkInReach);

/** The value next to a label in the detail's field list. */
const field = (page: Page, label: string) =>
  page
    .locator('dl.fields dt')
    .getByText(label, { exact: true })
    .locator('xpath=ancestor-or-self::dt/following-sibling::dd[1]');

const statusBox = (page: Page) => page.getByRole('combobox', { name: 'Status' });
const percentBox = (page: Page) => page.getByRole('spinbutton', { name: 'Percent complete' });
const restoredNote = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Your unsaved changes were restored.' });
const savedNote = (page: Page) => page.getByRole('status').filter({ hasText: 'Saved.' });

/** A new item of mine, opened from My work as a user would: filter by its name, follow it. */
async function openNewItem(page: Page, issued: IssuedTokens) {
  const api = new WorkfrontApi(issued);
  const item = (await api.myWork()).find((candidate) => candidate.status === 'NEW');
  if (!item) throw new Error('The seed has no new item');
  await page.getByRole('searchbox', { name: 'Filter' }).fill(item.name);
  await workRow(page, item.name)
    .getByRole('link', { name: item.name, exact: true })
    .first()
    .click();
  const kind = item.objCode === 'TASK' ? ('task' as const) : ('issue' as const);
  await expect(page).toHaveURL(`/work/${kind}/${item.ID}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
  return { api, item, kind };
}

/** What the user types: In progress, 30 %, not saved yet. */
async function typeChanges(page: Page) {
  await statusBox(page).selectOption({ label: 'In progress' });
  await percentBox(page).fill('30');
}

async function expectAsTyped(page: Page) {
  await expect(statusBox(page)).toHaveValue('INP');
  await expect(percentBox(page)).toHaveValue('30');
}

/** Workfront's own values, which the read-only fields show. */
async function expectSavedValues(page: Page, status: string, percent: string) {
  await expect(field(page, 'Status')).toHaveText(status);
  await expect(field(page, 'Complete')).toHaveText(percent);
}

/** The next `count` PUTs reach Workfront just after a one-shot 503 fault is set for them. */
async function failPuts(page: Page, count: number) {
  let left = count;
  await page.route('**/attask/api/**', async (route: Route) => {
    if (route.request().method() !== 'PUT' || left === 0) return route.continue();
    left -= 1;
    await emulator.fault({ target: 'api', count: 1, status: 503 });
    return route.continue();
  });
}

const putStatuses = async () =>
  (await emulator.log()).filter((entry) => entry.method === 'PUT').map((entry) => entry.status);

const sessionStorageOf = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(sessionStorage)));

/** The keys of the drafts kept in this tab. */
const draftKeys = async (page: Page) =>
  Object.keys(await sessionStorageOf(page)).filter((key) =>
    key.startsWith('workfront.workItemDraft:'),
  );

test.describe('the work item form keeps what the user typed', () => {
  test('a save that fails keeps what the user typed, and Retry saves it', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const { api, item, kind } = await openNewItem(page, issuedTokens);
    // The first attempt and the three retries all meet a 503.
    await failPuts(page, 4);

    await typeChanges(page);
    await page.getByRole('button', { name: 'Save' }).click();

    // While the retries wait 1, 2 and 4 seconds, the page says so; then the failure shows, a 503
    // as Workfront being unavailable, not as a refusal.
    await expect(
      page.getByRole('status').filter({ hasText: 'Workfront is slow to answer, trying again…' }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(
      'Your change was not saved. Workfront is unavailable just now. Try again in a moment.',
      { timeout: 15_000 },
    );
    await expectSavedValues(page, 'New', '0%');
    await expectAsTyped(page);
    expect(await putStatuses()).toEqual([503, 503, 503, 503]);

    await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();

    await expect(savedNote(page)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectSavedValues(page, 'In progress', '30%');
    await expectAsTyped(page);
    expect(await putStatuses()).toEqual([503, 503, 503, 503, 200]);
    expect(await api.workItem(kind, item.ID)).toMatchObject({ status: 'INP', percentComplete: 30 });
  });

  test('a save that fails once is sent again and saved, with no error shown', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const { api, item, kind } = await openNewItem(page, issuedTokens);
    await failPuts(page, 1);

    await typeChanges(page);
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(savedNote(page)).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectSavedValues(page, 'In progress', '30%');
    expect(await putStatuses()).toEqual([503, 200]);
    expect(await api.workItem(kind, item.ID)).toMatchObject({ status: 'INP', percentComplete: 30 });
  });

  test('a save Workfront refuses shows its values above, and leaves the form as typed to fix', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const { api, item, kind } = await openNewItem(page, issuedTokens);
    await page.route('**/attask/api/**', async (route: Route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      await emulator.fault({ target: 'api', count: 1, status: 422, body: 'errorEnvelope' });
      return route.continue();
    });

    await typeChanges(page);
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('alert')).toContainText(
      'Your change was not saved. Workfront refused the request: An injected fault answered this request.',
    );
    // A refusal comes back the same: it is not retried.
    expect(await putStatuses()).toEqual([422]);
    await expectSavedValues(page, 'New', '0%');
    await expectAsTyped(page);
    expect(await api.workItem(kind, item.ID)).toMatchObject({ status: 'NEW', percentComplete: 0 });

    await page.unroute('**/attask/api/**');
    await percentBox(page).fill('40');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(savedNote(page)).toBeVisible();
    await expectSavedValues(page, 'In progress', '40%');
  });

  test('a draft left when the session ends comes back after signing in again', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const { api, item, kind } = await openNewItem(page, issuedTokens);
    const me = await api.me();
    await typeChanges(page);

    // Workfront ends the session while the form is half filled; the save finds out.
    // Workfront revokes every grant: refresh tokens and the access tokens issued with them.
    await emulator.revokeSessions();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('heading', { name: 'Your Workfront session ended, sign in again' }),
    ).toBeVisible();
    await expect(page).toHaveURL(`/work/${kind}/${item.ID}`);
    // Kept in this tab under the user and the item: the typed values, no token.
    expect(await sessionStorageOf(page)).toMatchObject({
      [`workfront.workItemDraft:${me.ID}:${kind}:${item.ID}`]:
        '{"status":"INP","percentComplete":"30"}',
    });

    // Workfront still knows the browser, so signing in again is a bounce with no prompt.
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(`/work/${kind}/${item.ID}`);
    await expect(restoredNote(page)).toBeVisible();
    await expectAsTyped(page);
    await expectSavedValues(page, 'New', '0%');
    await expectNoTokenStored(page, issuedTokens);

    await page.getByRole('button', { name: 'Save' }).click();
    await expect(savedNote(page)).toBeVisible();
    await expect(restoredNote(page)).toHaveCount(0);
    await expectSavedValues(page, 'In progress', '30%');
    expect(await api.workItem(kind, item.ID)).toMatchObject({ status: 'INP', percentComplete: 30 });
    expect(await draftKeys(page)).toEqual([]);
  });

  test('a draft comes back after a reload, and Discard puts Workfront’s values back for good', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const { item, kind } = await openNewItem(page, issuedTokens);
    await typeChanges(page);
    await expect.poll(() => draftKeys(page)).toHaveLength(1);

    // A reload empties memory: the app bounces through Workfront and comes back here.
    await page.reload();
    await expect(page).toHaveURL(`/work/${kind}/${item.ID}`);
    await expect(restoredNote(page)).toBeVisible();
    await expectAsTyped(page);

    await restoredNote(page).getByRole('button', { name: 'Discard' }).click();
    await expect(restoredNote(page)).toHaveCount(0);
    await expect(statusBox(page)).toHaveValue('NEW');
    await expect(percentBox(page)).toHaveValue('0');
    await expect.poll(() => draftKeys(page)).toEqual([]);

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.name);
    await expect(statusBox(page)).toHaveValue('NEW');
    await expect(percentBox(page)).toHaveValue('0');
    await expect(restoredNote(page)).toHaveCount(0);
    expect(await putStatuses()).toEqual([]);
  });
});

test('a user’s own sign-out takes their unsaved draft with it', async ({ page, issuedTokens }) => {
  await signInToMyWork(page);
  await openNewItem(page, issuedTokens);
  await typeChanges(page);
  await expect.poll(() => draftKeys(page)).toHaveLength(1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Workfront' })).toBeVisible();
  expect(await draftKeys(page)).toEqual([]);
});
