import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../src/settings.ts';
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
let demo: { ID: string; name: string };
let task: WorkfrontTask;
let issue: WorkfrontIssue;
const minuteMs = 60_000;

beforeAll(async () => {
  server = await startApiServer();
  const [user] = server.data.users;
  const [firstTask] = server.data.tasks;
  const [firstIssue] = server.data.issues;
  if (!user || !firstTask || !firstIssue) throw new Error('The seed needs a task and an issue');
  demo = user;
  task = firstTask;
  issue = firstIssue;
});
afterAll(() => server.close());
beforeEach(() => {
  Object.assign(server.settings, defaultSettings);
  server.clock.now = testNow;
});

const updates = (value: unknown) => `updates=${encodeURIComponent(JSON.stringify(value))}`;

function post(
  path: string,
  init: { body?: URLSearchParams; token?: string } = {},
): Promise<Response> {
  return server.request(path, { method: 'POST', ...init });
}

/** Exactly the request of the app's Updates list (src/workfront/work-item-detail.ts). */
async function appUpdatesList(idField: 'taskID' | 'opTaskID', ID: string): Promise<Row[]> {
  const query = new URLSearchParams({
    [idField]: ID,
    fields: 'noteText,entryDate,owner:name',
    entryDate_Sort: 'desc',
  });
  return readData(await server.request(`/v20.0/note/search?${query.toString()}`));
}

describe('POST note', () => {
  it('creates a note on a task, owned by the user and dated now, with the default fields', async () => {
    server.clock.now = testNow + minuteMs;
    const fields = { noteText: 'Draft sent', noteObjCode: 'TASK', objID: task.ID };
    const response = await post(`/v20.0/note?${updates(fields)}`);
    expect(response.status).toBe(200);
    const note = await readData<Row>(response);
    expect(note).toEqual({
      ID: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
      objCode: 'NOTE',
      noteText: 'Draft sent',
      entryDate: formatWorkfrontDate(testNow + minuteMs),
      ownerID: demo.ID,
      noteObjCode: 'TASK',
      objID: task.ID,
    });
    expect(server.data.findById(String(note.ID))).toMatchObject({ taskID: task.ID });
  });

  it("shows in the app's Updates list, newest first, with the owner's name", async () => {
    for (const [minutes, noteText] of [
      [2, 'First'],
      [3, 'Second'],
    ] as const) {
      server.clock.now = testNow + minutes * minuteMs;
      await readData(await post(`/v20.0/note?${updates({ noteText, taskID: task.ID })}`));
    }
    const [newest, next, seeded] = await appUpdatesList('taskID', task.ID);
    expect(newest).toEqual({
      ID: expect.any(String) as unknown,
      objCode: 'NOTE',
      noteText: 'Second',
      entryDate: formatWorkfrontDate(testNow + 3 * minuteMs),
      ownerID: demo.ID,
      noteObjCode: 'TASK',
      objID: task.ID,
      owner: { ID: demo.ID, name: demo.name, objCode: 'USER' },
    });
    expect(next?.noteText).toBe('First');
    if (seeded) expect(String(seeded.entryDate) < String(next?.entryDate)).toBe(true);
  });

  it('on an issue: opTaskID as a plain form field, or objID and noteObjCode as JSON', async () => {
    const form = new URLSearchParams({
      noteText: 'Seen it',
      opTaskID: issue.ID,
      fields: 'opTaskID',
    });
    expect(await readData(await post('/v20.0/note', { body: form }))).toMatchObject({
      noteText: 'Seen it',
      noteObjCode: 'OPTASK',
      objID: issue.ID,
      opTaskID: issue.ID,
    });
    const json = await server.request('/v20.0/note?fields=owner:name', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ noteText: 'Fixed', noteObjCode: 'OPTASK', objID: issue.ID }),
    });
    expect(await readData(json)).toMatchObject({ owner: { name: demo.name } });
    const texts = (await appUpdatesList('opTaskID', issue.ID)).map((row) => row.noteText);
    expect(texts).toEqual(expect.arrayContaining(['Seen it', 'Fixed']));
  });

  it('takes the note code in any case, method=POST on a GET, and a name given twice', async () => {
    const fields = { noteText: 'Both', noteObjCode: 'TASK', objID: task.ID, taskID: task.ID };
    const response = await server.request(`/v20.0/NOTE?method=POST&${updates(fields)}`);
    expect(await readData(response)).toMatchObject({ noteText: 'Both', objID: task.ID });
  });

  it.each([
    ['/v16.0', '/attask/api'],
    ['/v22.0', '/attask/api'],
    ['', '/attask/api'],
    ['', '/attask/api-internal'],
    ['', '/attask/api-unsupported'],
  ])('is served at %s under %s', async (version, base) => {
    const body = new URLSearchParams({ noteText: `At ${base}${version}`, taskID: task.ID });
    const response = await fetch(server.url(`${version}/note`, base), {
      method: 'POST',
      headers: { sessionID: 'demo-session' },
      body,
    });
    expect(await readData(response)).toMatchObject({ noteText: `At ${base}${version}` });
  });
});

describe('POST note refused', () => {
  const refusals: [string, Row, number, string, string][] = [
    ['no noteText', { taskID: 'T' }, 422, 'InvalidParameterException', 'noteText is required'],
    ['an empty noteText', { noteText: '', taskID: 'T' }, 422, 'Invalid', 'noteText is required'],
    ['a blank noteText', { noteText: ' \n', taskID: 'T' }, 422, 'Invalid', 'noteText is required'],
    ['a noteText not text', { noteText: 5, taskID: 'T' }, 422, 'Invalid', 'must be text'],
    ['no object', { noteText: 'x' }, 422, 'Invalid', 'needs the object it is on'],
    ['objID alone', { noteText: 'x', objID: 'T' }, 422, 'Invalid', 'send both'],
    [
      'a noteObjCode the emulator keeps no notes on',
      { noteText: 'x', noteObjCode: 'USER', objID: 'T' },
      422,
      'Invalid',
      'noteObjCode USER is not one of TASK, OPTASK, PROJ',
    ],
    [
      'a noteObjCode in lower case',
      { noteText: 'x', noteObjCode: 'task', objID: 'T' },
      422,
      'Invalid',
      'noteObjCode task is not one of',
    ],
    [
      'two different objects',
      { noteText: 'x', noteObjCode: 'TASK', objID: 'T', opTaskID: 'I' },
      422,
      'Invalid',
      'name different objects',
    ],
    [
      'a field the emulator sets',
      { noteText: 'x', taskID: 'T', ownerID: 'someone' },
      422,
      'Invalid',
      'ownerID cannot be set',
    ],
    [
      'a field that NOTE does not have',
      { noteText: 'x', taskID: 'T', tags: [] },
      422,
      'java.lang.IllegalArgumentException',
      'APIModel V20_0 does not support field tags (Note)',
    ],
    [
      'an object that does not exist',
      { noteText: 'x', taskID: '0123456789abcdef0123456789abcdef' },
      404,
      'NotFoundException',
      'Task with primary key value(s) "0123456789abcdef0123456789abcdef" not found',
    ],
    [
      'the ID of an issue as a task',
      { noteText: 'x', noteObjCode: 'TASK', objID: 'I' },
      404,
      'NotFoundException',
      'Task with primary key value(s) "I" not found',
    ],
  ];

  it.each(refusals)(
    'refuses %s, and creates nothing',
    async (_, fields, status, className, text) => {
      const named = JSON.parse(
        JSON.stringify(fields).replaceAll('"T"', `"${task.ID}"`).replaceAll('"I"', `"${issue.ID}"`),
      ) as Row;
      const before = server.data.notes.length;
      const response = await post(`/v20.0/note?${updates(named)}`);
      expect(response.status).toBe(status);
      const error = await readError(response);
      expect(error.class).toContain(className);
      expect(error.message.replaceAll(issue.ID, 'I')).toContain(text);
      expect(server.data.notes).toHaveLength(before);
    },
  );

  it('refuses to create anything but a note, and a session that is not there', async () => {
    const project = await post(`/v20.0/project?name=New`);
    expect(project.status).toBe(422);
    expect((await readError(project)).message).toContain('creates NOTE only');
    const before = server.data.notes.length;
    const form = new URLSearchParams({ noteText: 'x', taskID: task.ID });
    const signedOut = await post('/v20.0/note', { body: form, token: 'expired' });
    expect(signedOut.status).toBe(401);
    expect((await readError(signedOut)).message).toBe('You are not currently logged in.');
    expect(server.data.notes).toHaveLength(before);
  });

  it("lists add among NOTE's operations in its metadata", async () => {
    const metadata = await readData<Row>(await server.request('/v20.0/note/metadata'));
    expect(metadata.operations).toEqual(['add', 'count', 'get', 'search']);
  });
});

describe('the note switches', () => {
  it('acceptBlankNoteText: a note of white space is created', async () => {
    server.settings.acceptBlankNoteText = true;
    const response = await post(`/v20.0/note?${updates({ noteText: '  ', taskID: task.ID })}`);
    expect(await readData(response)).toMatchObject({ noteText: '  ' });
    const empty = await post(`/v20.0/note?${updates({ noteText: '', taskID: task.ID })}`);
    expect(empty.status).toBe(422);
  });

  it("noteObjectFields=as-sent: a note named by objID is not in the app's list", async () => {
    server.settings.noteObjectFields = 'as-sent';
    const byObjID = { noteText: 'By objID', noteObjCode: 'OPTASK', objID: issue.ID };
    const byField = { noteText: 'By opTaskID', opTaskID: issue.ID };
    await readData(await post(`/v20.0/note?${updates(byObjID)}`));
    const answer = await readData<Row>(await post(`/v20.0/note?${updates(byField)}`));
    expect(answer).toMatchObject({ noteObjCode: null, objID: null });
    const listed = (await appUpdatesList('opTaskID', issue.ID)).map((row) => row.noteText);
    expect(listed).toContain('By opTaskID');
    expect(listed).not.toContain('By objID');
    const byObject = await readData(await server.request(`/v20.0/note/search?objID=${issue.ID}`));
    expect(byObject.map((row) => row.noteText)).toContain('By objID');
  });
});
