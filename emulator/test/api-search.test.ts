import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkfrontRecord } from '../src/workfront/records.ts';
import { isFinished } from '../src/workfront/statuses.ts';
import { formatWorkfrontDate, startOfInstanceDay } from '../src/workfront/workfront-date.ts';
import {
  readData,
  readError,
  startApiServer,
  testNow,
  type ApiTestServer,
} from './api-test-server.ts';

type Row = Record<string, unknown>;

let server: ApiTestServer;
let demoId: string;

beforeAll(async () => {
  server = await startApiServer();
  demoId = server.data.users[0]?.ID ?? '';
});
afterAll(() => server.close());

async function search(path: string): Promise<Row[]> {
  return readData(await server.request(`/v16.0/${path}`));
}

/** IDs of the records the test expects, in seed order. */
function idsWhere<T extends WorkfrontRecord>(records: readonly T[], keep: (record: T) => boolean) {
  return records.filter(keep).map((record) => record.ID);
}

const all = '$$LIMIT=2000';

describe('object codes', () => {
  it('accepts codes and names in any case', async () => {
    const forms = {
      USER: ['user', 'USER', 'User'],
      PROJ: ['proj', 'PROJ', 'project', 'Project'],
      TASK: ['task', 'TASK', 'Task'],
      OPTASK: ['optask', 'OPTASK', 'issue', 'ISSUE'],
      NOTE: ['note', 'NOTE'],
    };
    for (const [objCode, names] of Object.entries(forms)) {
      for (const name of names) {
        const rows = await search(`${name}/search?$$LIMIT=3`);
        expect(rows.length, name).toBeGreaterThan(0);
        expect(rows.every((row) => row.objCode === objCode)).toBe(true);
      }
    }
  });
});

describe('search filters', () => {
  it('eq is the default modifier, and values may repeat', async () => {
    const rows = await search(`task/search?status=INP:A&${all}`);
    expect(rows.map((row) => row.ID)).toEqual(
      idsWhere(server.data.tasks, (task) => task.status === 'INP:A'),
    );
    const both = await search(`task/search?status=NEW&status=CPL&${all}`);
    expect(both.length).toBe(
      server.data.tasks.filter((task) => ['NEW', 'CPL'].includes(task.status)).length,
    );
  });

  it('ne keeps everything else, nulls included', async () => {
    const rows = await search(`optask/search?projectID=x&projectID_Mod=ne&${all}`);
    expect(rows).toHaveLength(server.data.issues.length);
    const open = await search(`task/search?status=CPL&status_Mod=ne&${all}`);
    expect(open.map((row) => row.ID)).toEqual(
      idsWhere(server.data.tasks, (task) => task.status !== 'CPL'),
    );
  });

  it('lt, lte, gt and gte compare numbers', async () => {
    const cases = {
      lt: (value: number) => value < 50,
      lte: (value: number) => value <= 50,
      gt: (value: number) => value > 50,
      gte: (value: number) => value >= 50,
    };
    for (const [mod, keep] of Object.entries(cases)) {
      const rows = await search(`task/search?percentComplete=50&percentComplete_Mod=${mod}&${all}`);
      expect(
        rows.map((row) => row.ID),
        mod,
      ).toEqual(idsWhere(server.data.tasks, (task) => keep(task.percentComplete)));
    }
  });

  it('lt compares dates in Workfront format and $$TODAY', async () => {
    const today = startOfInstanceDay(testNow);
    const overdue = idsWhere(
      server.data.tasks,
      (task) => task.plannedCompletionDate !== null && task.plannedCompletionDate < today,
    );
    expect(overdue.length).toBeGreaterThan(0);
    const date = encodeURIComponent(formatWorkfrontDate(today));
    const byDate = await search(
      `task/search?plannedCompletionDate=${date}&plannedCompletionDate_Mod=lt&${all}`,
    );
    expect(byDate.map((row) => row.ID)).toEqual(overdue);
    const byWildcard = await search(
      `task/search?plannedCompletionDate=$$TODAY&plannedCompletionDate_Mod=lt&${all}`,
    );
    expect(byWildcard.map((row) => row.ID)).toEqual(overdue);
  });

  it('in takes repeated values or a comma list', async () => {
    const expected = idsWhere(server.data.tasks, (task) => ['NEW', 'INP:A'].includes(task.status));
    const repeated = await search(`task/search?status=NEW&status=INP:A&status_Mod=in&${all}`);
    const listed = await search(`task/search?status=NEW,INP:A&status_Mod=in&${all}`);
    expect(repeated.map((row) => row.ID)).toEqual(expected);
    expect(listed.map((row) => row.ID)).toEqual(expected);
  });

  it('contains is case-sensitive, cicontains is not', async () => {
    const rows = await search(`user/search?emailAddr=Demo&emailAddr_Mod=contains`);
    expect(rows).toEqual([]);
    const ci = await search(`user/search?emailAddr=Demo&emailAddr_Mod=cicontains`);
    expect(ci.map((row) => row.emailAddr)).toEqual(['demo@example.com']);
    const html = await search(`task/search?name=${encodeURIComponent('<img')}&name_Mod=contains`);
    expect(html.map((row) => row.name)).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('isnull and notnull need no value', async () => {
    const none = await search(`task/search?plannedCompletionDate_Mod=isnull&${all}`);
    expect(none.map((row) => row.ID)).toEqual(
      idsWhere(server.data.tasks, (task) => task.plannedCompletionDate === null),
    );
    expect(none.length).toBeGreaterThan(0);
    const some = await search(`task/search?assignedToID_Mod=notnull&${all}`);
    expect(some.map((row) => row.ID)).toEqual(
      idsWhere(server.data.tasks, (task) => task.assignedToID !== null),
    );
  });

  it('between takes its upper bound from _Range, both ends included', async () => {
    const rows = await search(
      `task/search?priority=1&priority_Range=3&priority_Mod=between&${all}`,
    );
    expect(rows.map((row) => row.ID)).toEqual(
      idsWhere(server.data.tasks, (task) => task.priority >= 1 && task.priority <= 3),
    );
  });

  it('substitutes $$USER.ID', async () => {
    const me = await search('user/search?ID=$$USER.ID');
    expect(me).toMatchObject([{ ID: demoId, name: 'Dana Demo' }]);
    const mine = await search(`task/search?assignedToID=$$USER.ID&${all}`);
    expect(mine.map((row) => row.ID)).toEqual(
      idsWhere(server.data.tasks, (task) => task.assignedToID === demoId),
    );
  });

  it('filters on a referenced object', async () => {
    const rows = await search(`task/search?project:status=CUR&${all}`);
    const current = new Set(idsWhere(server.data.projects, (project) => project.status === 'CUR'));
    expect(rows.map((row) => row.ID)).toEqual(
      idsWhere(server.data.tasks, (task) => current.has(task.projectID)),
    );
  });

  it('refuses unknown fields, unknown modifiers and malformed values with 422', async () => {
    const unsupported = await server.request('/v16.0/task/search?colour=red');
    expect(unsupported.status).toBe(422);
    expect(await unsupported.json()).toEqual({
      error: {
        class: 'java.lang.IllegalArgumentException',
        message: 'APIModel V16_0 does not support field colour (Task)',
      },
    });
    const refused = [
      ['task/search?status=NEW&status_Mod=le', 'status_Mod=le is not a supported modifier'],
      ['task/search?percentComplete=lots', 'needs a number'],
      ['task/search?plannedCompletionDate=soon&plannedCompletionDate_Mod=lt', 'needs a date'],
      ['task/search?percentComplete=1&percentComplete_Mod=contains', 'contains'],
      ['task/search?priority=1&priority_Mod=between', 'priority_Range'],
      ['task/search?name_Sort=up', 'asc, desc, ciasc, cidesc'],
    ];
    for (const [path = '', message = ''] of refused) {
      const response = await server.request(`/v16.0/${path}`);
      expect(response.status, path).toBe(422);
      const error = await readError(response);
      expect(error.class).toBe('com.attask.common.InvalidParameterException');
      expect(error.message, path).toContain(message);
    }
  });
});

describe('sorting', () => {
  it('sorts dates ascending and descending, nulls last', async () => {
    const ascending = await search(`task/search?plannedCompletionDate_Sort=asc&${all}`);
    const dates = ascending.map((row) => row.plannedCompletionDate);
    const firstNull = dates.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(dates.slice(firstNull).every((date) => date === null)).toBe(true);
    const times = server.data.tasks
      .map((task) => task.plannedCompletionDate)
      .filter((time) => time !== null)
      .sort((a, b) => a - b);
    expect(dates.slice(0, firstNull)).toEqual(times.map((time) => formatWorkfrontDate(time)));

    const descending = await search(`task/search?plannedCompletionDate_Sort=desc&${all}`);
    expect(descending.map((row) => row.plannedCompletionDate)).toEqual([
      ...dates.slice(0, firstNull).reverse(),
      ...dates.slice(firstNull),
    ]);
  });

  it('sorts by several fields in the order given', async () => {
    const rows = await search(`task/search?priority_Sort=desc&name_Sort=asc&${all}`);
    const keys = rows.map((row) => [Number(row.priority), String(row.name)] as const);
    for (const [index, [priority, name]] of keys.entries()) {
      const previous = keys[index - 1];
      if (!previous) continue;
      expect(previous[0]).toBeGreaterThanOrEqual(priority);
      if (previous[0] === priority) expect(previous[1].localeCompare(name, 'en')).toBeLessThan(1);
    }
  });
});

describe('fields', () => {
  it("sends the default fields of each object, TASK's and PROJ's as in the official client's fixtures", async () => {
    const [task] = await search('task/search?$$LIMIT=1');
    expect(Object.keys(task ?? {})).toEqual([
      'ID',
      'name',
      'objCode',
      'percentComplete',
      'plannedCompletionDate',
      'plannedStartDate',
      'priority',
      'progressStatus',
      'projectedCompletionDate',
      'projectedStartDate',
      'status',
      'taskNumber',
      'wbs',
    ]);
    const [project] = await search('project/search?$$LIMIT=1');
    expect(Object.keys(project ?? {})).toEqual([
      'ID',
      'name',
      'objCode',
      'percentComplete',
      'plannedCompletionDate',
      'plannedStartDate',
      'priority',
      'projectedCompletionDate',
      'status',
    ]);
    const [issue] = await search('issue/search?$$LIMIT=1');
    expect(issue).not.toHaveProperty('taskNumber');
    expect(issue).toHaveProperty('progressStatus');
    const [user] = await search('user/search?$$LIMIT=1');
    expect(Object.keys(user ?? {})).toEqual(['ID', 'name', 'objCode', 'emailAddr', 'title']);
  });

  it('adds named fields, and * sends all of them but never a password', async () => {
    const [task] = await search('task/search?$$LIMIT=1&fields=projectID,assignedToID');
    expect(task).toHaveProperty('projectID');
    expect(task).toHaveProperty('assignedToID');
    const [user] = await search('user/search?$$LIMIT=1&fields=*');
    expect(user).toMatchObject({ firstName: 'Dana', lastName: 'Demo', isActive: true });
    expect(user).not.toHaveProperty('password');
  });

  it('nests referenced objects, null when there is none', async () => {
    const task = server.data.tasks[0];
    const project = server.data.projects.find((candidate) => candidate.ID === task?.projectID);
    const row = await readData<Row>(
      await server.request(`/v16.0/task/${task?.ID ?? ''}?fields=project:name,assignedTo:name`),
    );
    expect(row.project).toEqual({ ID: project?.ID, name: project?.name, objCode: 'PROJ' });
    expect(row.assignedTo).toEqual({ ID: demoId, name: 'Dana Demo', objCode: 'USER' });

    const unassigned = await search('task/search?assignedToID_Mod=isnull&fields=assignedTo:name');
    expect(unassigned.length).toBeGreaterThan(0);
    expect(unassigned.every((item) => item.assignedTo === null)).toBe(true);
  });

  it('follows references of references, and * inside a reference', async () => {
    const [project] = server.data.projects;
    const owner = server.data.users.find((user) => user.ID === project?.ownerID);
    const rows = await search(
      `task/search?projectID=${project?.ID ?? ''}&fields=project:owner:title`,
    );
    expect(rows[0]?.project).toEqual({
      ID: project?.ID,
      name: project?.name,
      objCode: 'PROJ',
      owner: { ID: owner?.ID, name: owner?.name, objCode: 'USER', title: owner?.title },
    });
    const [note] = await search('note/search?$$LIMIT=1&fields=owner:*');
    expect(note?.owner).toHaveProperty('emailAddr');
  });

  it('refuses an unknown field, reference or collection, naming the object that lacks it', async () => {
    const cases = {
      colour: 'colour (Task)',
      'project:colour': 'colour (Project)',
      'assignments:colour': 'colour (Assignment)',
      'owner:name': 'owner (Task)',
      'DE:Custom Text': 'DE:Custom Text (Task)',
    };
    for (const [fields, named] of Object.entries(cases)) {
      const response = await server.request(
        `/v16.0/task/search?fields=${encodeURIComponent(fields)}`,
      );
      expect(response.status, fields).toBe(422);
      const error = await readError(response);
      expect(error.class).toBe('java.lang.IllegalArgumentException');
      expect(error.message).toBe(`APIModel V16_0 does not support field ${named}`);
    }
  });
});

describe('dates on the wire', () => {
  it("are in Workfront's format with the instance offset", async () => {
    const task = server.data.tasks.find((candidate) => candidate.plannedStartDate !== null);
    const row = await readData<Row>(await server.request(`/v16.0/task/${task?.ID ?? ''}?fields=*`));
    for (const field of [
      'plannedStartDate',
      'plannedCompletionDate',
      'entryDate',
      'lastUpdateDate',
    ]) {
      expect(row[field], field).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}:\d{3}-0700$/);
    }
    expect(row.plannedCompletionDate).toBe(formatWorkfrontDate(task?.plannedCompletionDate ?? 0));
  });
});

describe('get by ID and count', () => {
  it('gets each kind of object by its ID', async () => {
    const records = [
      server.data.users[1],
      server.data.projects[1],
      server.data.tasks[1],
      server.data.issues[1],
      server.data.notes[1],
    ];
    for (const record of records) {
      const row = await readData<Row>(
        await server.request(`/v16.0/${record?.objCode ?? ''}/${record?.ID ?? ''}`),
      );
      expect(row).toMatchObject({ ID: record?.ID, objCode: record?.objCode });
    }
  });

  it('answers 404 for an unknown ID, or the ID of another kind of object', async () => {
    for (const path of ['task/0123456789abcdef0123456789abcdef', `task/${demoId}`]) {
      const response = await server.request(`/v16.0/${path}`);
      expect(response.status).toBe(404);
      expect((await readError(response)).class).toBe('com.attask.common.NotFoundException');
    }
  });

  it('counts with filters, ignoring paging', async () => {
    const count = await readData<{ count: number }>(
      await server.request('/v16.0/task/count?status=NEW&$$LIMIT=1'),
    );
    expect(count).toEqual({
      count: server.data.tasks.filter((task) => task.status === 'NEW').length,
    });
    expect(await readData(await server.request('/v16.0/user/count'))).toEqual({ count: 12 });
  });
});

describe('work/myWork', () => {
  it("returns the current user's open tasks and issues", async () => {
    const rows = await search('work/myWork?fields=assignedToID');
    const expected = [...server.data.tasks, ...server.data.issues].filter(
      (item) => item.assignedToID === demoId && !isFinished(item.objCode, item.status),
    );
    expect(rows.map((row) => row.ID)).toEqual(expected.map((item) => item.ID));
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((row) => row.objCode))).toEqual(new Set(['TASK', 'OPTASK']));
    expect(rows.every((row) => row.assignedToID === demoId)).toBe(true);
  });

  it('takes fields, filters and sorting like a search', async () => {
    const rows = await search(
      'work/myWork?status=INP:A&plannedCompletionDate_Sort=asc&fields=project:name',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === 'INP:A')).toBe(true);
    expect(rows.some((row) => row.objCode === 'TASK' && row.project !== null)).toBe(true);
  });
});

describe('paging on 3,000 work items', () => {
  let large: ApiTestServer;
  beforeAll(async () => {
    large = await startApiServer(3000);
  });
  afterAll(() => large.close());

  const page = async (query: string) =>
    readData(await large.request(`/v16.0/task/search?${query}`));

  it('sends 100 by default, up to 2000 on request', async () => {
    expect(await page('')).toHaveLength(100);
    expect(await page('$$LIMIT=2000')).toHaveLength(2000);
    expect(await readData(await large.request('/v16.0/work/myWork'))).toHaveLength(100);
  });

  it('pages with $$FIRST', async () => {
    const ids = large.data.tasks.map((task) => task.ID);
    const second = await page('$$FIRST=100&$$LIMIT=50');
    expect(second.map((row) => row.ID)).toEqual(ids.slice(100, 150));
    const last = await page(`$$FIRST=${ids.length - 3}`);
    expect(last.map((row) => row.ID)).toEqual(ids.slice(-3));
    expect(await page(`$$FIRST=${ids.length}`)).toEqual([]);
  });

  it('refuses a limit above 2000, and malformed paging', async () => {
    const response = await large.request('/v16.0/task/search?$$LIMIT=2001');
    expect(response.status).toBe(422);
    expect(await readError(response)).toEqual({
      class: 'java.lang.IllegalArgumentException',
      message: 'The requested limit 2001 is greater than the maximum allowed limit of 2000',
    });
    for (const query of ['$$LIMIT=0', '$$LIMIT=-1', '$$FIRST=abc', '$$LIMIT=1.5']) {
      expect((await large.request(`/v16.0/task/search?${query}`)).status, query).toBe(422);
    }
  });
});
