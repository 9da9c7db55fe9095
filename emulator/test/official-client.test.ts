import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The Node build exports the client as NodeApi (its typings also name the browser build's Api).
import { NodeApi } from 'workfront-api';
import { startEmulator, type RunningEmulator } from './harness.ts';
import { signIn } from './pkce-client.ts';

type Row = Record<string, unknown>;

/**
 * Workfront's own client (npm workfront-api) against a full emulator, with a session from a real
 * PKCE sign-in: what the client sends is what the emulator must understand.
 */
let running: RunningEmulator;
let token: string;
let userId: string;

beforeAll(async () => {
  running = await startEmulator();
  const { tokens } = await signIn(running.baseUrl);
  token = tokens.access_token;
  userId = tokens.wid;
});
afterAll(() => running.close());
beforeEach(async () => {
  await running.control('DELETE', '/log');
});

function client(config: { version?: string; alwaysUseGet?: boolean } = { version: '20.0' }) {
  const api = new NodeApi({ url: running.baseUrl, ...config });
  api.setSessionID(token);
  return api;
}

/** The paths of the API requests since the test began, as the request log shows them. */
async function loggedRequests(): Promise<string[]> {
  const entries = (await (await running.control('GET', '/log')).json()) as {
    method: string;
    path: string;
    endpoint: string;
  }[];
  return entries
    .filter((entry) => entry.endpoint === 'api')
    .map((entry) => `${entry.method} ${entry.path}`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject');
}

describe('search and count', () => {
  it('search sends filters, _Mod, fields and _Sort, and resolves with the data', async () => {
    const query = {
      assignedToID: '$$USER.ID',
      priority: 1,
      priority_Mod: 'gte',
      plannedCompletionDate_Mod: 'notnull',
      plannedCompletionDate_Sort: 'asc',
      $$LIMIT: 2000,
    };
    const rows = (await client().search('task', query, ['project:name', 'assignedToID'])) as Row[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({ objCode: 'TASK', assignedToID: userId });
      expect(row.priority).toBeGreaterThanOrEqual(1);
      expect(row.project).toHaveProperty('name');
    }
    const dates = rows.map((row) => String(row.plannedCompletionDate));
    expect(dates).toEqual([...dates].sort());
    expect(await client().count('task', query)).toBe(rows.length);
    expect(await loggedRequests()).toEqual([
      expect.stringMatching(/^GET \/attask\/api\/v20\.0\/task\/search\?assignedToID=/),
      expect.stringMatching(/^GET \/attask\/api\/v20\.0\/task\/count\?/),
    ]);
  });

  it('search with useHttpPost POSTs a form that says method=GET, and finds the same', async () => {
    const query = { status: ['NEW', 'INP'], status_Mod: 'in', name_Sort: 'asc' };
    const byGet = (await client().search('task', query, 'description')) as Row[];
    const byPost = (await client().search('task', query, 'description', true)) as Row[];
    expect(byPost).toEqual(byGet);
    expect(byPost.length).toBeGreaterThan(0);
    expect((await loggedRequests())[1]).toBe('POST /attask/api/v20.0/task/search');
  });
});

describe('get', () => {
  it('gets one object, several (id=a&id=b), and the user named by $$USER', async () => {
    const [first, second] = (await client().search('task', { $$LIMIT: 2 })) as Row[];
    const one = (await client().get('task', String(first?.ID), ['description'])) as Row;
    expect(one).toMatchObject({ ID: first?.ID, objCode: 'TASK' });
    expect(one).toHaveProperty('description');
    const several = (await client().get('task', [String(second?.ID), String(first?.ID)])) as Row[];
    expect(several.map((row) => row.ID)).toEqual([second?.ID, first?.ID]);
    const me = (await client().get('user', '$$USER')) as Row;
    expect(me).toMatchObject({ ID: userId, emailAddr: 'demo@example.com' });
    expect(await loggedRequests()).toContainEqual(
      expect.stringMatching(/^GET \/attask\/api\/v20\.0\/task\?id=\w+&id=\w+$/),
    );
  });

  it('answers a raw ?id=a,b with an array too', async () => {
    const rows = (await client().search('issue', { $$LIMIT: 2 })) as Row[];
    const ids = rows.map((row) => String(row.ID));
    const response = await fetch(`${running.baseUrl}/attask/api/v20.0/optask?id=${ids.join(',')}`, {
      headers: { sessionID: token },
    });
    const body = (await response.json()) as { data: Row[] };
    expect(body.data.map((row) => row.ID)).toEqual(ids);
  });
});

describe('edit', () => {
  it('PUTs the updates as a JSON body with fields in the query, and answers with the object', async () => {
    const [task] = (await client().search('task', { status: 'NEW', $$LIMIT: 1 })) as Row[];
    const ID = String(task?.ID);
    const edited = (await client().edit('task', ID, { status: 'INP', percentComplete: 40 }, [
      'lastUpdateDate',
    ])) as Row;
    expect(edited).toMatchObject({ ID, status: 'INP', percentComplete: 40 });
    expect(edited).toHaveProperty('lastUpdateDate');
    expect(await client().get('task', ID)).toMatchObject({ status: 'INP', percentComplete: 40 });
    // No updates in the query: they went in the body.
    expect((await loggedRequests())[1]).toBe(
      `PUT /attask/api/v20.0/task/${ID}?fields=lastUpdateDate`,
    );
  });

  it('closes an issue with CLS, at 100 percent, and is refused CPL', async () => {
    const [issue] = (await client().search('optask', { status: 'NEW', $$LIMIT: 1 })) as Row[];
    const ID = String(issue?.ID);
    expect(await rejection(client().edit('optask', ID, { status: 'CPL' }))).toEqual({
      status: 422,
      message: expect.stringContaining('"CPL" is not a valid status for OPTASK') as unknown,
    });
    expect(await client().edit('optask', ID, { status: 'CLS' })).toMatchObject({
      status: 'CLS',
      percentComplete: 100,
    });
  });
});

describe('create', () => {
  it("create('NOTE', …) POSTs the fields as JSON, and the note is then found on its task", async () => {
    const [task] = (await client().search('task', { $$LIMIT: 1 })) as Row[];
    const ID = String(task?.ID);
    const fields = { noteText: 'Posted by the client', noteObjCode: 'TASK', objID: ID };
    const note = (await client().create('NOTE', fields, ['owner:name'])) as Row;
    expect(note).toMatchObject({ objCode: 'NOTE', ...fields, ownerID: userId });
    expect(note.owner).toMatchObject({ ID: userId, name: expect.any(String) as unknown });
    const listed = (await client().search('note', { taskID: ID, entryDate_Sort: 'desc' }, [
      'noteText',
      'entryDate',
      'owner:name',
    ])) as Row[];
    expect(listed[0]).toMatchObject({ ID: note.ID, noteText: 'Posted by the client' });
    // The fields went in a JSON body, fields= in the query.
    expect((await loggedRequests())[1]).toBe('POST /attask/api/v20.0/NOTE?fields=owner%3Aname');
  });

  it('rejects a note without text with the status and message of the envelope', async () => {
    const [issue] = (await client().search('optask', { $$LIMIT: 1 })) as Row[];
    expect(await rejection(client().create('NOTE', { opTaskID: String(issue?.ID) }))).toEqual({
      status: 422,
      message: 'noteText is required: a note needs its text.',
    });
  });
});

describe('a client with alwaysUseGet', () => {
  it('sends every call as a GET with method= and the updates as JSON text in the query', async () => {
    const api = client({ version: '20.0', alwaysUseGet: true });
    const [task] = (await api.search('task', { status: 'NEW', $$LIMIT: 1 })) as Row[];
    const ID = String(task?.ID);
    expect(await api.edit('task', ID, { percentComplete: 70 })).toMatchObject({
      ID,
      percentComplete: 70,
    });
    expect(await api.count('task', { ID })).toBe(1);
    const note = { noteText: 'By GET', taskID: ID };
    expect(await api.create('NOTE', note)).toMatchObject({
      noteText: 'By GET',
      noteObjCode: 'TASK',
      objID: ID,
    });
    const requests = await loggedRequests();
    expect(requests.every((request) => request.startsWith('GET '))).toBe(true);
    expect(requests[1]).toBe(
      `GET /attask/api/v20.0/task/${ID}?updates=${encodeURIComponent('{"percentComplete":70}')}&method=PUT`,
    );
    expect(requests[3]).toBe(
      `GET /attask/api/v20.0/NOTE?updates=${encodeURIComponent(JSON.stringify(note))}&method=POST`,
    );
  });
});

describe('a client with no version', () => {
  it('uses /attask/api-internal, and errors name the INTERNAL model', async () => {
    const api = client({});
    const rows = (await api.search('user', { ID: '$$USER' })) as Row[];
    expect(rows).toMatchObject([{ ID: userId }]);
    expect(await rejection(api.search('project', { statusLabel: 'x' }))).toEqual({
      status: 422,
      message: 'APIModel INTERNAL does not support field statusLabel (Project)',
    });
    expect((await loggedRequests())[0]).toBe('GET /attask/api-internal/user/search?ID=%24%24USER');
  });
});

describe('errors', () => {
  it('reject with the status and the message of the envelope', async () => {
    expect(await rejection(client().search('task', { colour: 'red' }))).toEqual({
      status: 422,
      message: 'APIModel V20_0 does not support field colour (Task)',
    });
    expect(await rejection(client().search('task', { $$LIMIT: 2001 }))).toEqual({
      status: 422,
      message: 'The requested limit 2001 is greater than the maximum allowed limit of 2000',
    });
  });

  it('reject even with HTTP 200, when authErrorStatus says so', async () => {
    await running.control('POST', '/settings', { authErrorStatus: 200 });
    try {
      const api = new NodeApi({ url: running.baseUrl, version: '20.0' });
      api.setSessionID('no-such-session');
      expect(await rejection(api.search('task'))).toEqual({
        status: 200,
        message: 'You are not currently logged in.',
      });
    } finally {
      await running.control('POST', '/settings', { authErrorStatus: 401 });
    }
  });
});

describe('metadata and named queries', () => {
  it("metadata('optask') lists the issue statuses with their labels, and no CPL", async () => {
    const metadata = (await client().metadata('optask')) as {
      objCode: string;
      fields: Record<string, { fieldType: string; possibleValues?: { value: string }[] }>;
    };
    expect(metadata.objCode).toBe('OPTASK');
    const statuses = metadata.fields.status?.possibleValues ?? [];
    expect(statuses).toContainEqual({ label: 'Closed', value: 'CLS' });
    expect(statuses).toContainEqual({ label: 'In Review', value: 'INP:R' });
    expect(statuses.map((status) => status.value)).not.toContain('CPL');
  });

  it("namedQuery('work', 'myWork') resolves with the user's open tasks and issues", async () => {
    const items = (await client().namedQuery('work', 'myWork', {}, ['assignedToID'])) as Row[];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((item) => item.objCode))).toEqual(new Set(['TASK', 'OPTASK']));
    expect(items.every((item) => item.assignedToID === userId)).toBe(true);
  });
});

describe('logout', () => {
  it('resolves, and the session ID works no more', async () => {
    const { tokens } = await signIn(running.baseUrl);
    const api = new NodeApi({ url: running.baseUrl, version: '20.0' });
    api.setSessionID(tokens.access_token);
    expect(await api.search('user', { ID: '$$USER' })).toHaveLength(1);
    await expect(api.logout()).resolves.toBeUndefined();
    const again = new NodeApi({ url: running.baseUrl, version: '20.0' });
    again.setSessionID(tokens.access_token);
    expect(await rejection(again.search('user'))).toEqual({
      status: 401,
      message: 'You are not currently logged in.',
    });
  });
});
