import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { workfrontKeys } from './query-keys';
import { pageSize } from './paging';
import {
  apiBase,
  malformedError,
  pageAsServed,
  type PagingBehaviour,
  setupQueryTest,
  wfId,
  wireTask,
} from './test/test-support';
import type { WorkItem } from './work-item-model';
import { myWorkQuery } from './work-items';

const { server, client, queryClient } = setupQueryTest();

const taskId = wfId(0xa, 1);
const projectId = wfId(0xb, 1);

/** Serves `work/myWork` from `items`, paging as `paging` says, and records each URL. */
function serveMyWork(items: Record<string, unknown>[], paging: PagingBehaviour = 'honoured') {
  const urls: URL[] = [];
  server.use(
    http.get(`${apiBase}/work/myWork`, ({ request }) => {
      const url = new URL(request.url);
      urls.push(url);
      const first = Number(url.searchParams.get('$$FIRST') ?? 0);
      const limit = Number(url.searchParams.get('$$LIMIT') ?? 100);
      return HttpResponse.json({ data: pageAsServed(items, paging, first, limit) });
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
    it('stops at an answer longer than asked, with every item once', async () => {
      const items = Array.from({ length: 10_000 }, (_, index) => wireTask(index + 1));
      const urls = serveMyWork(items, 'ignored');

      const result = await queryClient.infiniteQuery({ ...myWorkQuery(client), pages: 60 });

      expect(urls).toHaveLength(1);
      expect(result).toHaveLength(10_000);
    });

    it('stops at a page that repeats the one before, and shows it once', async () => {
      const items = Array.from({ length: pageSize }, (_, index) => wireTask(index + 1));
      const urls = serveMyWork(items, 'ignored');

      const result = await queryClient.infiniteQuery({ ...myWorkQuery(client), pages: 60 });

      expect(urls.map((url) => url.searchParams.get('$$FIRST'))).toEqual(['0', '2000']);
      expect(result.map((item) => item.id)).toEqual(items.map((item) => item.ID as string));
    });
  });

  describe('when Workfront honours $$LIMIT but ignores $$FIRST', () => {
    it('stops at the second page, a repeat of the first, and shows the first once', async () => {
      const items = Array.from({ length: 4500 }, (_, index) => wireTask(index + 1));
      const urls = serveMyWork(items, 'limit-only');

      const result = await queryClient.infiniteQuery({ ...myWorkQuery(client), pages: 60 });

      expect(urls.map((url) => url.searchParams.get('$$FIRST'))).toEqual(['0', '2000']);
      expect(result.map((item) => item.id)).toEqual(
        items.slice(0, pageSize).map((item) => item.ID as string),
      );
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
      post: () => Promise.resolve(null),
    };

    await queryClient.infiniteQuery(myWorkQuery(spyClient));

    expect(seenSignal).toBeInstanceOf(AbortSignal);
  });
});
