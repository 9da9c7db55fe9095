import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { myProjectsQuery, projectQuery, projectStatusesQuery, projectTasksQuery } from './projects';
import { workfrontKeys } from './query-keys';
import {
  apiBase,
  pageAsServed,
  type PagingBehaviour,
  setupQueryTest,
  wfId,
  workfrontError,
} from './test/test-support';
import { WorkfrontApiError } from './workfront-errors';

const { server, client, queryClient } = setupQueryTest();

/** Workfront's URL limit, in bytes. */
const maxUrlBytes = 8892;

const projectIdOf = (n: number) => wfId(0xb, n);

function wireProject(n: number, overrides: Record<string, unknown> = {}) {
  return {
    ID: projectIdOf(n),
    objCode: 'PROJ',
    name: `Project ${String(n).padStart(4, '0')}`,
    status: 'CUR',
    percentComplete: 10,
    plannedCompletionDate: '2026-06-30T17:00:00:000+0000',
    owner: { ID: wfId(0xc, 1), name: 'Owner' },
    ...overrides,
  };
}

interface ProjectWorld {
  owned: ReturnType<typeof wireProject>[];
  /** The projectID of each work item assigned to me, in myWork's order. */
  workProjectIds: (string | null)[];
  /** How work/myWork treats $$FIRST and $$LIMIT; honoured unless given. */
  paging?: PagingBehaviour;
}

/** More work/myWork requests than any pager may send: a pager that loops fails, not hangs. */
const runawayRequests = 100;

/** Serves proj/search (owned, or by `ID_Mod=in`) and work/myWork, and records each request URL. */
function serveProjects(world: ProjectWorld) {
  const urls: URL[] = [];
  const all = new Map<string, ReturnType<typeof wireProject>>();
  for (const id of world.workProjectIds) {
    if (id) all.set(id, wireProject(Number.parseInt(id.slice(1), 16)));
  }
  for (const project of world.owned) all.set(project.ID, project);
  const workItems = world.workProjectIds.map((projectID, index) => ({
    ID: wfId(0xa, index),
    objCode: 'TASK',
    projectID,
  }));
  server.use(
    http.get(`${apiBase}/proj/search`, ({ request }) => {
      const url = new URL(request.url);
      urls.push(url);
      const params = url.searchParams;
      if (params.get('ownerID') === '$$USER.ID') return HttpResponse.json({ data: world.owned });
      if (params.get('ID_Mod') !== 'in') throw new Error(`Unexpected search ${url.search}`);
      const ids = params.getAll('ID').flatMap((text) => text.split(','));
      return HttpResponse.json({ data: ids.flatMap((id) => all.get(id) ?? []) });
    }),
    http.get(`${apiBase}/work/myWork`, ({ request }) => {
      const url = new URL(request.url);
      urls.push(url);
      const first = Number(url.searchParams.get('$$FIRST') ?? 0);
      const limit = Number(url.searchParams.get('$$LIMIT') ?? 100);
      if (limit > 2000) throw new Error('$$LIMIT over 2000');
      if (urls.filter((seen) => seen.pathname.endsWith('/work/myWork')).length > runawayRequests) {
        return HttpResponse.json(workfrontError('RunawayPager', 'Too many work/myWork requests'));
      }
      const page = pageAsServed(workItems, world.paging ?? 'honoured', first, limit);
      return HttpResponse.json({ data: page });
    }),
  );
  return urls;
}

describe('myProjectsQuery', () => {
  it('searches the projects I own with $$USER.ID, and the projects of my work, at once', async () => {
    const urls = serveProjects({ owned: [wireProject(1)], workProjectIds: [] });

    await queryClient.query(myProjectsQuery(client));

    const owned = urls.find((url) => url.pathname.endsWith('/proj/search'))?.searchParams;
    expect(owned?.get('ownerID')).toBe('$$USER.ID');
    expect(owned?.get('fields')).toBe('status,percentComplete,plannedCompletionDate,owner:name');
    expect(owned?.get('name_Sort')).toBe('asc');
    expect(owned?.get('$$LIMIT')).toBe('2000');
    const work = urls.find((url) => url.pathname.endsWith('/work/myWork'))?.searchParams;
    expect(work?.get('fields')).toBe('projectID');
    expect(work?.get('$$LIMIT')).toBe('2000');
    expect(urls).toHaveLength(2);
  });

  it('merges owned and worked-on projects once each, sorted by name', async () => {
    serveProjects({
      owned: [wireProject(3, { name: 'Zulu' }), wireProject(1, { name: 'alpha' })],
      workProjectIds: [projectIdOf(2), projectIdOf(1), null, projectIdOf(2), projectIdOf(4)],
    });

    const projects = await queryClient.query(myProjectsQuery(client));

    expect(projects.map((project) => project.id)).toEqual([
      projectIdOf(1),
      projectIdOf(2),
      projectIdOf(4),
      projectIdOf(3),
    ]);
    expect(projects.map((project) => project.name)).toEqual([
      'alpha',
      'Project 0002',
      'Project 0004',
      'Zulu',
    ]);
  });

  it('asks only for worked-on projects that I do not own', async () => {
    const urls = serveProjects({
      owned: [wireProject(1)],
      workProjectIds: [projectIdOf(1), projectIdOf(2)],
    });

    await queryClient.query(myProjectsQuery(client));

    const byId = urls.filter((url) => url.searchParams.get('ID_Mod') === 'in');
    expect(byId.map((url) => url.searchParams.get('ID'))).toEqual([projectIdOf(2)]);
  });

  it('makes no ID search when I own every project I work on', async () => {
    const urls = serveProjects({ owned: [wireProject(1)], workProjectIds: [projectIdOf(1)] });

    await queryClient.query(myProjectsQuery(client));

    expect(urls.some((url) => url.searchParams.has('ID_Mod'))).toBe(false);
  });

  it('batches many project IDs into searches whose URLs stay under 8892 bytes', async () => {
    const ids = Array.from({ length: 320 }, (_, index) => projectIdOf(index + 10));
    const urls = serveProjects({ owned: [], workProjectIds: ids });

    const projects = await queryClient.query(myProjectsQuery(client));

    const batches = urls.filter((url) => url.searchParams.get('ID_Mod') === 'in');
    expect(batches.length).toBeGreaterThan(1);
    for (const url of batches)
      expect(new TextEncoder().encode(url.href).length).toBeLessThan(maxUrlBytes);
    const asked = batches.flatMap((url) =>
      url.searchParams.getAll('ID').flatMap((t) => t.split(',')),
    );
    expect(asked.toSorted()).toEqual(ids.toSorted());
    expect(projects).toHaveLength(320);
  });

  it('finds the projects of work beyond the first page of 2000 items', async () => {
    const workProjectIds = Array.from({ length: 4100 }, (_, index) =>
      index < 4050 ? projectIdOf(1) : projectIdOf(2),
    );
    const urls = serveProjects({ owned: [], workProjectIds });

    const projects = await queryClient.query(myProjectsQuery(client));

    expect(projects.map((project) => project.id)).toEqual([projectIdOf(1), projectIdOf(2)]);
    const pages = urls.filter((url) => url.pathname.endsWith('/work/myWork'));
    expect(pages.map((url) => url.searchParams.get('$$FIRST') ?? '0')).toEqual([
      '0',
      '2000',
      '4000',
    ]);
  });

  describe('when work/myWork does not page as asked', () => {
    it.each([
      ['ignored', 2000, ['0', '2000']],
      ['ignored', 4100, ['0']],
      ['limit-only', 2000, ['0', '2000']],
      ['limit-only', 4100, ['0', '2000']],
    ] as const)(
      'with $$FIRST and $$LIMIT %s and %i items, asks at most twice ($$FIRST %j)',
      async (paging, count, firsts) => {
        // A project for each thousand items, so that the items past 2000 hold projects of their own.
        const workProjectIds = Array.from({ length: count }, (_, index) =>
          projectIdOf(1 + Math.floor(index / 1000)),
        );
        const urls = serveProjects({ owned: [], workProjectIds, paging });

        const projects = await queryClient.query(myProjectsQuery(client));

        const pages = urls.filter((url) => url.pathname.endsWith('/work/myWork'));
        expect(pages.map((url) => url.searchParams.get('$$FIRST'))).toEqual(firsts);
        // Past the first 2000 items, an instance that ignores $$FIRST shows nothing more.
        const seen = paging === 'ignored' ? workProjectIds : workProjectIds.slice(0, 2000);
        expect(projects.map((project) => project.id)).toEqual([...new Set(seen)]);
      },
    );
  });

  it('names the field when a project is malformed', async () => {
    serveProjects({ owned: [wireProject(1, { status: 3 })], workProjectIds: [] });

    const error: unknown = await queryClient
      .query(myProjectsQuery(client))
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(WorkfrontApiError);
    expect(error).toMatchObject({ kind: 'malformed' });
    expect((error as Error).message).toMatch(
      /^Workfront sent a project list that this app cannot read \(0\.status: /,
    );
  });

  it('names the field when a work item has a projectID that is not a string', async () => {
    server.use(
      http.get(`${apiBase}/proj/search`, () => HttpResponse.json({ data: [] })),
      http.get(`${apiBase}/work/myWork`, () =>
        HttpResponse.json({ data: [{ ID: 't1', projectID: 42 }] }),
      ),
    );

    const error: unknown = await queryClient
      .query(myProjectsQuery(client))
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ kind: 'malformed' });
    expect((error as Error).message).toMatch(/\(0\.projectID: /);
  });
});

describe('projectQuery', () => {
  it('reads one project by ID, a missing percentComplete as 0 and no owner as null', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${apiBase}/proj/${projectIdOf(7)}`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          data: wireProject(7, {
            status: 'ONH',
            percentComplete: null,
            plannedCompletionDate: null,
            owner: null,
          }),
        });
      }),
    );

    const project = await queryClient.query(projectQuery(client, projectIdOf(7)));

    expect(url?.searchParams.get('fields')).toBe(
      'status,percentComplete,plannedCompletionDate,owner:name',
    );
    expect(project).toEqual({
      id: projectIdOf(7),
      name: 'Project 0007',
      status: 'ONH',
      percentComplete: 0,
      plannedCompletionDate: null,
      owner: null,
    });
    expect(projectQuery(client, projectIdOf(7)).queryKey).toEqual(
      workfrontKeys.project(projectIdOf(7)),
    );
  });

  it('keeps an ID from the address inside its path segment', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${apiBase}/*`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ data: wireProject(1) });
      }),
    );

    await queryClient.query(projectQuery(client, '../user/x?method=DELETE'));

    expect(url?.pathname).toBe('/attask/api/v20.0/proj/..%2Fuser%2Fx%3Fmethod%3DDELETE');
    expect(url?.searchParams.has('method')).toBe(false);
  });
});

describe('projectTasksQuery', () => {
  it("searches a project's tasks due first, with the list fields and a limit of 2000", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${apiBase}/task/search`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          data: [
            {
              ID: wfId(0xa, 1),
              objCode: 'TASK',
              name: 'Write the brief',
              status: 'NEW',
              percentComplete: 0,
              priority: 1,
              plannedCompletionDate: null,
              project: { ID: projectIdOf(7), name: 'Project 0007' },
            },
          ],
        });
      }),
    );

    const tasks = await queryClient.query(projectTasksQuery(client, projectIdOf(7)));

    expect(url?.searchParams.get('projectID')).toBe(projectIdOf(7));
    expect(url?.searchParams.get('fields')).toBe(
      'status,percentComplete,priority,plannedCompletionDate,project:name',
    );
    expect(url?.searchParams.get('plannedCompletionDate_Sort')).toBe('asc');
    expect(url?.searchParams.get('$$LIMIT')).toBe('2000');
    expect(tasks).toEqual([
      {
        id: wfId(0xa, 1),
        kind: 'task',
        name: 'Write the brief',
        status: 'NEW',
        percentComplete: 0,
        priority: 1,
        dueDate: null,
        project: { id: projectIdOf(7), name: 'Project 0007' },
      },
    ]);
  });

  it('names the list and the field when a task is malformed', async () => {
    server.use(
      http.get(`${apiBase}/task/search`, () =>
        HttpResponse.json({ data: [{ ID: 't1', objCode: 'TASK', name: 'x', status: 'NEW' }] }),
      ),
    );

    const error: unknown = await queryClient
      .query(projectTasksQuery(client, projectIdOf(7)))
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ kind: 'malformed' });
    expect((error as Error).message).toMatch(
      /^Workfront sent a task list that this app cannot read \(0\.percentComplete: /,
    );
  });
});

describe('projectStatusesQuery', () => {
  it("reads the project statuses and Workfront's labels from PROJ/metadata, custom ones included", async () => {
    server.use(
      http.get(`${apiBase}/PROJ/metadata`, () =>
        HttpResponse.json({
          data: {
            fields: {
              status: {
                possibleValues: [
                  { value: 'CUR', label: 'Current' },
                  { value: 'REQ', label: 'Requested' },
                  { value: 'CUR:A', label: 'Awaiting Sign-off' },
                ],
              },
            },
          },
        }),
      ),
    );
    expect(await queryClient.query(projectStatusesQuery(client))).toEqual([
      { code: 'CUR', label: 'Current' },
      { code: 'REQ', label: 'Requested' },
      { code: 'CUR:A', label: 'Awaiting Sign-off' },
    ]);
  });
});
