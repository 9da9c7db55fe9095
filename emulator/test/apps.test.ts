import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import { apiGet, signIn } from './pkce-client.ts';

const running = useEmulator();

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
        customerId: '5e0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b',
        type: 'spa',
        name: 'Workfront OAuth SPA demo',
        description: expect.any(String) as unknown,
        logoUrl: '',
        redirectUrls: ['http://localhost:5173/callback', 'http://localhost:4173/callback'],
        rotateRefreshToken: true,
        absoluteExpirationSeconds: null,
        inactivityExpirationSeconds: 15_552_000,
        applicationDescriptionUrl: '',
        developerName: '',
        developerEmail: '',
        privacyPolicyUrl: '',
        publicKeys: [],
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
    const input = type === 'web' ? spa({ type }) : { type, name: 'Nightly sync' };
    const { body } = await create(input);
    expect(body.clientSecret).toMatch(/^[\w-]{43}$/);
    const listed = (await (
      await running.control('GET', `/apps/${body.clientId}`)
    ).json()) as object;
    expect(listed).toMatchObject({ hasClientSecret: true });
    expect(listed).not.toHaveProperty('clientSecret');
  });

  it('keeps the application description URL of single-page and web apps', async () => {
    const url = 'https://reports.example.com/about';
    for (const type of ['spa', 'web']) {
      const { status, body } = await create(spa({ type, applicationDescriptionUrl: url }));
      expect(status).toBe(201);
      expect(body).toMatchObject({ applicationDescriptionUrl: url });
    }
    const refused = await create(spa({ applicationDescriptionUrl: 'about-us' }));
    expect(refused.body.fields).toEqual({
      applicationDescriptionUrl: 'Must be empty or an absolute http(s) URL',
    });
  });

  it('gives a machine-to-machine app only a name, a description and public keys', async () => {
    const { status, body } = await create({
      type: 'm2m',
      name: 'Nightly sync',
      logoUrl: 'https://example.com/logo.png',
      applicationDescriptionUrl: 'https://example.com/about',
      developerName: 'Ada',
    });
    expect(status).toBe(400);
    expect(body.fields).toEqual({
      logoUrl: 'A machine-to-machine app has no such field',
      applicationDescriptionUrl: 'A machine-to-machine app has no such field',
      developerName: 'A machine-to-machine app has no such field',
    });
  });

  it('keeps the PEM public keys of a machine-to-machine app, and refuses what cannot verify RS256', async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const publicKey = await exportSPKI(pair.publicKey);
    const created = await create({
      type: 'm2m',
      name: 'Nightly sync',
      publicKeys: [publicKey.replaceAll('\n', '\r\n')],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ publicKeys: [publicKey.trim()] });

    // jose will not make a key this small, so node:crypto does.
    const smallKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const cases: [unknown, string][] = [
      [[await exportPKCS8(pair.privateKey)], 'This is a private key'],
      [['-----BEGIN PUBLIC KEY-----\nAB\n-----END PUBLIC KEY-----'], 'cannot be read'],
      [['ssh-rsa AAAA'], 'Must be one PEM public key'],
      [[smallKey.export({ type: 'spki', format: 'pem' }).toString()], 'at least 2048 bits'],
      [[publicKey, publicKey], 'listed twice'],
      ['one key', 'Must be a list'],
    ];
    for (const [publicKeys, message] of cases) {
      const refused = await create({ type: 'm2m', name: 'Bad keys', publicKeys });
      expect(refused.body.fields?.publicKeys).toContain(message);
    }
    const onSpa = await create(spa({ publicKeys: [publicKey] }));
    expect(onSpa.body.fields?.publicKeys).toBe('Only a machine-to-machine app has public keys');
  });

  it('refuses new localhost redirect URLs with rejectLocalhostRedirects, and keeps the seeded ones', async () => {
    await running.control('POST', '/settings', { rejectLocalhostRedirects: true });
    for (const url of [
      'http://localhost:3000/cb',
      'http://127.0.0.1:3000/cb',
      'http://[::1]:3000/cb',
    ]) {
      const refused = await create(spa({ redirectUrls: [url] }));
      expect(refused.status).toBe(400);
      expect(refused.body.fields?.redirectUrls).toBe(
        `localhost cannot be used as a valid redirect URL: ${url}`,
      );
    }
    const patch = (changes: unknown) => running.control('PATCH', '/apps/wf-demo-spa', changes);
    const added = await patch({
      redirectUrls: ['http://localhost:5173/callback', 'http://localhost:9000/cb'],
    });
    expect(added.status).toBe(400);
    expect((await patch({ name: 'Renamed' })).status).toBe(200);
    const app = (await (await running.control('GET', '/apps/wf-demo-spa')).json()) as object;
    expect(app).toMatchObject({
      name: 'Renamed',
      redirectUrls: ['http://localhost:5173/callback', 'http://localhost:4173/callback'],
    });
    expect((await create(spa())).status).toBe(201);
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
