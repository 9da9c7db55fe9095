import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import { signIn } from './pkce-client.ts';

/**
 * The deprecated base paths in a full emulator: CORS, faults and the request log treat them as
 * the API, and the work/myWork switches are settings like the others.
 */
const running = useEmulator();
let token: string;
beforeEach(async () => {
  token = (await signIn(running.baseUrl)).tokens.access_token;
});

const appOrigin = 'http://localhost:5173';
const bases = ['/attask/api/v20.0', '/attask/api-internal', '/attask/api-unsupported'];

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${running.baseUrl}${path}`, { headers: { sessionID: token, ...headers } });

describe.each(bases)('%s', (base) => {
  it('answers the API', async () => {
    const response = await get(`${base}/work/myWork`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(40);
  });

  it('has the API CORS policy', async () => {
    const preflight = () =>
      fetch(`${running.baseUrl}${base}/task/search`, {
        method: 'OPTIONS',
        headers: {
          Origin: appOrigin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'sessionid',
        },
      });
    expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull();
    await running.control('POST', '/settings', { apiCors: true });
    const allowed = await preflight();
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(appOrigin);
    const answer = await get(`${base}/user/count`, { Origin: appOrigin });
    expect(answer.headers.get('access-control-allow-origin')).toBe(appOrigin);
  });

  it('takes the api faults and is logged as the api', async () => {
    await running.control('POST', '/faults', { target: 'api', count: 1, status: 503 });
    expect((await get(`${base}/user/count`)).status).toBe(503);
    expect((await get(`${base}/user/count`)).status).toBe(200);
    const log = (await (await running.control('GET', '/log')).json()) as {
      path: string;
      endpoint: string;
      fault?: string;
    }[];
    const entries = log.filter((entry) => entry.path.startsWith(base));
    expect(entries.map((entry) => entry.endpoint)).toEqual(['api', 'api']);
    expect(entries[0]?.fault).toBe('errorEnvelope 503');
  });
});

describe('the work/myWork settings', () => {
  it('are read and written through /__emulator/settings, and checked', async () => {
    const settings = async () =>
      (await (await running.control('GET', '/settings')).json()) as Record<string, unknown>;
    expect(await settings()).toMatchObject({
      myWorkObjCode: 'TASK_OPTASK',
      myWorkPaging: 'honoured',
    });
    const applied = await running.control('POST', '/settings', {
      myWorkObjCode: 'WORK',
      myWorkPaging: 'ignored',
    });
    expect(applied.status).toBe(200);
    const response = await get('/attask/api/v20.0/work/myWork?$$LIMIT=1');
    const items = ((await response.json()) as { data: { objCode: string }[] }).data;
    expect(items).toHaveLength(40);
    expect(items.every((item) => item.objCode === 'WORK')).toBe(true);
    const refused = await running.control('POST', '/settings', { myWorkPaging: 'sometimes' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'myWorkPaging must be "honoured" or "ignored" or "limit-only"',
    });
  });
});
