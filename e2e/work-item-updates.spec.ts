import type { Page, Request } from '@playwright/test';
import { demoUser, expect, networkInReach, test, type IssuedTokens } from './fixtures';
import { emulator } from './support/emulator';
import { signInToMyWork, workList } from './support/screens';
import { WorkfrontApi } from './support/workfront-api';

/** Posting an update on a task or an issue (a NOTE), on a desk and on a phone. */
const sizes = [
  { size: 'a desk', use: { viewport: { width: 1280, height: 800 } } },
  {
    size: 'a phone',
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
] as const;

const updateBox = (page: Page) => page.getByRole('textbox', { name: 'Post an update' });
const postButton = (page: Page) => page.getByRole('button', { name: 'Post update' });
const updates = (page: Page) => page.getByRole('region', { name: 'Updates' }).getByRole('listitem');

/** Opens the first task or issue of My work, and waits for its updates. */
async function openFirst(page: Page, kind: 'task' | 'issue') {
  await workList(page).locator(`a[href^="/work/${kind}/"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/work/${kind}/[0-9a-f]{32}$`));
  await expect(postButton(page)).toBeVisible();
  // The updates loaded: a count taken while they load would be 0 whatever the item has.
  await expect(page.getByRole('status', { name: 'Loading updates' })).toHaveCount(0);
  return new URL(page.url()).pathname.split('/').at(-1) ?? '';
}

/** The texts of the notes Workfront keeps on the item, as its API lists them. */
async function noteTexts(issued: IssuedTokens, kind: 'task' | 'issue', id: string) {
  return (await new WorkfrontApi(issued).notesOf(kind, id)).map((note) => note.noteText);
}

for (const { size, use } of sizes) {
  test.describe(`posting an update on ${size}`, () => {
    test.use(use);

    for (const kind of ['task', 'issue'] as const) {
      test(`on a ${kind}: it shows at once, under my name, and Workfront keeps it`, async ({
        page,
        issuedTokens,
      }) => {
        await signInToMyWork(page);
        const id = await openFirst(page, kind);
        // A second's delay on the way, to see the update before Workfront has it.
        await emulator.fault({ target: 'api', path: '/note', count: 1, delayMs: 1_000 });
        await updateBox(page).fill(`Sent the ${kind} to legal`);
        await postButton(page).click();
        await expect(updates(page).first()).toContainText(`Sent the ${kind} to legal`);
        await expect(updates(page).first()).toContainText('Sending…');
        await expect(updates(page).first()).toContainText(demoUser.name);
        await expect(updateBox(page)).toHaveValue('');
        expect(await noteTexts(issuedTokens, kind, id)).toContain(`Sent the ${kind} to legal`);

        await page.reload();
        await expect(updates(page).first()).toContainText(`Sent the ${kind} to legal`);
      });
    }

    test('a post that fails takes the update out again and keeps the text to post again', async ({
      page,
      issuedTokens,
    }) => {
      await signInToMyWork(page);
      const id = await openFirst(page, 'task');
      const before = await updates(page).count();
      await emulator.fault({ target: 'api', path: '/note', count: 1, status: 503 });
      await updateBox(page).fill('Blocked on the legal review');
      await postButton(page).click();
      await expect(page.getByRole('alert')).toContainText('Your update was not posted.');
      await expect(updateBox(page)).toHaveValue('Blocked on the legal review');
      await expect(updates(page)).toHaveCount(before);

      await postButton(page).click();
      await expect(updates(page).first()).toContainText(demoUser.name);
      await expect(updates(page).first()).toContainText('Blocked on the legal review');
      await expect(updateBox(page)).toHaveValue('');
      await expect(page.getByRole('alert')).toHaveCount(0);
      const texts = await noteTexts(issuedTokens, 'task', id);
      expect(texts.filter((text) => text === 'Blocked on the legal review')).toHaveLength(1);
    });

    test("a post Workfront refuses says so, in Workfront's words, and keeps the text", async ({
      page,
    }) => {
      await signInToMyWork(page);
      await openFirst(page, 'issue');
      await emulator.fault({ target: 'api', path: '/note', count: 1, status: 422 });
      await updateBox(page).fill('Needs a decision');
      await postButton(page).click();
      await expect(page.getByRole('alert')).toContainText(
        /Your update was not posted\. Workfront refused the request: .+/,
      );
      await expect(updateBox(page)).toHaveValue('Needs a decision');
    });
  });
}

test('an update being written survives the session ending and the sign-in after it', async ({
  page,
  issuedTokens,
}) => {
  await signInToMyWork(page);
  const id = await openFirst(page, 'task');
  await updateBox(page).fill('Half a thought');
  await emulator.revokeSessions();
  await postButton(page).click();
  await expect(
    page.getByRole('heading', { name: 'Your Workfront session ended, sign in again' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(`/work/task/${id}`);
  await expect(updateBox(page)).toHaveValue('Half a thought');
  await postButton(page).click();
  await expect(updates(page).first()).toContainText('Half a thought');
  expect(await noteTexts(issuedTokens, 'task', id)).toContain('Half a thought');
});

test.describe('a post that lands after the user left the item', () => {
  // It holds the app's request to Workfront (fixtures.ts, networkInReach).
  test.use(networkInReach);

  /**
   * Holds the app's update posts until `answer()`, then lets them reach Workfront, or cuts them
   * off as a lost connection would; `posted()` waits for the next one's response.
   */
  async function holdNotePosts(page: Page, outcome: 'lands' | 'fails' = 'lands') {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const isPost = (request: Request) =>
      request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/note');
    const posted = () => page.waitForResponse((response) => isPost(response.request()));
    await page.route('**/attask/api/**', async (route) => {
      if (!isPost(route.request())) return route.continue();
      await answered;
      return outcome === 'lands' ? route.continue() : route.abort('connectionfailed');
    });
    return { answer, posted };
  }

  test('is not in the box on coming back, and is posted once', async ({ page, issuedTokens }) => {
    await signInToMyWork(page);
    const id = await openFirst(page, 'task');
    const { answer, posted } = await holdNotePosts(page);
    const response = posted();
    await updateBox(page).fill('Signed off by legal');
    await postButton(page).click();
    await expect(page.getByRole('button', { name: 'Posting…' })).toBeDisabled();

    await page.getByRole('link', { name: '← My work' }).click();
    await expect(workList(page)).toBeVisible();
    answer();
    expect((await response).ok()).toBe(true);

    await workList(page).locator(`a[href="/work/task/${id}"]`).first().click();
    await expect(updates(page).first()).toContainText('Signed off by legal');
    await expect(updateBox(page)).toHaveValue('');
    const texts = await noteTexts(issuedTokens, 'task', id);
    expect(texts.filter((text) => text === 'Signed off by legal')).toHaveLength(1);
  });

  test('cannot be posted again on coming back while it is on its way, and leaves the box when it lands', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const id = await openFirst(page, 'task');
    const { answer } = await holdNotePosts(page);
    await updateBox(page).fill('Approved by finance');
    await postButton(page).click();
    await page.getByRole('link', { name: '← My work' }).click();
    await workList(page).locator(`a[href="/work/task/${id}"]`).first().click();

    // Back on the item, the post still on its way: its text is kept, and cannot go twice.
    await expect(updateBox(page)).toHaveValue('Approved by finance');
    await expect(page.getByRole('button', { name: 'Posting…' })).toBeDisabled();
    answer();
    await expect(updateBox(page)).toHaveValue('');
    await expect(postButton(page)).toBeEnabled();
    const texts = await noteTexts(issuedTokens, 'task', id);
    expect(texts.filter((text) => text === 'Approved by finance')).toHaveLength(1);
  });

  test('that fails says so on coming back, and keeps the text to post again', async ({
    page,
    issuedTokens,
  }) => {
    await signInToMyWork(page);
    const id = await openFirst(page, 'task');
    const { answer } = await holdNotePosts(page, 'fails');
    await updateBox(page).fill('Needs a second look');
    await postButton(page).click();
    await page.getByRole('link', { name: '← My work' }).click();
    await workList(page).locator(`a[href="/work/task/${id}"]`).first().click();
    await expect(page.getByRole('button', { name: 'Posting…' })).toBeDisabled();

    answer();
    await expect(page.getByRole('alert')).toContainText('Your update was not posted.');
    await expect(updateBox(page)).toHaveValue('Needs a second look');
    await expect(postButton(page)).toBeEnabled();
    expect(await noteTexts(issuedTokens, 'task', id)).not.toContain('Needs a second look');
  });
});

test('in Chinese, the forms say 状态和进度 and 发布更新', async ({ page }) => {
  await signInToMyWork(page);
  await openFirst(page, 'task');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '状态和进度' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '发布更新' })).toBeVisible();
});
