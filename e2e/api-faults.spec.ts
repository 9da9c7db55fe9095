import type { Locator, Page } from '@playwright/test';
import { demoUser, expect, signIn, test, networkInReach } from './fixtures';
import { emulator, type Fault } from './support/emulator';
import {
  expectAfterRetries,
  itemCount,
  signInToMyWork,
  useDirectApiMode,
  workList,
  workRow,
} from './support/screens';
import { WorkfrontApi } from './support/workfront-api';
import { runClock } from './support/page-clock';

/**
 * Every way a Workfront call can fail ends in a message that says what happened and a Retry
 * that recovers once Workfront answers again: never a blank screen. TanStack Query retries a
 * failed query three times first; the page clock skips those waits.
 */

const errorPanel = (page: Page) => page.getByRole('alert');

/** Signs in with Workfront failing, and waits for My work's error; the screen stays usable. */
async function signInWhileFailing(page: Page, expectedMessage: string | RegExp) {
  await page.clock.install();
  await page.goto('/');
  await signIn(page);
  await expect(page).toHaveURL('/work');
  const panel = errorPanel(page).filter({ hasText: 'Your work could not be loaded.' });
  await expectAfterRetries(page, panel);
  await expect(panel).toContainText(expectedMessage);
  await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Filter' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return panel;
}

async function retryAndSeeMyWork(page: Page, panel: Locator) {
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(itemCount(page, '40 of 40 items')).toBeVisible();
  await expect(panel).toBeHidden();
}

const faults: { name: string; fault: Omit<Fault, 'target' | 'count'>; message: RegExp }[] = [
  {
    name: 'a 2xx response with an error envelope',
    fault: { status: 200, body: 'errorEnvelope' },
    message: /Workfront refused the request: An injected fault answered this request\./,
  },
  {
    name: 'a 500 with an error envelope',
    fault: { status: 500, body: 'errorEnvelope' },
    message: /Workfront refused the request: An injected fault answered this request\./,
  },
  {
    name: 'a 500 with a gateway’s HTML page',
    fault: { status: 500, body: 'html' },
    message: /HTTP 500/,
  },
  {
    // The app's proxy answers for the Workfront that hung up.
    name: 'a dropped connection behind the proxy',
    fault: { drop: true },
    message: /Workfront could not answer \(HTTP 502\)\./,
  },
  {
    name: 'a malformed body',
    fault: { status: 200, body: 'malformed' },
    message: /Workfront sent a response that is not JSON \(HTTP 200\)\./,
  },
];

test.describe('Workfront API faults', () => {
  // It edits the app's requests to Workfront (fixtures.ts, networkInReach).
  test.use(networkInReach);

  for (const { name, fault, message } of faults) {
    test(`${name} shows a message and a Retry that recovers`, async ({ page }) => {
      // Every API call fails until the faults are cleared.
      await emulator.fault({ target: 'api', count: 10_000, ...fault });
      const panel = await signInWhileFailing(page, message);

      await emulator.clearFaults();
      await retryAndSeeMyWork(page, panel);
    });
  }

  test('a dropped connection in direct mode shows a message and a Retry that recovers', async ({
    page,
  }) => {
    await emulator.settings({ apiCors: true });
    await useDirectApiMode(page);
    await emulator.fault({ target: 'api', count: 10_000, drop: true });
    const panel = await signInWhileFailing(page, 'Workfront could not be reached.');

    await emulator.clearFaults();
    await retryAndSeeMyWork(page, panel);
  });

  test('a $$LIMIT above 2000 shows Workfront’s message and a Retry that recovers', async ({
    page,
  }) => {
    // The app never asks for more than 2000; this test rewrites its requests to do so.
    let overLimit = true;
    await page.route('**/attask/api/*/work/myWork?*', async (route) => {
      if (!overLimit) return route.continue();
      const url = new URL(route.request().url());
      url.searchParams.set('$$LIMIT', '2001');
      return route.continue({ url: url.href });
    });
    const panel = await signInWhileFailing(
      page,
      'Workfront refused the request: The requested limit 2001 is greater than the maximum allowed limit of 2000',
    );
    const refused = (await emulator.log()).filter((entry) => entry.path.includes('work/myWork'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((entry) => entry.status === 422)).toBe(true);

    overLimit = false;
    await retryAndSeeMyWork(page, panel);
  });

  test('the concurrency cap shows Workfront’s message and a Retry that recovers', async ({
    page,
    issuedTokens,
  }) => {
    await page.clock.install();
    await signInToMyWork(page);
    const api = new WorkfrontApi(issuedTokens);
    const task = (await api.myWork()).find((item) => item.objCode === 'TASK');
    if (!task) throw new Error('The seed has no task');

    // Another client of the same user holds the only API thread Workfront allows.
    await emulator.settings({ maxConcurrentRequests: 1 });
    const otherClient = await api.holdThread(task);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects' })
      .click();
    const panel = errorPanel(page).filter({ hasText: 'Projects could not be loaded.' });
    await expectAfterRetries(page, panel);
    await expect(panel).toContainText(
      'Workfront refused the request: Too many concurrent API requests for this user: at most 1 may run at a time.',
    );
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();

    await otherClient.release();
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
    await expect(panel).toBeHidden();
  });
});

test.describe('Workfront API faults on the other screens', () => {
  const itemName = 'Review homepage hero copy';
  const openItem = async (page: Page) => {
    await page.getByRole('searchbox', { name: 'Filter' }).fill(itemName);
    await workRow(page, itemName).getByRole('link').click();
  };
  const screens: {
    name: string;
    /** Steps from My work while Workfront still answers. */
    reach?: (page: Page) => Promise<void>;
    /** The step that loads the screen while Workfront fails. */
    open: (page: Page) => Promise<void>;
    errors: string[];
    /** What the screen shows once it has loaded. */
    loaded: (page: Page) => Locator;
  }[] = [
    {
      name: 'a work item',
      open: openItem,
      errors: ['This task could not be loaded.', 'Updates could not be loaded.'],
      loaded: (page) => page.getByRole('heading', { level: 1, name: itemName }),
    },
    {
      name: 'Projects',
      open: (page) =>
        page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Projects' })
          .click(),
      errors: ['Projects could not be loaded.'],
      loaded: (page) => page.getByRole('main').getByRole('listitem').first(),
    },
    {
      name: 'a project',
      reach: async (page) => {
        await openItem(page);
        await expect(page.locator('dl.fields')).toBeVisible();
      },
      open: (page) => page.locator('dl.fields').getByRole('link').click(),
      errors: ['This project could not be loaded.', 'Tasks could not be loaded.'],
      loaded: (page) => page.getByRole('region', { name: 'Tasks' }).getByRole('listitem').first(),
    },
    {
      name: 'the profile',
      // The header already holds the user; a fresh page load asks Workfront again.
      open: async (page) => {
        await page.goto('/me');
      },
      errors: ['Your profile could not be loaded.'],
      loaded: (page) => page.getByRole('main').getByText(demoUser.email),
    },
  ];

  for (const screen of screens) {
    test(`${screen.name} shows a 2xx error envelope with a Retry that recovers`, async ({
      page,
    }) => {
      await page.clock.install();
      await signInToMyWork(page);
      await screen.reach?.(page);
      await emulator.fault({ target: 'api', count: 10_000, status: 200, body: 'errorEnvelope' });
      await screen.open(page);

      for (const error of screen.errors) {
        const panel = errorPanel(page).filter({ hasText: error });
        await expectAfterRetries(page, panel);
        await expect(panel).toContainText('Workfront refused the request:');
      }
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

      await emulator.clearFaults();
      for (const error of screen.errors) {
        await errorPanel(page)
          .filter({ hasText: error })
          .getByRole('button', { name: 'Retry' })
          .click();
      }
      await expect(screen.loaded(page)).toBeVisible();
      await expect(errorPanel(page)).toHaveCount(0);
    });
  }
});

test.describe('a failed refresh', () => {
  test('keeps My work on screen, says what failed, and its Retry asks Workfront again', async ({
    page,
  }) => {
    await page.clock.install();
    await signInToMyWork(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Projects' }).click();
    await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();

    // Back on My work once the cached list is stale (after 30 s), it shows while it is
    // refreshed, and the refresh fails.
    await runClock(page.context(), 31_000);
    await emulator.fault({ target: 'api', count: 10_000, status: 500, body: 'errorEnvelope' });
    await nav.getByRole('link', { name: 'My work' }).click();
    const panel = errorPanel(page);
    await expectAfterRetries(page, panel);
    await expect(panel).toContainText(
      'The latest version of your work could not be loaded. Workfront refused the request:',
    );
    await expect(itemCount(page, '40 of 40 items')).toBeVisible();
    await expect(workList(page).getByRole('link').first()).toBeVisible();

    await emulator.clearFaults();
    await emulator.clearLog();
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect(panel).toBeHidden();
    const refetched = (await emulator.log()).filter((entry) => entry.path.includes('work/myWork'));
    expect(refetched.map((entry) => entry.status)).toEqual([200]);
  });
});
