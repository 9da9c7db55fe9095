import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './harness.ts';
import { apiGet, signIn } from './pkce-client.ts';

let running: RunningEmulator;

beforeAll(async () => {
  running = await startEmulator();
});
afterAll(() => running.close());
beforeEach(async () => {
  await running.control('POST', '/reset');
});

interface AppBody {
  clientId: string;
  clientSecret?: string;
  name: string;
  hasClientSecret: boolean;
}

interface Refusal {
  error: string;
  fields?: Record<string, string>;
}

const spa = (overrides: Record<string, unknown> = {}) => ({
  type: 'spa',
  name: 'Reporting',
  redirectUrls: ['https://reports.example.com/callback'],
  ...overrides,
});

async function create(input: unknown): Promise<{ status: number; body: AppBody & Refusal }> {
  const response = await running.control('POST', '/apps', input);
  return { status: response.status, body: (await response.json()) as AppBody & Refusal };
}

const appCount = async () =>
  ((await (await running.control('GET', '/apps')).json()) as unknown[]).length;

describe('/__emulator/apps', () => {
  it('is seeded with the demo single-page application', async () => {
    const apps = (await (await running.control('GET', '/apps')).json()) as unknown[];
    expect(apps).toEqual([
      {
        clientId: 'wf-demo-spa',
        type: 'spa',
        name: 'Workfront OAuth SPA demo',
        description: expect.any(String) as unknown,
        logoUrl: '',
        redirectUrls: ['http://localhost:5173/callback', 'http://localhost:4173/callback'],
        rotateRefreshToken: true,
        absoluteExpirationSeconds: null,
        inactivityExpirationSeconds: 15_552_000,
        developerName: '',
        developerEmail: '',
        privacyPolicyUrl: '',
        publicKey: '',
        hasClientSecret: false,
      },
    ]);
  });

  it('creates a single-page application with a generated client ID and no secret', async () => {
    const { status, body } = await create(
      spa({ absoluteExpirationSeconds: 86_400, developerEmail: 'dev@example.com' }),
    );
    expect(status).toBe(201);
    expect(body.clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(body).not.toHaveProperty('clientSecret');
    expect(body).toMatchObject({ absoluteExpirationSeconds: 86_400, rotateRefreshToken: true });
  });

  it.each(['web', 'm2m'])('shows the client secret of a %s app once', async (type) => {
    const input =
      type === 'web'
        ? spa({ type })
        : {
            type,
            name: 'Nightly sync',
            publicKey: '-----BEGIN PUBLIC KEY-----\nAB\n-----END PUBLIC KEY-----',
          };
    const { body } = await create(input);
    expect(body.clientSecret).toMatch(/^[\w-]{43}$/);
    const listed = (await (
      await running.control('GET', `/apps/${body.clientId}`)
    ).json()) as object;
    expect(listed).toMatchObject({ hasClientSecret: true });
    expect(listed).not.toHaveProperty('clientSecret');
  });

  it('deletes and adds a client secret', async () => {
    const { body } = await create(spa({ type: 'web' }));
    const path = `/apps/${body.clientId}/client-secret`;
    expect((await running.control('POST', path)).status).toBe(409);
    expect((await running.control('DELETE', path)).status).toBe(204);
    const added = (await (await running.control('POST', path)).json()) as AppBody;
    expect(added.clientSecret).not.toBe(body.clientSecret);
    expect((await running.control('POST', '/apps/wf-demo-spa/client-secret')).status).toBe(400);
  });

  it('refuses an 11th application', async () => {
    for (let index = 2; index <= 10; index += 1) {
      expect((await create(spa({ name: `App ${index}` }))).status).toBe(201);
    }
    const eleventh = await create(spa({ name: 'App 11' }));
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.error).toMatch(/at most 10/);
    expect(await appCount()).toBe(10);
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name', 'Name is required'],
    ['a relative redirect URL', { redirectUrls: ['/callback'] }, 'redirectUrls', 'not an absolute'],
    ['a malformed redirect URL', { redirectUrls: ['http//x'] }, 'redirectUrls', 'not an absolute'],
    ['no redirect URL', { redirectUrls: [] }, 'redirectUrls', 'At least one'],
    ['a fragment', { redirectUrls: ['https://a.example/#x'] }, 'redirectUrls', 'fragment'],
    [
      'a zero expiration',
      { inactivityExpirationSeconds: 0 },
      'inactivityExpirationSeconds',
      'above 0',
    ],
    ['an unknown field', { colour: 'red' }, 'colour', 'Unknown field'],
    ['an unknown type', { type: 'desktop' }, 'type', 'Must be one of'],
  ])('refuses %s next to the field and saves nothing', async (_, overrides, field, message) => {
    const { status, body } = await create(spa(overrides));
    expect(status).toBe(400);
    expect(body.fields?.[field]).toContain(message);
    expect(await appCount()).toBe(1);
  });

  it('reports every invalid field at once', async () => {
    const { body } = await create({ type: 'spa', name: '', redirectUrls: ['nope'], logoUrl: 'x' });
    expect(Object.keys(body.fields ?? {}).sort()).toEqual(['logoUrl', 'name', 'redirectUrls']);
  });

  it('updates with PATCH, and leaves the app unchanged when a field is invalid', async () => {
    const patch = (changes: unknown) => running.control('PATCH', '/apps/wf-demo-spa', changes);
    expect((await patch({ name: 'Renamed', absoluteExpirationSeconds: 60 })).status).toBe(200);
    const refused = await patch({ name: 'Again', redirectUrls: ['relative'] });
    expect(refused.status).toBe(400);
    expect((await patch({ type: 'web' })).status).toBe(400);
    const app = (await (await running.control('GET', '/apps/wf-demo-spa')).json()) as object;
    expect(app).toMatchObject({ name: 'Renamed', absoluteExpirationSeconds: 60 });
    expect((await running.control('PATCH', '/apps/unknown', { name: 'x' })).status).toBe(404);
  });

  it('deletes an app and ends the sessions it was granted', async () => {
    const { tokens } = await signIn(running.baseUrl);
    expect((await running.control('DELETE', '/apps/wf-demo-spa')).status).toBe(204);
    expect((await running.control('DELETE', '/apps/wf-demo-spa')).status).toBe(404);
    expect((await apiGet(running.baseUrl, 'work/myWork', tokens.access_token)).status).toBe(401);
  });
});
