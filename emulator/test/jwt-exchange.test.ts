import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import { apiGet } from './pkce-client.ts';

const run = promisify(execFile);
const repositoryRoot = resolve(import.meta.dirname, '../..');
const exchangePath = '/integrations/oauth2/api/v1/jwt/exchange';

const running = useEmulator();

interface M2mApp {
  clientId: string;
  clientSecret: string;
  customerId: string;
}

interface User {
  ID: string;
  emailAddr: string;
  isActive: boolean;
}

async function users(): Promise<User[]> {
  return (await (await running.control('GET', '/users')).json()) as User[];
}

async function createM2mApp(): Promise<{ app: M2mApp; privateKey: CryptoKey }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const response = await running.control('POST', '/apps', {
    type: 'm2m',
    name: 'Nightly sync',
    publicKeys: [await exportSPKI(publicKey)],
  });
  return { app: (await response.json()) as M2mApp, privateKey };
}

function sign(privateKey: CryptoKey, claims: JWTPayload, alg = 'RS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(privateKey);
}

const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;

function exchange(form: Record<string, string>): Promise<Response> {
  return fetch(`${running.baseUrl}${exchangePath}`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
}

async function emailOf(token: string): Promise<number | string> {
  const response = await apiGet(
    running.baseUrl,
    'user/search?ID=$$USER.ID&fields=emailAddr',
    token,
  );
  if (response.status !== 200) return response.status;
  const body = (await response.json()) as { data: { emailAddr: string }[] };
  return body.data[0]?.emailAddr ?? 'nobody';
}

/** The Node example of emulator/README.md, as it is printed there. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(repositoryRoot, 'emulator/README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .find((code) => code.includes('/jwt/exchange'));
  if (block === undefined) throw new Error('The README has no JWT exchange example');
  return block;
}

describe('the README example', () => {
  it('signs a JWT, exchanges it and calls the API as the user', async () => {
    const { stdout } = await run('node', ['--input-type=module', '-e', await readmeExample()], {
      cwd: repositoryRoot,
      env: { ...process.env, WF_EMULATOR_URL: running.baseUrl },
    });
    const [user] = await users();
    const answer = JSON.parse(stdout) as { data: { ID: string }[] };
    expect(answer.data.map((record) => record.ID)).toEqual([user?.ID]);
  });
});

describe('POST /integrations/oauth2/api/v1/jwt/exchange', () => {
  it('answers a session ID of the subject, which the REST API takes', async () => {
    const { app, privateKey } = await createM2mApp();
    const [demo] = await users();
    const jwt = await sign(privateKey, { iss: app.customerId, sub: demo?.ID, exp: inMinutes(3) });
    const response = await exchange({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      jwt_token: jwt,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { access_token: string };
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
      token_type: 'sessionID',
      expires_in: 3600,
      wid: demo?.ID,
    });
    expect(await emailOf(body.access_token)).toBe('demo@example.com');

    await running.control('DELETE', `/apps/${app.clientId}`);
    expect(await emailOf(body.access_token)).toBe(401);
  });

  it('follows accessTokenTtlSeconds and expiresInZero, on the emulator clock', async () => {
    await running.control('POST', '/settings', { accessTokenTtlSeconds: 60, expiresInZero: true });
    const { app, privateKey } = await createM2mApp();
    const [demo] = await users();
    const jwt = await sign(privateKey, { iss: app.customerId, sub: demo?.ID, exp: inMinutes(3) });
    const form = { client_id: app.clientId, client_secret: app.clientSecret, jwt_token: jwt };
    const body = (await (await exchange(form)).json()) as {
      access_token: string;
      expires_in: number;
    };
    expect(body.expires_in).toBe(0);
    await running.control('POST', '/clock', { advanceSeconds: 61 });
    expect(await emailOf(body.access_token)).toBe(401);
  });

  it('verifies against every public key of the app', async () => {
    const first = await generateKeyPair('RS256');
    const second = await generateKeyPair('RS256');
    const created = await running.control('POST', '/apps', {
      type: 'm2m',
      name: 'Two keys',
      publicKeys: [await exportSPKI(first.publicKey), await exportSPKI(second.publicKey)],
    });
    const app = (await created.json()) as M2mApp;
    const [demo] = await users();
    const jwt = await sign(second.privateKey, {
      iss: app.customerId,
      sub: demo?.ID,
      exp: inMinutes(3),
    });
    const response = await exchange({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      jwt_token: jwt,
    });
    expect(response.status).toBe(200);
  });

  it('takes the certificate that the JWT guide makes with openssl', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'wf-jwt-'));
    try {
      const keyPath = join(folder, 'private.key');
      const certificatePath = join(folder, 'certificate_pub.crt');
      await run('openssl', [
        'req',
        '-x509',
        '-sha256',
        '-nodes',
        '-newkey',
        'rsa:2048',
        '-keyout',
        keyPath,
        '-out',
        certificatePath,
        '-subj',
        '/CN=Nightly sync',
      ]);
      const created = await running.control('POST', '/apps', {
        type: 'm2m',
        name: 'Certificate',
        publicKeys: [await readFile(certificatePath, 'utf8')],
      });
      expect(created.status).toBe(201);
      const app = (await created.json()) as M2mApp;
      const privateKey = await importPKCS8(await readFile(keyPath, 'utf8'), 'RS256');
      const [demo] = await users();
      const jwt = await sign(privateKey, { iss: app.customerId, sub: demo?.ID, exp: inMinutes(3) });
      const form = { client_id: app.clientId, client_secret: app.clientSecret, jwt_token: jwt };
      expect((await exchange(form)).status).toBe(200);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses each bad JWT with invalid_grant and a reason', async () => {
    const { app, privateKey } = await createM2mApp();
    const [demo] = await users();
    const other = await generateKeyPair('RS256');
    const hmacKey = new TextEncoder().encode('a shared secret of at least 32 bytes!');
    const good = { iss: app.customerId, sub: demo?.ID, exp: inMinutes(3) };
    const cases: [string, Promise<string> | string, string][] = [
      ['another key', sign(other.privateKey, good), 'matches none of'],
      ['HS256', new SignJWT(good).setProtectedHeader({ alg: 'HS256' }).sign(hmacKey), 'RS256'],
      ['no exp', sign(privateKey, { iss: good.iss, sub: good.sub }), 'no exp claim'],
      ['an exp past', sign(privateKey, { ...good, exp: inMinutes(-1) }), 'expired'],
      [
        'an exp in milliseconds',
        sign(privateKey, { ...good, exp: Date.now() + 180_000 }),
        'more than a day',
      ],
      ['another iss', sign(privateKey, { ...good, iss: 'someone' }), 'customer ID'],
      ['no sub', sign(privateKey, { iss: good.iss, exp: good.exp }), 'no sub claim'],
      [
        'an unknown sub',
        sign(privateKey, { ...good, sub: 'f'.repeat(32) }),
        'not the ID of a user',
      ],
      ['a malformed token', 'not.a.jwt', 'not a valid JWT'],
    ];
    for (const [name, jwt, reason] of cases) {
      const response = await exchange({
        client_id: app.clientId,
        client_secret: app.clientSecret,
        jwt_token: await jwt,
      });
      const body = (await response.json()) as { error: string; error_description: string };
      expect({ name, status: response.status, error: body.error }).toEqual({
        name,
        status: 400,
        error: 'invalid_grant',
      });
      expect(body.error_description, name).toContain(reason);
    }
  });

  it('refuses a JWT that the emulator clock finds expired', async () => {
    const { app, privateKey } = await createM2mApp();
    const [demo] = await users();
    const jwt = await sign(privateKey, { iss: app.customerId, sub: demo?.ID, exp: inMinutes(3) });
    await running.control('POST', '/clock', { advanceSeconds: 300 });
    const response = await exchange({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      jwt_token: jwt,
    });
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The JWT expired: its exp is past',
    });
  });

  it('refuses the request itself: no JWT, a wrong secret, a key-less app, another type', async () => {
    const { app, privateKey } = await createM2mApp();
    const [demo] = await users();
    const jwt = await sign(privateKey, { iss: app.customerId, sub: demo?.ID, exp: inMinutes(3) });
    const answer = async (form: Record<string, string>) => {
      const response = await exchange(form);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await answer({ client_id: app.clientId, client_secret: app.clientSecret })).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'jwt_token is required' },
    });
    const wrongSecret = await answer({
      client_id: app.clientId,
      client_secret: 'wrong',
      jwt_token: jwt,
    });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const spa = await answer({ client_id: 'wf-demo-spa', jwt_token: jwt });
    expect(spa).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });

    await running.control('PATCH', `/apps/${app.clientId}`, { publicKeys: [] });
    const keyless = await answer({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      jwt_token: jwt,
    });
    expect(keyless.body.error_description).toBe(
      'The application has no public key: add one in its setup',
    );
  });

  it('answers in the configured error style, and is logged without the JWT', async () => {
    await running.control('POST', '/settings', { tokenErrorStyle: 'workfront-boolean' });
    const { app, privateKey } = await createM2mApp();
    const jwt = await sign(privateKey, { iss: app.customerId, sub: 'nobody', exp: inMinutes(3) });
    const response = await exchange({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      jwt_token: jwt,
    });
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: true,
      type: 'invalid_grant',
      message: 'sub is not the ID of a user of this instance',
    });
    const log = (await (await running.control('GET', '/log')).json()) as Record<string, unknown>[];
    expect(log.map((entry) => [entry.endpoint, entry.path, entry.status])).toEqual([
      ['jwt-exchange', exchangePath, 400],
    ]);
    expect(JSON.stringify(log)).not.toContain(jwt);
  });
});
