import type { Locator, Page } from '@playwright/test';
import { expect, test, type IssuedTokens } from './fixtures';
import { emulator } from './support/emulator';
import { expectAfterRetries, openHeaderMenu, signInToMyWork } from './support/screens';
import { WorkfrontApi, type WireWorkItem } from './support/workfront-api';

/** The item page's Start and Done, on a desk and on a phone (by touch), in English and Chinese. */
const sizes = [
  { size: 'a desk', touch: false, use: { viewport: { width: 1280, height: 800 } } },
  {
    size: 'a phone',
    touch: true,
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
] as const;

/** What the user reads, in each language. */
const languages = [
  {
    language: 'en',
    start: 'Start',
    done: 'Done',
    saved: 'Saved.',
    back: '← My work',
    filter: 'Filter',
    list: 'My work',
    count: /^\d+ of \d+ items$/,
    statusField: 'Status',
    status: { NEW: 'New', INP: 'In progress', CPL: 'Complete', CLS: 'Closed' },
    slow: 'Workfront is slow to answer, trying again…',
    unavailable:
      'Your change was not saved. Workfront is unavailable just now. Try again in a moment.',
  },
  {
    language: 'zh-CN',
    start: '开始',
    done: '完成',
    saved: '已保存。',
    back: '← 我的工作',
    filter: '筛选',
    list: '我的工作',
    count: /^共 \d+ 项，显示 \d+ 项$/,
    statusField: '状态',
    status: { NEW: '新建', INP: '进行中', CPL: '已完成', CLS: '已关闭' },
    slow: 'Workfront 响应缓慢，正在重试…',
    unavailable: '您的更改未保存。Workfront 暂时不可用，请稍后再试。',
  },
] as const;

const kindOf = (item: WireWorkItem) => (item.objCode === 'OPTASK' ? 'issue' : 'task');

/** The value next to a label in the detail's field list. */
const field = (page: Page, label: string) =>
  page
    .locator('dl.fields dt')
    .getByText(label, { exact: true })
    .locator('xpath=ancestor-or-self::dt/following-sibling::dd[1]');

/** A new item of mine of this kind, as Workfront has it. */
async function newItemOf(issued: IssuedTokens, kind: 'task' | 'issue') {
  const api = new WorkfrontApi(issued);
  const item = (await api.myItemsOf(kind)).find((candidate) => candidate.status === 'NEW');
  if (!item) throw new Error(`The seed has no new ${kind} of mine`);
  return { api, item };
}

for (const { size, touch, use } of sizes) {
  for (const texts of languages) {
    test.describe(`Start and Done on ${size}, in ${texts.language}`, () => {
      test.use(use);

      /** A tap on a phone, a click on a desk. */
      const press = (locator: Locator) => (touch ? locator.tap() : locator.click());
      const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
      /** The item's link, by its ID: two items may have the same name. */
      const linkTo = (page: Page, item: WireWorkItem) =>
        page.locator(`a[href="/work/${kindOf(item)}/${item.ID}"]`);
      const myWork = (page: Page) => page.getByRole('list', { name: texts.list });
      const row = (page: Page, item: WireWorkItem) =>
        myWork(page)
          .getByRole('listitem')
          .filter({ has: linkTo(page, item) });

      /** Signs in, in the language, and opens a new item from My work, filtered by its name. */
      async function openNew(page: Page, issued: IssuedTokens, kind: 'task' | 'issue') {
        await signInToMyWork(page);
        const { api, item } = await newItemOf(issued, kind);
        if (texts.language !== 'en') {
          await openHeaderMenu(page);
          await page.getByRole('combobox', { name: 'Language' }).selectOption(texts.language);
        }
        await page.getByRole('searchbox', { name: texts.filter }).fill(item.name);
        await press(myWork(page).locator(linkTo(page, item)));
        await expect(page).toHaveURL(`/work/${kind}/${item.ID}`);
        await expect(field(page, texts.statusField)).toHaveText(texts.status.NEW);
        return { api, item };
      }

      /** My work, filtered by the item's name, lists others of that name, or none, but not this one. */
      async function expectOffMyWork(page: Page, item: WireWorkItem) {
        await expect(page.getByRole('status').filter({ hasText: texts.count })).toBeVisible();
        await expect(myWork(page).locator(linkTo(page, item))).toHaveCount(0);
      }

      async function backToMyWork(page: Page) {
        await press(page.getByRole('link', { name: texts.back }));
        await expect(page).toHaveURL(/\/work\?/);
      }

      test('a task: Start, then Done (CPL); My work shows it in progress, then done', async ({
        page,
        issuedTokens,
      }) => {
        const { api, item } = await openNew(page, issuedTokens, 'task');
        await expect(button(page, texts.start)).toBeVisible();

        await press(button(page, texts.start));
        await expect(page.getByRole('status').filter({ hasText: texts.saved })).toBeVisible();
        await expect(field(page, texts.statusField)).toHaveText(texts.status.INP);
        await expect(button(page, texts.start)).toHaveCount(0);
        expect((await api.workItem('task', item.ID)).status).toBe('INP');

        await backToMyWork(page);
        await expect(row(page, item)).toContainText(texts.status.INP);

        await press(myWork(page).locator(linkTo(page, item)));
        await press(button(page, texts.done));
        await expect(page.getByRole('status').filter({ hasText: texts.saved })).toBeVisible();
        await expect(field(page, texts.statusField)).toHaveText(texts.status.CPL);
        await expect(button(page, texts.done)).toHaveCount(0);
        await expect(button(page, texts.start)).toHaveCount(0);
        expect((await api.workItem('task', item.ID)).status).toBe('CPL');

        // Workfront takes finished work off My work.
        await backToMyWork(page);
        await expectOffMyWork(page, item);
      });

      test('an issue: a 503 keeps its status and says so; Done again closes it (CLS)', async ({
        page,
        issuedTokens,
      }) => {
        await page.clock.install();
        const { api, item } = await openNew(page, issuedTokens, 'issue');

        // The first try and the three retries of the save.
        await emulator.fault({ target: 'api', path: `/OPTASK/${item.ID}`, count: 4, status: 503 });
        await press(button(page, texts.done));
        await expect(page.getByRole('status').filter({ hasText: texts.slow })).toBeVisible();
        await expectAfterRetries(
          page,
          page.getByRole('alert').filter({ hasText: texts.unavailable }),
        );
        await expect(field(page, texts.statusField)).toHaveText(texts.status.NEW);
        expect((await api.workItem('issue', item.ID)).status).toBe('NEW');

        await press(button(page, texts.done));
        await expect(page.getByRole('status').filter({ hasText: texts.saved })).toBeVisible();
        await expect(field(page, texts.statusField)).toHaveText(texts.status.CLS);
        await expect(button(page, texts.done)).toHaveCount(0);
        await expect(page.getByRole('alert')).toHaveCount(0);
        expect((await api.workItem('issue', item.ID)).status).toBe('CLS');

        await backToMyWork(page);
        await expectOffMyWork(page, item);
      });
    });
  }
}
