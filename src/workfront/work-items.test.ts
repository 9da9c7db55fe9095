import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workfrontKeys } from './query-keys';
import {
  apiBase,
  createFakeSession,
  setupWorkfrontServer,
  wfId,
  workfrontError,
} from './test/test-support';
import {
  myWorkQuery,
  nextPageOffset,
  pageSize,
  uniqueItems,
  updateWorkItem,
  updateWorkItemMutation,
  workItemNotesQuery,
  workItemQuery,
  type WorkItem,
} from './work-items';
import { createWorkfrontClient } from './workfront-client';
import { WorkfrontApiError } from './workfront-errors';

const server = setupWorkfrontServer();
const client = createWorkfrontClient(apiBase, createFakeSession());
let queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
afterEach(() => {
  queryClient.clear();
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});

const taskId = wfId(0xa, 1);
const projectId = wfId(0xb, 1);

function wireTask(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ID: wfId(0xa, n),
    objCode: 'TASK',
    name: `Task ${n}`,
    status: 'INP',
    percentComplete: 40,
    priority: 2,
    plannedCompletionDate: '2026-03-24T17:00:00:000+0400',
    project: { ID: projectId, name: 'Launch', objCode: 'PROJ' },
    ...overrides,
  };
}

const wireDetail = (overrides: Record<string, unknown> = {}) =>
  wireTask(1, {
    description: '<script>alert(1)</script>',
    plannedStartDate: '2026-03-01T09:00:00:000+0000',
    projectedCompletionDate: null,
    lastUpdateDate: '2026-03-20T12:30:00:000-0500',
    assignedTo: { ID: wfId(0xc, 1), name: 'Zoë Ünal' },
    ...overrides,
  });

async function malformedError(promise: Promise<unknown>): Promise<WorkfrontApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WorkfrontApiError);
  expect((error as WorkfrontApiError).kind).toBe('malformed');
  return error as WorkfrontApiError;
}

/** Serves `work/myWork` from `items`, honouring `$$FIRST` and `$$LIMIT`, and records each URL. */
function serveMyWork(items: Record<string, unknown>[]) {
  const urls: URL[] = [];
  server.use(
    http.get(`${apiBase}/work/myWork`, ({ request }) => {
      const url = new URL(request.url);
      urls.push(url);
      const first = Number(url.searchParams.get('$$FIRST') ?? 0);
      const limit = Number(url.searchParams.get('$$LIMIT') ?? 100);
      return HttpResponse.json({ data: items.slice(first, first + limit) });
    }),
  );
  return urls;
}

describe('myWorkQuery', () => {
  it("asks work/myWork for the list fields, due first, from offset 0 in pages of Workfront's 2000", async () => {
    const urls = serveMyWork([wireTask(1)]);

    await queryClient.infiniteQuery(myWorkQuery(client));

    expect(urls).toHaveLength(1);
    const params = urls[0]?.searchParams;
    expect(params?.get('fields')).toBe(
      'status,percentComplete,priority,plannedCompletionDate,project:name',
    );
    expect(params?.get('plannedCompletionDate_Sort')).toBe('asc');
    expect(params?.get('$$FIRST')).toBe('0');
    expect(params?.get('$$LIMIT')).toBe('2000');
    expect(pageSize).toBe(2000);
  });

  it('reads tasks and issues into work items', async () => {
    serveMyWork([
      wireTask(1),
      wireTask(2, {
        objCode: 'OPTASK',
        name: 'Ünïcödé <b>issue</b>',
        status: 'INP:A',
        percentComplete: 12.5,
        priority: null,
        plannedCompletionDate: null,
        project: null,
      }),
      wireTask(3, { priority: undefined }),
    ]);

    const result = await queryClient.infiniteQuery(myWorkQuery(client));

    expect(result).toEqual<WorkItem[]>([
      {
        id: taskId,
        kind: 'task',
        name: 'Task 1',
        status: 'INP',
        percentComplete: 40,
        priority: 2,
        dueDate: new Date('2026-03-24T13:00:00.000Z'),
        project: { id: projectId, name: 'Launch' },
      },
      {
        id: wfId(0xa, 2),
        kind: 'issue',
        name: 'Ünïcödé <b>issue</b>',
        status: 'INP:A',
        percentComplete: 12.5,
        priority: 0,
        dueDate: null,
        project: null,
      },
      expect.objectContaining({ id: wfId(0xa, 3), priority: 0 }) as WorkItem,
    ]);
  });

  it('pages with $$FIRST until a page comes back shorter than 2000', async () => {
    const items = Array.from({ length: 4500 }, (_, index) => wireTask(index + 1));
    const urls = serveMyWork(items);

    const result = await queryClient.infiniteQuery({ ...myWorkQuery(client), pages: 10 });

    expect(urls.map((url) => url.searchParams.get('$$FIRST'))).toEqual(['0', '2000', '4000']);
    const cached = queryClient.getQueryData<{ pages: WorkItem[][]; pageParams: number[] }>(
      workfrontKeys.myWork(),
    );
    expect(cached?.pages.map((page) => page.length)).toEqual([2000, 2000, 500]);
    expect(cached?.pageParams).toEqual([0, 2000, 4000]);
    expect(result.map((item) => item.id)).toEqual(items.map((item) => item.ID as string));
  });

  describe('when Workfront ignores $$FIRST and $$LIMIT', () => {
    /** Every request gets the whole list, whatever it asks for. */
    function serveEverything(items: Record<string, unknown>[]) {
      const urls: URL[] = [];
      server.use(
        http.get(`${apiBase}/work/myWork`, ({ request }) => {
          urls.push(new URL(request.url));
          return HttpResponse.json({ data: items });
        }),
      );
      return urls;
    }

    it('stops at an answer longer than asked, with every item once', async () => {
      const items = Array.from({ length: 10_000 }, (_, index) => wireTask(index + 1));
      const urls = serveEverything(items);

      const result = await queryClient.infiniteQuery({ ...myWorkQuery(client), pages: 60 });

      expect(urls).toHaveLength(1);
      expect(result).toHaveLength(10_000);
    });

    it('stops at a page that repeats the one before, and shows it once', async () => {
      const items = Array.from({ length: pageSize }, (_, index) => wireTask(index + 1));
      const urls = serveEverything(items);

      const result = await queryClient.infiniteQuery({ ...myWorkQuery(client), pages: 60 });

      expect(urls.map((url) => url.searchParams.get('$$FIRST'))).toEqual(['0', '2000']);
      expect(result.map((item) => item.id)).toEqual(items.map((item) => item.ID as string));
    });
  });

  describe('when work/myWork names every item WORK', () => {
    it('tells the issues from the tasks with one search of OPTASK by ID, in a POST body', async () => {
      serveMyWork([
        wireTask(1, { objCode: 'WORK' }),
        wireTask(2, { objCode: 'WORK' }),
        wireTask(3, { objCode: 'WORK' }),
      ]);
      const searches: URLSearchParams[] = [];
      server.use(
        http.post(`${apiBase}/optask/search`, async ({ request }) => {
          const body = new URLSearchParams(await request.text());
          searches.push(body);
          return HttpResponse.json({ data: [{ ID: wfId(0xa, 2), objCode: 'OPTASK' }] });
        }),
      );

      const result = await queryClient.infiniteQuery(myWorkQuery(client));

      expect(result.map((item) => item.kind)).toEqual(['task', 'issue', 'task']);
      expect(searches).toHaveLength(1);
      expect(Object.fromEntries(searches[0] ?? [])).toEqual({
        method: 'GET',
        ID: [1, 2, 3].map((n) => wfId(0xa, n)).join(','),
        ID_Mod: 'in',
        fields: 'ID',
        $$LIMIT: '3',
      });
    });

    it('asks nothing more when Workfront names the kinds', async () => {
      serveMyWork([wireTask(1), wireTask(2, { objCode: 'OPTASK' })]);
      const result = await queryClient.infiniteQuery(myWorkQuery(client));
      expect(result.map((item) => item.kind)).toEqual(['task', 'issue']);
    });
  });

  it('uses the my-work query key', () => {
    expect(myWorkQuery(client).queryKey).toEqual(workfrontKeys.myWork());
  });

  it.each([
    ['a missing name', wireTask(2, { name: undefined }), '1.name'],
    ['a numeric name', wireTask(2, { name: 42 }), '1.name'],
    ['a null status', wireTask(2, { status: null }), '1.status'],
    ['an empty status', wireTask(2, { status: '' }), '1.status: is empty'],
    ['a string percentComplete', wireTask(2, { percentComplete: '40' }), '1.percentComplete'],
    ['a percentComplete over 100', wireTask(2, { percentComplete: 140 }), '1.percentComplete'],
    [
      'an ISO date',
      wireTask(2, { plannedCompletionDate: '2026-03-24T17:00:00.000Z' }),
      '1.plannedCompletionDate: is not a Workfront date',
    ],
    [
      'an impossible date',
      wireTask(2, { plannedCompletionDate: '2026-02-30T10:00:00:000+0000' }),
      '1.plannedCompletionDate: is not a Workfront date',
    ],
    ['an unknown objCode', wireTask(2, { objCode: 'PROJ' }), '1.objCode'],
    ['an empty ID', wireTask(2, { ID: '' }), '1.ID: is empty'],
    ['a project without ID', wireTask(2, { project: { name: 'Launch' } }), '1.project.ID'],
  ])('refuses an item with %s, naming the field', async (_name, bad, field) => {
    serveMyWork([wireTask(1), bad]);

    const error = await malformedError(queryClient.infiniteQuery(myWorkQuery(client)));

    expect(error.message).toContain('Workfront sent a work list that this app cannot read (');
    expect(error.message).toContain(`(${field}`);
  });

  it.each([
    ['an object', { ID: taskId }],
    ['null', null],
    ['a null item', [null]],
  ])('refuses data that is %s instead of a list of items', async (_name, data) => {
    server.use(http.get(`${apiBase}/work/myWork`, () => HttpResponse.json({ data })));
    const error = await malformedError(queryClient.infiniteQuery(myWorkQuery(client)));
    expect(error.message).toMatch(/^Workfront sent a work list that this app cannot read/);
  });

  it('passes the abort signal of the query to the request', async () => {
    let seenSignal: AbortSignal | undefined;
    const spyClient = {
      get: (_path: string, _params?: unknown, signal?: AbortSignal) => {
        seenSignal = signal;
        return Promise.resolve([]);
      },
      getByPost: () => Promise.resolve([]),
      put: () => Promise.resolve(null),
    };

    await queryClient.infiniteQuery(myWorkQuery(spyClient));

    expect(seenSignal).toBeInstanceOf(AbortSignal);
  });
});

describe('workItemQuery', () => {
  it.each([
    ['task', 'TASK'],
    ['issue', 'OPTASK'],
  ] as const)(
    'asks for a %s by its object code and ID with the detail fields',
    async (kind, obj) => {
      let url: URL | undefined;
      server.use(
        http.get(`${apiBase}/${obj}/${taskId}`, ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json({ data: wireDetail({ objCode: obj }) });
        }),
      );

      const detail = await queryClient.query(workItemQuery(client, kind, taskId));

      expect(url?.searchParams.get('fields')?.split(',')).toEqual([
        'status',
        'percentComplete',
        'priority',
        'plannedCompletionDate',
        'project:name',
        'description',
        'plannedStartDate',
        'projectedCompletionDate',
        'lastUpdateDate',
        'assignedTo:name',
      ]);
      expect(detail).toMatchObject({
        id: taskId,
        kind,
        description: '<script>alert(1)</script>',
        plannedStartDate: new Date('2026-03-01T09:00:00.000Z'),
        projectedCompletionDate: null,
        lastUpdateDate: new Date('2026-03-20T17:30:00.000Z'),
        assignedTo: { id: wfId(0xc, 1), name: 'Zoë Ünal' },
      });
      expect(workItemQuery(client, kind, taskId).queryKey).toEqual(
        workfrontKeys.workItem(kind, taskId),
      );
    },
  );

  it('keeps an ID from the address inside its path segment', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${apiBase}/*`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({ data: wireDetail() });
      }),
    );

    await queryClient.query(workItemQuery(client, 'task', 'x?method=DELETE&a=/b'));

    expect(requests[0]?.pathname).toBe('/attask/api/v20.0/TASK/x%3Fmethod%3DDELETE%26a%3D%2Fb');
    expect(requests[0]?.searchParams.has('method')).toBe(false);
  });

  it('names the kind and the field when the detail is malformed', async () => {
    server.use(
      http.get(`${apiBase}/OPTASK/${taskId}`, () =>
        HttpResponse.json({ data: wireDetail({ objCode: 'OPTASK', lastUpdateDate: 17 }) }),
      ),
    );

    const error = await malformedError(queryClient.query(workItemQuery(client, 'issue', taskId)));

    expect(error.message).toMatch(
      /^Workfront sent an? issue that this app cannot read \(lastUpdateDate: /,
    );
  });
});

describe('workItemNotesQuery', () => {
  it.each([
    ['task', 'taskID', 'opTaskID'],
    ['issue', 'opTaskID', 'taskID'],
  ] as const)('searches the notes of a %s by %s, newest first', async (kind, filter, other) => {
    let url: URL | undefined;
    server.use(
      http.get(`${apiBase}/note/search`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          data: [
            {
              ID: 'n2',
              noteText: 'Done & <i>dusted</i>',
              entryDate: '2026-03-24T17:00:00:000+0400',
              owner: { ID: 'u1', name: 'Zoë' },
            },
            { ID: 'n1', noteText: '', entryDate: '2026-03-01T08:00:00+0000', owner: null },
          ],
        });
      }),
    );

    const notes = await queryClient.query(workItemNotesQuery(client, kind, taskId));

    expect(url?.searchParams.get(filter)).toBe(taskId);
    expect(url?.searchParams.has(other)).toBe(false);
    expect(url?.searchParams.get('fields')).toBe('noteText,entryDate,owner:name');
    expect(url?.searchParams.get('entryDate_Sort')).toBe('desc');
    expect(notes).toEqual([
      {
        id: 'n2',
        text: 'Done & <i>dusted</i>',
        date: new Date('2026-03-24T13:00:00.000Z'),
        author: 'Zoë',
      },
      { id: 'n1', text: '', date: new Date('2026-03-01T08:00:00.000Z'), author: null },
    ]);
  });

  it('refuses a note without an entry date, naming the field', async () => {
    server.use(
      http.get(`${apiBase}/note/search`, () =>
        HttpResponse.json({ data: [{ ID: 'n1', noteText: 'x', entryDate: null, owner: null }] }),
      ),
    );

    const error = await malformedError(
      queryClient.query(workItemNotesQuery(client, 'task', taskId)),
    );

    expect(error.message).toMatch(
      /^Workfront sent updates that this app cannot read \(0\.entryDate: /,
    );
  });
});

describe('updateWorkItem', () => {
  it('PUTs the changes as JSON in updates and reads back the updated item', async () => {
    let seen: { method: string; url: URL } | undefined;
    server.use(
      http.put(`${apiBase}/OPTASK/${taskId}`, ({ request }) => {
        seen = { method: request.method, url: new URL(request.url) };
        return HttpResponse.json({
          data: wireDetail({ objCode: 'OPTASK', status: 'CPL', percentComplete: 100 }),
        });
      }),
    );

    const updated = await updateWorkItem(client, 'issue', taskId, {
      status: 'CPL',
      percentComplete: 100,
    });

    expect(seen?.method).toBe('PUT');
    expect(JSON.parse(seen?.url.searchParams.get('updates') ?? '')).toEqual({
      status: 'CPL',
      percentComplete: 100,
    });
    expect(seen?.url.searchParams.get('fields')).toContain('assignedTo:name');
    expect(updated).toMatchObject({
      id: taskId,
      kind: 'issue',
      status: 'CPL',
      percentComplete: 100,
    });
  });

  it('keeps an ID from the address inside its path segment when writing', async () => {
    let url: URL | undefined;
    server.use(
      http.put(`${apiBase}/*`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ data: wireDetail() });
      }),
    );

    await updateWorkItem(client, 'task', 'x?method=DELETE', { status: 'CPL' });

    expect(url?.pathname).toBe('/attask/api/v20.0/TASK/x%3Fmethod%3DDELETE');
    expect(url?.searchParams.has('method')).toBe(false);
    expect(url?.searchParams.get('updates')).toBe('{"status":"CPL"}');
  });

  it('sends only the fields that changed', async () => {
    let updates: string | null = null;
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, ({ request }) => {
        updates = new URL(request.url).searchParams.get('updates');
        return HttpResponse.json({ data: wireDetail({ percentComplete: 55 }) });
      }),
    );

    await updateWorkItem(client, 'task', taskId, { percentComplete: 55 });

    expect(updates).toBe('{"percentComplete":55}');
  });

  it("passes on Workfront's refusal with its class and message", async () => {
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, () =>
        HttpResponse.json(
          workfrontError('com.attask.common.ValidationException', 'Status INP:X does not exist'),
        ),
      ),
    );

    const error: unknown = await updateWorkItem(client, 'task', taskId, { status: 'INP:X' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(WorkfrontApiError);
    expect(error).toMatchObject({
      kind: 'workfront',
      message: 'Status INP:X does not exist',
      details: { errorClass: 'com.attask.common.ValidationException' },
    });
  });

  it('refuses a malformed answer to an update, naming it', async () => {
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, () =>
        HttpResponse.json({ data: wireDetail({ percentComplete: null }) }),
      ),
    );

    const error = await malformedError(updateWorkItem(client, 'task', taskId, { status: 'CPL' }));

    expect(error.message).toMatch(
      /^Workfront sent the updated task that this app cannot read \(percentComplete: /,
    );
  });
});

describe('updateWorkItemMutation', () => {
  const itemKey = workfrontKeys.workItem('task', taskId);
  let gets = 0;

  /** The task cached as its screen shows it, and the lists that show it. */
  async function cacheTask() {
    gets = 0;
    server.use(
      http.get(`${apiBase}/TASK/${taskId}`, () => {
        gets += 1;
        return HttpResponse.json({ data: wireDetail({ status: 'NEW', percentComplete: 0 }) });
      }),
    );
    await queryClient.query(workItemQuery(client, 'task', taskId));
    queryClient.setQueryData(workfrontKeys.myWork(), { pages: [], pageParams: [] });
    queryClient.setQueryData(workfrontKeys.projects(), []);
  }

  /** Records each PUT; `answer` says how the n-th (from 0) is answered. */
  function servePuts(answer: (n: number) => Response | Promise<Response>) {
    const puts: unknown[] = [];
    server.use(
      http.put(`${apiBase}/TASK/${taskId}`, ({ request }) => {
        puts.push(JSON.parse(new URL(request.url).searchParams.get('updates') ?? ''));
        return answer(puts.length - 1);
      }),
    );
    return puts;
  }

  // The backoff between attempts is TanStack Query's default; the tests skip its waits.
  const save = (changes: { status?: string; percentComplete?: number }) =>
    new MutationObserver(queryClient, {
      ...updateWorkItemMutation(client, 'task', taskId),
      retryDelay: 0,
    }).mutate(changes);

  const unavailable = () => new HttpResponse('<h1>503</h1>', { status: 503 });
  const cachedStatus = () =>
    queryClient.getQueryData<{ status: string; percentComplete: number }>(itemKey);

  it('shows the changes in the cached item at once, then what Workfront saved', async () => {
    await cacheTask();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    servePuts(async () => {
      await answered;
      return HttpResponse.json({ data: wireDetail({ status: 'CPL', percentComplete: 100 }) });
    });

    const saving = save({ status: 'CPL' });
    await vi.waitFor(() => {
      expect(cachedStatus()).toMatchObject({ status: 'CPL', percentComplete: 0 });
    });
    answer();
    await saving;

    expect(cachedStatus()).toMatchObject({ status: 'CPL', percentComplete: 100 });
    expect(queryClient.getQueryState(workfrontKeys.myWork())?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(workfrontKeys.projects())?.isInvalidated).toBe(true);
  });

  it('retries a failure that may pass next time, as often as a query, then rolls back', async () => {
    await cacheTask();
    const puts = servePuts(unavailable);

    await expect(save({ status: 'INP', percentComplete: 30 })).rejects.toMatchObject({
      kind: 'http',
      details: { status: 503 },
    });

    expect(puts).toHaveLength(4);
    expect(new Set(puts.map((put) => JSON.stringify(put)))).toEqual(
      new Set(['{"status":"INP","percentComplete":30}']),
    );
    expect(cachedStatus()).toMatchObject({ status: 'NEW', percentComplete: 0 });
  });

  it('saves at the next attempt after a failure that passed', async () => {
    await cacheTask();
    const puts = servePuts((n) =>
      n === 0
        ? unavailable()
        : HttpResponse.json({ data: wireDetail({ status: 'INP', percentComplete: 30 }) }),
    );

    await save({ status: 'INP', percentComplete: 30 });

    expect(puts).toHaveLength(2);
    expect(cachedStatus()).toMatchObject({ status: 'INP', percentComplete: 30 });
  });

  it('does not retry a refusal, which would come back the same', async () => {
    await cacheTask();
    const puts = servePuts(() =>
      HttpResponse.json(workfrontError('com.attask.common.ValidationException', 'No such status'), {
        status: 422,
      }),
    );

    await expect(save({ status: 'INP:X' })).rejects.toMatchObject({ kind: 'workfront' });

    expect(puts).toHaveLength(1);
    expect(cachedStatus()).toMatchObject({ status: 'NEW' });
  });

  it.each([
    ['an answer', () => HttpResponse.json({ data: wireDetail({ status: 'CPL' }) })],
    [
      'a failure',
      () =>
        HttpResponse.json(workfrontError('com.attask.common.ValidationException', 'No'), {
          status: 422,
        }),
    ],
  ])('does not fill a cache emptied meanwhile (a sign-out) with %s', async (_what, reply) => {
    await cacheTask();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    servePuts(async () => {
      await answered;
      return reply();
    });

    const saving = save({ status: 'CPL' }).catch(() => undefined);
    await vi.waitFor(() => {
      expect(cachedStatus()).toMatchObject({ status: 'CPL' });
    });
    queryClient.clear();
    answer();
    await saving;

    expect(queryClient.getQueryData(itemKey)).toBeUndefined();
    expect(gets).toBe(1);
  });
});

describe('nextPageOffset', () => {
  const page = (from: number, length: number) =>
    Array.from({ length }, (_, index) => ({ id: `id-${from + index}` }));

  it.each([
    ['a full first page', [page(0, 2000)], 0, 2000],
    ['a full page after others', [page(0, 2000), page(2000, 2000)], 2000, 4000],
    ['a short page', [page(0, 1999)], 0, undefined],
    ['an empty page', [page(0, 2000), page(2000, 0)], 2000, undefined],
    ['a page longer than asked', [page(0, 2001)], 0, undefined],
    ['a page that repeats an earlier one', [page(0, 2000), page(0, 2000)], 2000, undefined],
  ] as const)('after %s is %s', (_, pages, offset, next) => {
    expect(nextPageOffset(pages, offset)).toBe(next);
  });

  it('goes on after a page that only overlaps the one before', () => {
    expect(nextPageOffset([page(0, 2000), page(1000, 2000)], 2000)).toBe(4000);
  });

  it('stops after 50 pages, whatever the server sends', () => {
    const pages = Array.from({ length: 50 }, (_, index) => page(index * 2000, 2000));
    expect(nextPageOffset(pages, 98_000)).toBeUndefined();
  });
});

describe('uniqueItems', () => {
  it('keeps the first of each ID, in order', () => {
    const a = { id: 'a', n: 1 };
    const b = { id: 'b', n: 2 };
    expect(
      uniqueItems([
        [a, b],
        [
          { id: 'a', n: 3 },
          { id: 'c', n: 4 },
        ],
      ]),
    ).toEqual([a, b, { id: 'c', n: 4 }]);
  });
});
