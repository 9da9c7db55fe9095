import { expect, signIn, test } from './fixtures';

test.describe('languages', () => {
  test('switches to Simplified Chinese and back, with dates formatted for each', async ({
    page,
  }) => {
    await page.goto('/');
    await signIn(page);
    await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
    // Dates past tomorrow are written out; nearer ones are words ("Due tomorrow").
    const firstDate = page
      .getByRole('listitem')
      .getByText(/^Due [A-Z]/)
      .first();
    await expect(firstDate).toHaveText(/^Due [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await expect(page.getByText(/^\d+ days? overdue$/).first()).toBeVisible();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '我的工作' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
    await expect(
      page
        .getByRole('listitem')
        .getByText(/^截止 /)
        .first(),
    ).toHaveText(/^截止 \d{4}年\d{1,2}月\d{1,2}日$/);
    await expect(page.getByText(/^逾期 \d+ 天$/).first()).toBeVisible();

    // The choice survives a reload.
    await page.reload();
    await expect(page.getByRole('heading', { name: '我的工作' })).toBeVisible();

    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('follows the browser language when the user has not chosen', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'America/Phoenix' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('button', { name: '使用 Workfront 登录' })).toBeVisible();
    await context.close();
  });
});
