import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkfrontIssue, WorkfrontTask } from '../src/workfront/records.ts';
import { formatWorkfrontDate } from '../src/workfront/workfront-date.ts';
import {
  readData,
  readError,
  startApiServer,
  testNow,
  type ApiTestServer,
} from './api-test-server.ts';

type Row = Record<string, unknown>;

let server: ApiTestServer;
let task: WorkfrontTask;
let issue: WorkfrontIssue;

beforeAll(async () => {
  server = await startApiServer();
  const demoId = server.data.users[0]?.ID;
  const openTasks = server.data.tasks.filter(
    (candidate) => candidate.assignedToID === demoId && candidate.status === 'NEW',
  );
  const [firstTask] = openTasks;
  const [firstIssue] = server.data.issues;
  if (!firstTask || !firstIssue) throw new Error('The seed needs a new task and an issue');
  task = firstTask;
  issue = firstIssue;
});
afterAll(() => server.close());

function put(path: string, init: { body?: string; token?: string } = {}): Promise<Response> {
  return server.request(`/v16.0/${path}`, { method: 'PUT', ...init });
}

function updates(value: unknown): string {
  return `updates=${encodeURIComponent(JSON.stringify(value))}`;
}

describe('PUT with valid updates', () => {
  it('changes percentComplete and answers with the object', async () => {
    const row = await readData<Row>(
      await put(`task/${task.ID}?${updates({ percentComplete: 35 })}`),
    );
    expect(row).toMatchObject({ ID: task.ID, objCode: 'TASK', percentComplete: 35 });
    expect(task.percentComplete).toBe(35);
    expect(task.lastUpdateDate).toBe(testNow);
  });

  it('sets a custom status, and takes fields for the answer', async () => {
    const response = await put(
      `task/${task.ID}?${updates({ status: 'INP:A' })}&fields=lastUpdateDate`,
    );
    expect(await readData(response)).toMatchObject({
      status: 'INP:A',
      lastUpdateDate: formatWorkfrontDate(testNow),
    });
    const fetched = await readData<Row>(await server.request(`/v16.0/task/${task.ID}`));
    expect(fetched.status).toBe('INP:A');
  });

  it('accepts the updates as a JSON body, and an issue under the name issue', async () => {
    const response = await put(`issue/${issue.ID}`, { body: JSON.stringify({ status: 'INP' }) });
    expect(await readData(response)).toMatchObject({ objCode: 'OPTASK', status: 'INP' });
  });

  it('completes an item at 100 percent, which takes it out of myWork', async () => {
    const inMyWork = async () =>
      (await readData(await server.request('/v16.0/work/myWork'))).some(
        (row) => row.ID === task.ID,
      );
    expect(await inMyWork()).toBe(true);
    const row = await readData<Row>(await put(`task/${task.ID}?${updates({ status: 'CPL' })}`));
    expect(row).toMatchObject({ status: 'CPL', percentComplete: 100 });
    expect(await inMyWork()).toBe(false);
  });
});

describe('PUT with invalid updates', () => {
  const refusals: [string, string, string][] = [
    [
      'an unknown status',
      updates({ status: 'DONE' }),
      'Valid statuses: NEW, INP, ROP, AWF, ONH, CND, CLS, RLV, VCP, WTR, INP:R',
    ],
    ['a task status that issues do not have', updates({ status: 'CPL' }), 'not a valid status'],
    ['a lower-case status', updates({ status: 'cpl' }), 'not a valid status'],
    ['percentComplete above 100', updates({ percentComplete: 101 }), 'from 0 to 100'],
    ['percentComplete below 0', updates({ percentComplete: -1 }), 'from 0 to 100'],
    ['percentComplete as text', updates({ percentComplete: '50' }), 'from 0 to 100'],
    ['a field that cannot change', updates({ name: 'Renamed' }), 'name cannot be updated'],
    ['malformed JSON', 'updates=%7Bstatus%3A', 'not valid JSON'],
    ['JSON that is not an object', updates([1, 2]), 'must be a JSON object'],
    ['no updates at all', '', 'Send updates'],
  ];

  it.each(refusals)('refuses %s with an InvalidParameterException', async (_, query, message) => {
    const before = { ...issue };
    const response = await put(`optask/${issue.ID}?${query}`);
    expect(response.status).toBe(422);
    const error = await readError(response);
    expect(error).toMatchObject({ class: 'com.attask.common.InvalidParameterException', code: 0 });
    expect(error.message).toContain(message);
    expect(issue).toEqual(before);
  });

  it('changes nothing when one of several updates is refused', async () => {
    const before = { ...issue };
    const response = await put(
      `optask/${issue.ID}?${updates({ status: 'NEW', percentComplete: 500 })}`,
    );
    expect(response.status).toBe(422);
    expect(issue).toEqual(before);
  });

  it('refuses other objects, unknown IDs and sessions', async () => {
    const user = await put(`user/${server.data.users[0]?.ID ?? ''}?${updates({ title: 'CEO' })}`);
    expect(user.status).toBe(422);
    expect((await readError(user)).message).toContain('TASK and OPTASK only');
    const unknown = await put(
      `task/0123456789abcdef0123456789abcdef?${updates({ status: 'NEW' })}`,
    );
    expect(unknown.status).toBe(404);
    const signedOut = await put(`task/${task.ID}?${updates({ status: 'NEW' })}`, { token: 'gone' });
    expect(signedOut.status).toBe(401);
  });
});
