import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkfrontTask } from '../src/workfront/records.ts';
import { formatWorkfrontDate, startOfInstanceDay } from '../src/workfront/workfront-date.ts';
import {
  colleagueToken,
  readData,
  readError,
  startApiServer,
  testNow,
  type ApiTestServer,
} from './api-test-server.ts';

type Row = Record<string, unknown>;

let server: ApiTestServer;
let demoId: string;
let colleagueId: string;

beforeAll(async () => {
  server = await startApiServer();
  demoId = server.data.users[0]?.ID ?? '';
  colleagueId = server.data.users[1]?.ID ?? '';
});
afterAll(() => server.close());

const all = '$$LIMIT=2000';

async function taskIds(query: string): Promise<string[]> {
  const rows = await readData(await server.request(`/v20.0/task/search?${query}&${all}`));
  return rows.map((row) => String(row.ID));
}

function tasksWhere(keep: (task: WorkfrontTask) => boolean): string[] {
  return server.data.tasks.filter(keep).map((task) => task.ID);
}

const q = encodeURIComponent;

describe('every _Mod of workfront-api-constants', () => {
  const name = (task: WorkfrontTask) => task.name;
  const cases: [string, (task: WorkfrontTask) => boolean][] = [
    ['status=INP&status_Mod=eq', (task) => task.status === 'INP'],
    ['status=INP&status_Mod=ne', (task) => task.status !== 'INP'],
    ['priority=2&priority_Mod=lt', (task) => task.priority < 2],
    ['priority=2&priority_Mod=lte', (task) => task.priority <= 2],
    ['priority=2&priority_Mod=gt', (task) => task.priority > 2],
    ['priority=2&priority_Mod=gte', (task) => task.priority >= 2],
    ['status=NEW,CPL&status_Mod=in', (task) => ['NEW', 'CPL'].includes(task.status)],
    ['status=NEW,CPL&status_Mod=notin', (task) => !['NEW', 'CPL'].includes(task.status)],
    ['name=Review&name_Mod=contains', (task) => name(task).includes('Review')],
    ['name=Review&name_Mod=notcontains', (task) => !name(task).includes('Review')],
    ['name=review&name_Mod=cicontains', (task) => name(task).toLowerCase().includes('review')],
    ['name=review&name_Mod=cinotcontains', (task) => !name(task).toLowerCase().includes('review')],
    [`name=${q('Review%')}&name_Mod=like`, (task) => name(task).startsWith('Review')],
    [`name=${q('review%')}&name_Mod=like`, () => false],
    [`name=${q('review%')}&name_Mod=cilike`, (task) => /^review/i.test(name(task))],
    [`name=${q('_pdate %')}&name_Mod=like`, (task) => /^.pdate /.test(name(task))],
    [
      `name=${q('%Launch-day war room & <b>go/no-go</b> call')}&name_Mod=like`,
      (task) => name(task).endsWith('Launch-day war room & <b>go/no-go</b> call'),
    ],
    [
      `name=${q('design WIREFRAMES')}&name_Mod=cieq`,
      (task) => name(task).toLowerCase() === 'design wireframes',
    ],
    [
      `name=${q('design WIREFRAMES')}&name_Mod=cine`,
      (task) => name(task).toLowerCase() !== 'design wireframes',
    ],
    ['status=new,cpl&status_Mod=ciin', (task) => ['NEW', 'CPL'].includes(task.status)],
    ['status=new,cpl&status_Mod=cinotin', (task) => !['NEW', 'CPL'].includes(task.status)],
    ['description_Mod=isnull', (task) => task.description === null],
    ['description_Mod=notnull', (task) => task.description !== null],
    ['description_Mod=isblank', (task) => !task.description],
    ['description_Mod=notblank', (task) => Boolean(task.description)],
    [
      'priority=1&priority_Range=3&priority_Mod=between',
      (task) => task.priority >= 1 && task.priority <= 3,
    ],
    [
      'priority=1&priority_Range=3&priority_Mod=notbetween',
      (task) => task.priority < 1 || task.priority > 3,
    ],
    ['name=review&name_Mod=startswith', (task) => /^review/i.test(name(task))],
  ];

  it.each(cases)('%s', async (query, keep) => {
    expect(await taskIds(query)).toEqual(tasksWhere(keep));
  });

  it('covers each modifier at least once, and finds something for most', async () => {
    const used = new Set(cases.map(([query]) => /_Mod=(\w+)/.exec(query)?.[1]));
    expect(used.size).toBe(25);
    const found = await Promise.all(cases.map(async ([query]) => (await taskIds(query)).length));
    expect(found.filter((count) => count > 0).length).toBeGreaterThan(20);
  });

  it('tells isblank from isnull: an empty text is blank, not null', async () => {
    const [task] = server.data.tasks;
    if (!task) throw new Error('The seed needs a task');
    const before = task.description;
    task.description = '';
    try {
      expect(await taskIds('description_Mod=isblank')).toContain(task.ID);
      expect(await taskIds('description_Mod=isnull')).not.toContain(task.ID);
      expect(await taskIds('description_Mod=notnull')).toContain(task.ID);
    } finally {
      task.description = before;
    }
  });

  it('without _Mod: in for several values, between with a _Range, eq otherwise', async () => {
    expect(await taskIds('status=NEW&status=CPL')).toEqual(
      tasksWhere((task) => ['NEW', 'CPL'].includes(task.status)),
    );
    expect(await taskIds('priority=1&priority_Range=2')).toEqual(
      tasksWhere((task) => task.priority >= 1 && task.priority <= 2),
    );
  });

  it('matches a whole day when a date is compared for equality', async () => {
    const today = startOfInstanceDay(testNow);
    const dueToday = tasksWhere(
      (task) =>
        task.plannedCompletionDate !== null &&
        startOfInstanceDay(task.plannedCompletionDate) === today,
    );
    expect(dueToday.length).toBeGreaterThan(0);
    expect(await taskIds('plannedCompletionDate=$$TODAY')).toEqual(dueToday);
    expect(
      await taskIds(`plannedCompletionDate=${q(formatWorkfrontDate(today + 3600_000))}`),
    ).toEqual(dueToday);
  });

  it.each([
    ['le', 'lte'],
    ['ge', 'gte'],
    ['like2', undefined],
    ['EQ', undefined],
  ])('refuses _Mod=%s with a clear 422, never an empty answer', async (mod, spelling) => {
    const response = await server.request(`/v20.0/task/search?priority=2&priority_Mod=${mod}`);
    expect(response.status).toBe(422);
    const error = await readError(response);
    expect(error.class).toBe('com.attask.common.InvalidParameterException');
    expect(error.message).toContain(`priority_Mod=${mod} is not a supported modifier`);
    if (spelling) expect(error.message).toContain(spelling);
  });

  it('refuses a text modifier on a number, and a value that is not of the field type', async () => {
    for (const query of ['priority=2&priority_Mod=cieq', 'priority=2&priority_Mod=like']) {
      const response = await server.request(`/v20.0/task/search?${query}`);
      expect(response.status, query).toBe(422);
      expect((await readError(response)).message).toContain('is not text');
    }
  });
});

describe('OR groups', () => {
  it('finds what the unprefixed filters or any one OR:<n>: group accepts (api-basics.md)', async () => {
    const rows = await taskIds(
      'name=Review&name_Mod=contains&OR:1:status=CPL&OR:1:priority=4&OR:2:percentComplete=90',
    );
    expect(rows).toEqual(
      tasksWhere(
        (task) =>
          task.name.includes('Review') ||
          (task.status === 'CPL' && task.priority === 4) ||
          task.percentComplete === 90,
      ),
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('takes modifiers and ranges inside a group, and groups alone', async () => {
    const rows = await taskIds(
      'OR:1:priority=4&OR:2:name=review&OR:2:name_Mod=startswith&OR:3:priority=0&OR:3:priority_Range=0',
    );
    expect(rows).toEqual(
      tasksWhere(
        (task) => task.priority === 4 || /^review/i.test(task.name) || task.priority === 0,
      ),
    );
  });

  it('counts as it searches, and refuses a sort inside a group', async () => {
    const query = 'status=NEW&OR:1:status=CPL';
    const count = await readData<{ count: number }>(
      await server.request(`/v20.0/task/count?${query}`),
    );
    expect(count.count).toBe((await taskIds(query)).length);
    const response = await server.request('/v20.0/task/search?OR:1:name_Sort=asc');
    expect(response.status).toBe(422);
  });
});

describe('sorting', () => {
  it('numbered sorts go by their number, whatever the order of the parameters', async () => {
    const byNumber = await taskIds('name_2_Sort=asc&priority_1_Sort=desc');
    const reversed = await taskIds('priority_1_Sort=desc&name_2_Sort=asc');
    expect(byNumber).toEqual(reversed);
    const rows = byNumber.map((ID) => server.data.tasks.find((task) => task.ID === ID));
    for (const [index, task] of rows.entries()) {
      const previous = rows[index - 1];
      if (!previous || !task) continue;
      expect(previous.priority).toBeGreaterThanOrEqual(task.priority);
      if (previous.priority === task.priority) {
        expect(previous.name.localeCompare(task.name, 'en')).toBeLessThan(1);
      }
    }
  });

  it('ciasc and cidesc ignore case; asc and desc do not', async () => {
    const [first, second] = server.data.projects;
    if (!first || !second) throw new Error('The seed needs two projects');
    const names = [first.name, second.name];
    first.name = 'Beta';
    second.name = 'beta';
    try {
      const sorted = async (order: string) =>
        (
          await readData(
            await server.request(
              `/v20.0/project/search?ID=${first.ID}&ID=${second.ID}&name_Sort=${order}`,
            ),
          )
        ).map((row) => row.name);
      expect(await sorted('asc')).toEqual(['beta', 'Beta']);
      expect(await sorted('desc')).toEqual(['Beta', 'beta']);
      // Equal when case is ignored, so the seed order stands.
      expect(await sorted('ciasc')).toEqual(['Beta', 'beta']);
      expect(await sorted('cidesc')).toEqual(['Beta', 'beta']);
    } finally {
      [first.name, second.name] = names as [string, string];
    }
  });

  it('refuses an unknown order and a sort on a collection', async () => {
    for (const query of ['name_Sort=up', 'assignments:assignedToID_Sort=asc']) {
      const response = await server.request(`/v20.0/task/search?${query}`);
      expect(response.status, query).toBe(422);
    }
  });
});

describe('wildcards', () => {
  it('$$USER alone is the user ID, as $$USER.ID is; $$USER.<field> is that field', async () => {
    for (const wildcard of ['$$USER', '$$USER.ID']) {
      expect(
        await readData(await server.request(`/v20.0/user/search?ID=${wildcard}`)),
      ).toMatchObject([{ ID: demoId }]);
    }
    const byName = await readData(await server.request('/v20.0/user/search?name=$$USER.name'));
    expect(byName).toMatchObject([{ ID: demoId, name: 'Dana Demo' }]);
    const unknown = await server.request('/v20.0/user/search?ID=$$USER.shoeSize');
    expect(unknown.status).toBe(422);
  });

  it('$$TODAYbm to $$TODAYem is this month', async () => {
    const month = new Date(testNow - 7 * 3600_000).getUTCMonth();
    const expected = tasksWhere(
      (task) =>
        task.plannedCompletionDate !== null &&
        new Date(task.plannedCompletionDate - 7 * 3600_000).getUTCMonth() === month,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(
      await taskIds(
        'plannedCompletionDate=$$TODAYbm&plannedCompletionDate_Range=$$TODAYem&plannedCompletionDate_Mod=between',
      ),
    ).toEqual(expected);
  });

  it('$$TODAY+1w and $$NOW-2h move by their unit', async () => {
    const weekAhead = startOfInstanceDay(testNow) + 7 * 86_400_000;
    expect(
      await taskIds(`plannedCompletionDate=${q('$$TODAY+1w')}&plannedCompletionDate_Mod=gte`),
    ).toEqual(
      tasksWhere(
        (task) => task.plannedCompletionDate !== null && task.plannedCompletionDate >= weekAhead,
      ),
    );
    const twoHoursAgo = testNow - 2 * 3600_000;
    expect(await taskIds('lastUpdateDate=$$NOW-2h&lastUpdateDate_Mod=lt')).toEqual(
      tasksWhere((task) => task.lastUpdateDate < twoHoursAgo),
    );
  });

  it('refuses a wildcard it cannot read', async () => {
    for (const value of ['$$TODAY+1', '$$TODAYm', '$$TOMORROW']) {
      const response = await server.request(
        `/v20.0/task/search?plannedCompletionDate=${q(value)}&plannedCompletionDate_Mod=lt`,
      );
      expect(response.status, value).toBe(422);
      expect((await readError(response)).message).toContain('needs a date');
    }
  });
});

describe('the assignments collection', () => {
  const shared = () =>
    server.data.assignments
      .filter((assignment) => !assignment.isPrimary)
      .map((a) => a.taskID ?? a.opTaskID);

  it('is in fields: assignments, assignments:assignedTo:name and assignments:*', async () => {
    const sharedTask = server.data.assignments.find(
      (assignment) => !assignment.isPrimary && assignment.taskID !== null,
    );
    if (!sharedTask?.taskID) throw new Error('The seed needs a task with two assignments');
    const row = await readData<Row>(
      await server.request(
        `/v20.0/task/${sharedTask.taskID}?fields=assignments:assignedTo:name,assignments:isPrimary`,
      ),
    );
    const assignments = row.assignments as Row[];
    expect(assignments).toHaveLength(2);
    expect(assignments[0]).toMatchObject({
      objCode: 'ASSGN',
      isPrimary: true,
      assignedTo: { ID: demoId, name: 'Dana Demo', objCode: 'USER' },
    });
    expect(assignments[1]).toMatchObject({ isPrimary: false, assignedTo: { objCode: 'USER' } });
    const [plain] = await readData(
      await server.request(`/v20.0/task/search?ID=${sharedTask.taskID}&fields=assignments`),
    );
    expect((plain?.assignments as Row[])[0]).toEqual({
      ID: expect.any(String) as unknown,
      objCode: 'ASSGN',
    });
    const [full] = await readData(
      await server.request(`/v20.0/task/search?ID=${sharedTask.taskID}&fields=assignments:*`),
    );
    expect((full?.assignments as Row[])[0]).toMatchObject({
      taskID: sharedTask.taskID,
      opTaskID: null,
      assignmentPercent: 50,
    });
  });

  it('filters on any element: assignments:assignedToID', async () => {
    const rows = await readData(
      await server.request(`/v20.0/task/search?assignments:assignedToID=${colleagueId}&${all}`),
    );
    const expected = new Set(
      server.data.assignments
        .filter((assignment) => assignment.assignedToID === colleagueId && assignment.taskID)
        .map((assignment) => assignment.taskID),
    );
    expect(new Set(rows.map((row) => row.ID))).toEqual(expected);
    expect(rows.some((row) => shared().includes(String(row.ID)))).toBe(true);
    const mine = await taskIds('assignments:assignedToID=$$USER.ID');
    expect(mine).toEqual(tasksWhere((task) => task.assignedToID === demoId));
  });

  it('is an object of its own: ASSGN, by search and by ID', async () => {
    const rows = await readData(
      await server.request(`/v20.0/assgn/search?assignedToID=$$USER&${all}`),
    );
    expect(rows).toHaveLength(
      server.data.assignments.filter((assignment) => assignment.assignedToID === demoId).length,
    );
    const [first] = rows;
    const one = await readData<Row>(await server.request(`/v20.0/assignment/${String(first?.ID)}`));
    expect(one).toMatchObject({ ID: first?.ID, objCode: 'ASSGN', assignedToID: demoId });
  });

  it('a colleague sees the shared items in myWork, the demo user keeps exactly workItems', async () => {
    const colleagueWork = await readData(
      await server.request('/v20.0/work/myWork?$$LIMIT=2000', { token: colleagueToken }),
    );
    const sharedWithColleague = server.data.assignments
      .filter((assignment) => !assignment.isPrimary && assignment.assignedToID === colleagueId)
      .map((assignment) => assignment.taskID ?? assignment.opTaskID);
    expect(sharedWithColleague.length).toBeGreaterThan(0);
    const ids = colleagueWork.map((row) => row.ID);
    for (const ID of sharedWithColleague) expect(ids).toContain(ID);
    expect(await readData(await server.request('/v20.0/work/myWork?$$LIMIT=2000'))).toHaveLength(
      40,
    );
  });

  it('PROJ has its tasks as a collection', async () => {
    const [project] = server.data.projects;
    const row = await readData<Row>(
      await server.request(`/v20.0/project/${project?.ID ?? ''}?fields=tasks:status`),
    );
    const tasks = row.tasks as Row[];
    expect(tasks.map((task) => task.ID)).toEqual(
      tasksWhere((task) => task.projectID === project?.ID),
    );
    expect(tasks[0]).toHaveProperty('status');
  });
});
