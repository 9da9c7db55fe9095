import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorConfig } from '../config/test/emulator-config';
import { AppConfigContext } from '../config/config-context';
import { I18nProvider } from '../i18n/i18n-context';
import {
  apiBase,
  createFakeSession,
  setupWorkfrontServer,
  wfId,
  workfrontError,
} from '../workfront/test/test-support';
import { createWorkfrontClient, WorkfrontProvider } from '../workfront';
import { draftStorageKey, noteDraftKey } from './work-item-draft';
import { WorkItemPage } from './work-item-page';

const server = setupWorkfrontServer();
const taskId = wfId(0xa, 1);
const userId = wfId(0xc, 1);
const draftKey = draftStorageKey({ userId, kind: 'task', id: taskId });

/** What the emulated Workfront holds for the task. */
let saved = { status: 'NEW', percentComplete: 0 };
/** The `updates` of every PUT, in order. */
let puts: unknown[] = [];
/** How the next PUTs are answered; once empty, they succeed. */
let putFailures: (() => Response)[] = [];

const wireTask = () => ({
  ID: taskId,
  objCode: 'TASK',
  name: 'Write the launch plan',
  ...saved,
  priority: 2,
  plannedCompletionDate: '2026-03-24T17:00:00:000+0400',
  project: null,
  description: null,
  plannedStartDate: null,
  projectedCompletionDate: null,
  lastUpdateDate: null,
  assignedTo: null,
});

beforeEach(() => {
  saved = { status: 'NEW', percentComplete: 0 };
  puts = [];
  putFailures = [];
  server.use(
    http.get(`${apiBase}/TASK/metadata`, () =>
      HttpResponse.json({
        data: {
          fields: {
            status: {
              possibleValues: [
                { value: 'NEW', label: 'New' },
                { value: 'INP', label: 'In Progress' },
                { value: 'CPL', label: 'Complete' },
              ],
            },
          },
        },
      }),
    ),
    http.get(`${apiBase}/TASK/:id`, () => HttpResponse.json({ data: wireTask() })),
    http.put(`${apiBase}/TASK/:id`, ({ request }) => {
      const updates: unknown = JSON.parse(new URL(request.url).searchParams.get('updates') ?? '');
      puts.push(updates);
      const failure = putFailures.shift();
      if (failure) return failure();
      saved = { ...saved, ...(updates as Partial<typeof saved>) };
      return HttpResponse.json({ data: wireTask() });
    }),
    http.get(`${apiBase}/note/search`, () => HttpResponse.json({ data: [] })),
    http.get(`${apiBase}/user/search`, () =>
      HttpResponse.json({
        data: [{ ID: userId, name: 'Dana Demo', emailAddr: 'demo@example.com', title: null }],
      }),
    ),
  );
});

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

/** The page as a fresh page load shows it: nothing cached, whatever the tab's storage holds. */
function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const workfront = createWorkfrontClient(apiBase, createFakeSession());
  const router = createMemoryRouter(
    [
      { path: '/work/:kind/:id', element: <WorkItemPage /> },
      { path: '/work', element: <p>My work</p> },
    ],
    { initialEntries: [`/work/task/${taskId}`] },
  );
  render(
    <I18nProvider>
      <AppConfigContext value={emulatorConfig}>
        <QueryClientProvider client={queryClient}>
          <WorkfrontProvider client={workfront}>
            <RouterProvider router={router} />
          </WorkfrontProvider>
        </QueryClientProvider>
      </AppConfigContext>
    </I18nProvider>,
  );
  return { user: userEvent.setup(), router, queryClient };
}

/** The read-only value next to a label in the item's fields. */
const field = (label: string) =>
  screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
const statusBox = () => screen.findByRole('combobox', { name: 'Status' });
const percentBox = () => screen.findByRole('spinbutton', { name: 'Percent complete' });

async function type(user: ReturnType<typeof userEvent.setup>, status: string, percent: string) {
  await user.selectOptions(await statusBox(), status);
  await user.clear(await percentBox());
  await user.type(await percentBox(), percent);
}

describe('the update form', () => {
  it('keeps what the user typed when Workfront refuses it, and Retry sends it again', async () => {
    putFailures = [
      () =>
        HttpResponse.json(
          workfrontError('com.attask.common.InvalidParameterException', 'Invalid status'),
          { status: 422 },
        ),
    ];
    const { user } = renderPage();
    await type(user, 'INP', '30');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Your change was not saved. Workfront refused the request: Invalid statusRetry',
    );
    // A refusal is not retried: one PUT. Workfront's values above, the user's in the form.
    expect(puts).toHaveLength(1);
    expect(field('Status')).toBe('New');
    expect(field('Complete')).toBe('0%');
    expect(await statusBox()).toHaveProperty('value', 'INP');
    expect(await percentBox()).toHaveProperty('value', '30');

    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(puts).toEqual([
      { status: 'INP', percentComplete: 30 },
      { status: 'INP', percentComplete: 30 },
    ]);
    expect(field('Status')).toBe('In progress');
    expect(field('Complete')).toBe('30%');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(sessionStorage.getItem(draftKey)).toBeNull();
  });

  it('retries a failure that may pass next time, without the user seeing it', async () => {
    putFailures = [() => new HttpResponse('<h1>503 Service Unavailable</h1>', { status: 503 })];
    const { user } = renderPage();
    await type(user, 'CPL', '100');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved.', {}, { timeout: 4_000 })).toBeTruthy();
    expect(puts).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(saved).toEqual({ status: 'CPL', percentComplete: 100 });
  });

  it('keeps a draft for this user and item, with no token, while it differs from the item', async () => {
    const { user } = renderPage();
    await type(user, 'INP', '30');

    await waitFor(() => {
      expect(sessionStorage.getItem(draftKey)).toBe('{"status":"INP","percentComplete":"30"}');
    });
    expect(JSON.stringify(Object.entries(sessionStorage))).not.toContain('token-');

    // Back to the item's own values: nothing is left to keep.
    await user.selectOptions(await statusBox(), 'NEW');
    await user.clear(await percentBox());
    await user.type(await percentBox(), '0');
    await waitFor(() => {
      expect(sessionStorage.getItem(draftKey)).toBeNull();
    });
  });

  it('brings a draft back when the page comes back, as after the session ended', async () => {
    const first = renderPage();
    await type(first.user, 'INP', '30');
    await waitFor(() => {
      expect(sessionStorage.getItem(draftKey)).not.toBeNull();
    });
    // The session-ended screen replaces the page; signing in again loads it afresh.
    cleanup();

    const { user } = renderPage();
    expect(await screen.findByText('Your unsaved changes were restored.')).toBeTruthy();
    expect(await statusBox()).toHaveProperty('value', 'INP');
    expect(await percentBox()).toHaveProperty('value', '30');
    expect(field('Status')).toBe('New');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(saved).toEqual({ status: 'INP', percentComplete: 30 });
    expect(screen.queryByText('Your unsaved changes were restored.')).toBeNull();
    expect(sessionStorage.getItem(draftKey)).toBeNull();
  });

  it('Discard puts the saved values back and forgets the draft', async () => {
    sessionStorage.setItem(draftKey, '{"status":"CPL","percentComplete":"100"}');
    const { user } = renderPage();
    expect(await statusBox()).toHaveProperty('value', 'CPL');

    await user.click(await screen.findByRole('button', { name: 'Discard' }));

    expect(await statusBox()).toHaveProperty('value', 'NEW');
    expect(await percentBox()).toHaveProperty('value', '0');
    expect(screen.queryByText('Your unsaved changes were restored.')).toBeNull();
    expect(sessionStorage.getItem(draftKey)).toBeNull();
    expect(puts).toEqual([]);
  });

  it("shows neither another user's draft nor one the item already matches", async () => {
    const someoneElse = draftStorageKey({ userId: wfId(0xc, 2), kind: 'task', id: taskId });
    sessionStorage.setItem(someoneElse, '{"status":"CPL"}');
    sessionStorage.setItem(draftKey, '{"status":"NEW","percentComplete":"0"}');
    renderPage();

    expect(await statusBox()).toHaveProperty('value', 'NEW');
    expect(await percentBox()).toHaveProperty('value', '0');
    expect(screen.queryByText('Your unsaved changes were restored.')).toBeNull();
    await waitFor(() => {
      expect(sessionStorage.getItem(draftKey)).toBeNull();
    });
    expect(sessionStorage.getItem(someoneElse)).toBe('{"status":"CPL"}');
  });
});

describe('Start and Done', () => {
  const oneTap = (name: 'Start' | 'Done') => screen.findByRole('button', { name });

  it('start a new task, then finish it Complete, one PUT of the status each', async () => {
    const { user } = renderPage();
    await user.click(await oneTap('Start'));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(field('Status')).toBe('In progress');
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();

    await user.click(await oneTap('Done'));
    await waitFor(() => {
      expect(field('Status')).toBe('Complete');
    });
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Done' })).toBeNull();
    expect(puts).toEqual([{ status: 'INP' }, { status: 'CPL' }]);
    expect(sessionStorage.getItem(draftKey)).toBeNull();
  });

  it('keep the status in the tab while it is being saved, as a chosen one is', async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      http.put(`${apiBase}/TASK/:id`, async () => {
        await answered;
        saved = { ...saved, status: 'CPL' };
        return HttpResponse.json({ data: wireTask() });
      }),
    );
    const { user } = renderPage();
    await user.click(await oneTap('Done'));

    await waitFor(() => {
      expect(sessionStorage.getItem(draftKey)).toBe('{"status":"CPL"}');
    });
    answer();
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(sessionStorage.getItem(draftKey)).toBeNull();
  });

  it('keep the status in the form and the draft when the save fails, to retry', async () => {
    putFailures = [
      () =>
        HttpResponse.json(workfrontError('com.attask.common.InvalidParameterException', 'No'), {
          status: 422,
        }),
    ];
    const { user } = renderPage();
    await user.click(await oneTap('Done'));

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Your change was not saved. Workfront refused the request: NoRetry',
    );
    expect(field('Status')).toBe('New');
    expect(await statusBox()).toHaveProperty('value', 'CPL');
    await waitFor(() => {
      expect(sessionStorage.getItem(draftKey)).toBe('{"status":"CPL"}');
    });

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(saved.status).toBe('CPL');
  });
});

describe('the update box', () => {
  const noteKey = noteDraftKey({ userId, kind: 'task', id: taskId });
  const updateBox = () => screen.findByRole('textbox', { name: 'Post an update' });

  /** Holds each POST of a note until `answer()`; `posts` are their texts. */
  function holdPosts() {
    const posts: string[] = [];
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      http.post(`${apiBase}/note`, async ({ request }) => {
        const noteText = new URLSearchParams(await request.text()).get('noteText') ?? '';
        posts.push(noteText);
        await answered;
        return HttpResponse.json({
          data: {
            ID: wfId(0xd, 1),
            noteText,
            entryDate: '2026-03-24T11:00:00:000-0700',
            owner: { ID: userId, name: 'Dana Demo' },
          },
        });
      }),
    );
    return { posts, answer };
  }

  /**
   * Posts what is in the box, writes on (`typedAfter`), leaves the page while the post is on its
   * way, lets it land, and comes back.
   */
  async function postLeaveAndComeBack(page: ReturnType<typeof renderPage>, typedAfter = '') {
    const held = holdPosts();
    const { user, router, queryClient } = page;
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    await waitFor(() => {
      expect(held.posts).toHaveLength(1);
    });
    if (typedAfter) await user.type(await updateBox(), typedAfter);
    await act(() => router.navigate('/work'));
    expect(await screen.findByText('My work')).toBeTruthy();
    held.answer();
    await waitFor(() => {
      expect(queryClient.isMutating()).toBe(0);
    });
    await act(() => router.navigate(`/work/task/${taskId}`));
    return held.posts;
  }

  it('is empty on coming back after a post that landed while the page was gone', async () => {
    const page = renderPage();
    await page.user.type(await updateBox(), 'Sent to legal');
    const posts = await postLeaveAndComeBack(page);

    expect(await updateBox()).toHaveProperty('value', '');
    expect(sessionStorage.getItem(noteKey)).toBeNull();
    expect(posts).toEqual(['Sent to legal']);
  });

  it('keeps what was written after the post, on coming back', async () => {
    const page = renderPage();
    await page.user.type(await updateBox(), 'Sent to legal');
    const posts = await postLeaveAndComeBack(page, ', and to finance');

    expect(await updateBox()).toHaveProperty('value', 'Sent to legal, and to finance');
    expect(sessionStorage.getItem(noteKey)).toBe('Sent to legal, and to finance');
    expect(posts).toEqual(['Sent to legal']);
  });
});
