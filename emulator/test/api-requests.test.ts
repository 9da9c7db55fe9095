import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../src/settings.ts';
import type { WorkfrontIssue, WorkfrontTask } from '../src/workfront/records.ts';
import { isFinished } from '../src/workfront/statuses.ts';
import {
  demoToken,
  readData,
  readError,
  startApiServer,
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
beforeEach(() => {
  Object.assign(server.settings, defaultSettings);
});

function openTask(index = 0): WorkfrontTask {
  const task = server.data.tasks.filter(
    (candidate) => candidate.assignedToID === demoId && candidate.status === 'NEW',
  )[index];
  if (!task) throw new Error('The seed needs new tasks of the demo user');
  return task;
}

function openIssue(): WorkfrontIssue {
  const issue = server.data.issues.find(
    (candidate) => candidate.assignedToID === demoId && candidate.status === 'NEW',
  );
  if (!issue) throw new Error('The seed needs a new issue of the demo user');
  return issue;
}

const updates = (value: unknown) => `updates=${encodeURIComponent(JSON.stringify(value))}`;

describe('the method parameter (api-basics.md)', () => {
  it('GET …?method=PUT&updates=… changes the object', async () => {
    const task = openTask();
    const response = await server.request(
      `/v20.0/task/${task.ID}?method=PUT&${updates({ percentComplete: 15 })}`,
    );
    expect(await readData(response)).toMatchObject({ ID: task.ID, percentComplete: 15 });
    expect(task.percentComplete).toBe(15);
  });

  it('accepts the method in any case, and refuses one that is not a method', async () => {
    const task = openTask();
    const lower = await server.request(`/v20.0/task/${task.ID}?method=put&status=INP`);
    expect(await readData(lower)).toMatchObject({ status: 'INP' });
    const refused = await server.request(`/v20.0/task/${task.ID}?method=PATCH&status=NEW`);
    expect(refused.status).toBe(422);
    expect((await readError(refused)).message).toContain('method=PATCH');
  });

  it('POST …/search with a form body that says method=GET searches', async () => {
    const form = new URLSearchParams({ method: 'GET', status: 'INP:A', fields: 'assignedToID' });
    const response = await server.request('/v20.0/task/search', { method: 'POST', body: form });
    const rows = await readData(response);
    expect(rows.map((row) => row.ID)).toEqual(
      server.data.tasks.filter((task) => task.status === 'INP:A').map((task) => task.ID),
    );
    expect(rows[0]).toHaveProperty('assignedToID');
  });

  it('a POST without method=GET is not a search', async () => {
    const response = await server.request('/v20.0/task/search', {
      method: 'POST',
      body: new URLSearchParams({ status: 'NEW' }),
    });
    expect(response.status).toBe(404);
  });

  it('takes the session ID from a form body too', async () => {
    const form = new URLSearchParams({ method: 'GET', sessionID: demoToken, ID: '$$USER' });
    const response = await server.request('/v20.0/user/search', {
      method: 'POST',
      token: null,
      body: form,
    });
    expect(await readData(response)).toMatchObject([{ ID: demoId }]);
  });
});

describe('where the updates come from', () => {
  it('plain field parameters: PUT task/<ID>?status=INP&percentComplete=20', async () => {
    const task = openTask(1);
    const response = await server.request(`/v20.0/task/${task.ID}?status=INP&percentComplete=20`, {
      method: 'PUT',
    });
    expect(await readData(response)).toMatchObject({ status: 'INP', percentComplete: 20 });
  });

  it('a form body, with updates or with plain fields', async () => {
    const task = openTask(2);
    const put = (form: Record<string, string>) =>
      server.request(`/v20.0/task/${task.ID}`, { method: 'PUT', body: new URLSearchParams(form) });
    expect(
      await readData(await put({ updates: JSON.stringify({ percentComplete: 5 }) })),
    ).toMatchObject({ percentComplete: 5 });
    expect(await readData(await put({ percentComplete: '6' }))).toMatchObject({
      percentComplete: 6,
    });
  });

  it('a JSON body with Content-Type application/json', async () => {
    const task = openTask(3);
    const response = await server.request(`/v20.0/task/${task.ID}?fields=lastUpdateDate`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'INP:A' }),
    });
    expect(await readData(response)).toMatchObject({ status: 'INP:A' });
  });

  it("refuses a field the object does not have in Workfront's words, and changes nothing", async () => {
    const task = openTask(4);
    const before = { ...task };
    const response = await server.request(`/v20.0/task/${task.ID}?status=INP&colour=red`, {
      method: 'PUT',
    });
    expect(response.status).toBe(422);
    expect(await readError(response)).toEqual({
      class: 'java.lang.IllegalArgumentException',
      message: 'APIModel V20_0 does not support field colour (Task)',
    });
    expect(task).toEqual(before);
  });

  it('edits by ?id= as well: PUT task?id=<ID>&status=…', async () => {
    const task = openTask(5);
    const response = await server.request(`/v20.0/task?id=${task.ID}&status=INP`, {
      method: 'PUT',
    });
    expect(await readData(response)).toMatchObject({ ID: task.ID, status: 'INP' });
  });
});

describe('getting several objects', () => {
  const [first, second, third] = [0, 1, 2];

  it('answers ?id=a,b and ?id=a&id=b with an array in the order asked, ?id=a with the object', async () => {
    const ids = [third, first, second].map((index) => server.data.tasks[index]?.ID ?? '');
    const listed = await readData(await server.request(`/v20.0/task?id=${ids.join(',')}`));
    expect(listed.map((row) => row.ID)).toEqual(ids);
    const repeated = await readData(
      await server.request(`/v20.0/task?${ids.map((ID) => `id=${ID}`).join('&')}&fields=projectID`),
    );
    expect(repeated.map((row) => row.ID)).toEqual(ids);
    expect(repeated[0]).toHaveProperty('projectID');
    const one = await readData<Row>(await server.request(`/v20.0/task?id=${ids[0] ?? ''}`));
    expect(one).toMatchObject({ ID: ids[0], objCode: 'TASK' });
  });

  it('answers 404 for an ID that is not there, and 422 for no ID at all', async () => {
    const known = server.data.tasks[0]?.ID ?? '';
    const missing = await server.request(
      `/v20.0/task?id=${known},0123456789abcdef0123456789abcdef`,
    );
    expect(missing.status).toBe(404);
    expect((await server.request('/v20.0/task')).status).toBe(422);
  });
});

describe('the deprecated base paths', () => {
  it('serve api-internal and api-unsupported like the versioned API, errors naming their model', async () => {
    for (const [base, model] of [
      ['/attask/api-internal', 'INTERNAL'],
      ['/attask/api-unsupported', 'UNSUPPORTED'],
      ['/attask/api', 'V22_0'],
    ]) {
      const found = await fetch(server.url('/user/search?ID=$$USER', base), {
        headers: { sessionID: demoToken },
      });
      expect(await readData(found)).toMatchObject([{ ID: demoId }]);
      const refused = await fetch(server.url('/task/search?colour=red', base), {
        headers: { sessionID: demoToken },
      });
      expect((await readError(refused)).message).toBe(
        `APIModel ${model} does not support field colour (Task)`,
      );
      const signedOut = await fetch(server.url('/task/search', base));
      expect(signedOut.status).toBe(401);
    }
  });
});

describe('<obj>/metadata', () => {
  interface Metadata {
    name: string;
    label: string;
    objCode: string;
    url: string;
    fields: Record<string, { label: string; fieldType: string; enumType: string | null } & Row>;
    references: Record<string, Row>;
    collections: Record<string, Row>;
    operations: string[];
  }
  const metadata = async (objCode: string) =>
    readData<Metadata>(await server.request(`/v20.0/${objCode}/metadata`));

  it('has the shape of the official client fixture', async () => {
    const task = await metadata('task');
    expect(task).toMatchObject({
      name: 'Task',
      label: 'Task',
      objCode: 'TASK',
      url: server.url('/v20.0/task/metadata'),
      search: {},
      actions: {},
      queries: {},
      operations: ['count', 'edit', 'get', 'search'],
    });
    expect(task.fields.percentComplete).toEqual({
      label: 'Percent Complete',
      typeObjCode: null,
      targetTypeObjCode: null,
      fieldType: 'double',
      enumTargetObjCode: null,
      enumType: null,
      url: null,
    });
    expect(task.fields).not.toHaveProperty('objCode');
    expect(Object.keys(task.fields)).toEqual([...Object.keys(task.fields)].sort());
    expect(task.fields.priority?.fieldType).toBe('int');
    expect(task.fields.plannedCompletionDate?.fieldType).toBe('dateTime');
    expect(task.fields.assignedToID?.label).toBe('Assigned To ID');
    expect(task.references.project).toMatchObject({
      typeObjCode: 'PROJ',
      fieldType: 'Project',
      url: server.url('/v20.0/proj/metadata'),
    });
    expect(task.collections.assignments).toMatchObject({ typeObjCode: 'ASSGN' });
    expect((await metadata('user')).fields.isActive?.fieldType).toBe('boolean');
    expect((await metadata('user')).operations).toEqual(['count', 'get', 'search']);
  });

  it('lists each kind of status with its label, custom ones included', async () => {
    const values = async (objCode: string) =>
      (await metadata(objCode)).fields.status?.possibleValues as { value: string; label: string }[];
    expect(await values('task')).toEqual([
      { label: 'New', value: 'NEW' },
      { label: 'In Progress', value: 'INP' },
      { label: 'Complete', value: 'CPL' },
      { label: 'Awaiting Approval', value: 'INP:A' },
    ]);
    const issue = await values('issue');
    expect(issue.map((status) => status.value)).toEqual([
      'NEW',
      'INP',
      'ROP',
      'AWF',
      'ONH',
      'CND',
      'CLS',
      'RLV',
      'VCP',
      'WTR',
      'INP:R',
    ]);
    expect(issue).toContainEqual({ label: "Won't Resolve", value: 'WTR' });
    expect((await metadata('optask')).fields.status?.enumType).toBe(
      'com.attask.common.constants.OpTaskStatusEnum',
    );
    expect((await values('proj')).map((status) => status.value)).toContain('CUR');
  });

  it('answers 404 for an unknown object code', async () => {
    expect((await server.request('/v20.0/widget/metadata')).status).toBe(404);
  });
});

describe('statuses', () => {
  it('count tasks finished at CPL, issues at any closed status, custom ones by their base', () => {
    expect(isFinished('TASK', 'CPL')).toBe(true);
    expect(isFinished('TASK', 'CPL:X')).toBe(true);
    expect(isFinished('TASK', 'CLS')).toBe(false);
    for (const status of ['CLS', 'CND', 'RLV', 'VCP', 'WTR', 'CLS:X']) {
      expect(isFinished('OPTASK', status), status).toBe(true);
    }
    for (const status of ['NEW', 'INP', 'AWF', 'ONH', 'ROP', 'INP:R', 'CPL']) {
      expect(isFinished('OPTASK', status), status).toBe(false);
    }
  });

  it('seeds issues with issue statuses only', () => {
    const issueStatuses = new Set(server.data.issues.map((issue) => issue.status));
    expect(issueStatuses.has('CPL' as never)).toBe(false);
    expect([...issueStatuses].some((status) => isFinished('OPTASK', status))).toBe(true);
  });

  it('a resolved issue leaves myWork, at 100 percent', async () => {
    const issue = openIssue();
    const inMyWork = async () =>
      (await readData(await server.request('/v20.0/work/myWork?$$LIMIT=2000'))).some(
        (row) => row.ID === issue.ID,
      );
    expect(await inMyWork()).toBe(true);
    const row = await readData<Row>(
      await server.request(`/v20.0/issue/${issue.ID}?status=RLV`, { method: 'PUT' }),
    );
    expect(row).toMatchObject({ status: 'RLV', percentComplete: 100 });
    expect(await inMyWork()).toBe(false);
  });
});

describe('work/myWork switches', () => {
  const myWork = async (query = '') =>
    readData(await server.request(`/v20.0/work/myWork?fields=assignedToID${query}`));

  it('myWorkObjCode=WORK: every item says WORK, and nothing else changes', async () => {
    const own = await myWork();
    server.settings.myWorkObjCode = 'WORK';
    const work = await myWork();
    expect(work.every((row) => row.objCode === 'WORK')).toBe(true);
    expect(work.map((row) => ({ ...row, objCode: 'x' }))).toEqual(
      own.map((row) => ({ ...row, objCode: 'x' })),
    );
    expect(Object.keys(work[0] ?? {})).toEqual(Object.keys(own[0] ?? {}));
  });

  it('myWorkPaging=ignored: $$FIRST, $$LIMIT and _Sort change nothing', async () => {
    const natural = await myWork();
    const query = '&$$FIRST=3&$$LIMIT=5&name_Sort=desc&priority_1_Sort=asc';
    expect((await myWork(query)).length).toBe(5);
    server.settings.myWorkPaging = 'ignored';
    expect(await myWork(query)).toEqual(natural);
    expect(natural.length).toBeGreaterThan(5);
    // Filters still apply.
    const filtered = await myWork('&status=NEW');
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(natural.length);
  });

  it('myWorkPaging=limit-only: $$LIMIT and _Sort apply, and every page starts at the first item', async () => {
    const sorted = await myWork('&name_Sort=desc');
    server.settings.myWorkPaging = 'limit-only';
    expect(await myWork('&$$FIRST=3&$$LIMIT=5&name_Sort=desc')).toEqual(sorted.slice(0, 5));
    expect(await myWork('&$$FIRST=1&$$LIMIT=1')).toEqual(await myWork('&$$LIMIT=1'));
    expect(await myWork('&$$FIRST=x')).toEqual(await myWork());
    expect((await server.request('/v20.0/work/myWork?$$LIMIT=2001')).status).toBe(422);
  });
});
