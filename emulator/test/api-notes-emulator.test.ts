import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import { signIn } from './pkce-client.ts';

/**
 * Creating a note in a full emulator, with a session from a real sign-in: the control API's faults,
 * clock and session endings apply to it as to any other API write.
 */
const running = useEmulator();
let token: string;
let taskId: string;
beforeEach(async () => {
  token = (await signIn(running.baseUrl)).tokens.access_token;
  const tasks = (await (await api('GET', 'task/search?$$LIMIT=1')).json()) as { data: Row[] };
  taskId = String(tasks.data[0]?.ID);
});

type Row = Record<string, unknown>;

function api(method: string, path: string, body?: URLSearchParams): Promise<Response> {
  return fetch(`${running.baseUrl}/attask/api/v20.0/${path}`, {
    method,
    headers: { sessionID: token },
    body,
  });
}

const createNote = (noteText: string) =>
  api('POST', 'note', new URLSearchParams({ noteText, taskID: taskId }));

async function noteTexts(): Promise<unknown[]> {
  const response = await api('GET', `note/search?taskID=${taskId}&entryDate_Sort=desc`);
  return ((await response.json()) as { data: Row[] }).data.map((row) => row.noteText);
}

describe('a note created in the full emulator', () => {
  it('is dated by the emulator clock', async () => {
    await running.control('POST', '/clock', { advanceSeconds: 600 });
    const { now } = (await (await running.control('GET', '/clock')).json()) as { now: string };
    const note = ((await (await createNote('Later')).json()) as { data: Row }).data;
    const entryDate = String(note.entryDate).replace(/:(\d{3})([+-])/, '.$1$2');
    expect(Math.abs(Date.parse(entryDate) - Date.parse(now))).toBeLessThan(5000);
  });

  it('takes an injected fault instead of being created', async () => {
    await running.control('POST', '/faults', {
      target: 'api',
      count: 1,
      path: '/note',
      status: 503,
    });
    const response = await createNote('Refused');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: { class: 'com.attask.common.InternalException' },
    });
    expect(await noteTexts()).not.toContain('Refused');
  });

  it('is created when the answer is lost (dropAfterProcessing), so a retry makes a second', async () => {
    await running.control('POST', '/faults', {
      target: 'api',
      count: 1,
      path: '/note',
      dropAfterProcessing: true,
    });
    await expect(createNote('Sent twice')).rejects.toThrow();
    expect((await createNote('Sent twice')).status).toBe(200);
    expect((await noteTexts()).filter((text) => text === 'Sent twice')).toHaveLength(2);
  });

  it('is refused, and not created, once the session has ended', async () => {
    await running.control('POST', '/sessions/expire', { tokens: 'access' });
    const response = await createNote('Too late');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { class: 'com.attask.common.AuthenticationException' },
    });
    token = (await signIn(running.baseUrl)).tokens.access_token;
    expect(await noteTexts()).not.toContain('Too late');
  });
});
