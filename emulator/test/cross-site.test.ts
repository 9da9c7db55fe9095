import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './harness.ts';
import { authorizePath, createPkcePair } from './pkce-client.ts';

let running: RunningEmulator;
let port: string;

beforeAll(async () => {
  running = await startEmulator();
  port = new URL(running.baseUrl).port;
});
afterAll(() => running.close());
beforeEach(async () => {
  await running.control('POST', '/reset');
});

/**
 * node:http, not fetch: fetch cannot set Host. PORT in a header stands for the emulator's port,
 * which the test tables cannot know yet.
 */
function send(
  method: string,
  path: string,
  headers: Partial<Record<string, string>>,
  body = '',
): Promise<{ status: number; type: string; text: string; headers: IncomingHttpHeaders }> {
  const withPort: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) withPort[name] = value.replace('PORT', port);
  }
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${running.baseUrl}${path}`,
      { method, headers: withPort },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'] ?? '',
            text,
            headers: response.headers,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const fault = JSON.stringify({ target: 'api', count: 1, status: 500 });
const pendingFaults = async () =>
  ((await (await running.control('GET', '/faults')).json()) as unknown[]).length;

describe('the control API', () => {
  it.each([
    { 'Sec-Fetch-Site': 'cross-site' },
    { 'Sec-Fetch-Site': 'cross-site', Origin: 'http://localhost:4173' },
    { Origin: 'https://evil.example' },
    { Origin: 'null' },
    { Origin: 'https://localhost:4173' },
    { Origin: 'http://localhost.evil.example:4173' },
  ])('refuses %j with a 403 and an error, and applies nothing', async (headers) => {
    const response = await send('POST', '/__emulator/faults', headers, fault);
    expect(response.status).toBe(403);
    expect(response.type).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toEqual({
      error: expect.stringContaining('refuses cross-site requests') as unknown,
    });
    expect(await pendingFaults()).toBe(0);
  });

  it('refuses a cross-site read as well', async () => {
    const response = await send('GET', '/__emulator/log', { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it.each([
    {},
    { 'Sec-Fetch-Site': 'same-site', Origin: 'http://localhost:4173' },
    { 'Sec-Fetch-Site': 'same-site', Origin: 'http://localhost:5173' },
    { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost:PORT' },
    { Host: '[::1]:PORT', Origin: 'http://[::1]:PORT' },
    { 'Sec-Fetch-Site': 'none' },
  ])('accepts %j', async (headers) => {
    const response = await send('POST', '/__emulator/faults', headers, fault);
    expect(response.status).toBe(201);
    expect(await pendingFaults()).toBe(1);
  });

  it('still answers a CORS preflight from a localhost page', async () => {
    const response = await send('OPTIONS', '/__emulator/sessions/revoke', {
      Origin: 'http://localhost:4173',
      'Sec-Fetch-Site': 'same-site',
      'Access-Control-Request-Method': 'POST',
    });
    expect(response.status).toBe(204);
  });
});

describe('the setup page', () => {
  const form = new URLSearchParams({
    type: 'spa',
    name: 'Planted',
    redirectUrls: 'https://evil.example/cb',
    absoluteExpirationSeconds: '',
    inactivityExpirationSeconds: '86400',
  }).toString();
  const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const appCount = async () =>
    ((await (await running.control('GET', '/apps')).json()) as unknown[]).length;

  it.each([
    ['/setup/oauth-apps', { 'Sec-Fetch-Site': 'cross-site' }],
    ['/setup/oauth-apps', { Origin: 'https://evil.example' }],
    ['/setup/oauth-apps/wf-demo-spa/delete', { Origin: 'https://evil.example' }],
  ])('refuses a cross-site POST to %s with a short page', async (path, headers) => {
    const response = await send('POST', path, { ...formHeaders, ...headers }, form);
    expect(response.status).toBe(403);
    expect(response.type).toMatch(/^text\/html/);
    expect(response.text).toContain('This form was sent from another site.');
    expect(await appCount()).toBe(1);
  });

  it('accepts its own forms and a localhost page’s', async () => {
    for (const origin of ['http://localhost:PORT', 'http://localhost:5173']) {
      const headers = { ...formHeaders, Origin: origin, 'Sec-Fetch-Site': 'same-origin' };
      expect((await send('POST', '/setup/oauth-apps', headers, form)).status).toBe(303);
    }
    expect(await appCount()).toBe(3);
  });

  it('still opens from a link on another site', async () => {
    const response = await send('GET', '/setup/oauth-apps', { 'Sec-Fetch-Site': 'cross-site' });
    expect(response.status).toBe(200);
  });
});

describe('the OAuth endpoints', () => {
  it('leave sign-in alone: authorize is a cross-site navigation from the app', async () => {
    const path = authorizePath({ challenge: createPkcePair().challenge });
    const response = await send('GET', path, {
      'Sec-Fetch-Site': 'cross-site',
      Origin: 'https://app.example.com',
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('<form');
  });
});

const signInPath = authorizePath({ challenge: createPkcePair().challenge });
const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('every route', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/setup/oauth-apps'],
    ['GET', '/setup/oauth-apps/wf-demo-spa'],
    ['POST', '/setup/oauth-apps/wf-demo-spa/delete'],
    ['GET', '/integrations/oauth2/authorize?client_id=wf-demo-spa'],
    ['POST', '/integrations/oauth2/api/v1/token'],
    ['GET', '/attask/api/v20.0/user/search'],
    ['POST', '/__emulator/faults'],
    ['GET', '/__emulator/issued-tokens'],
  ])('%s %s refuses a Host other than localhost: a DNS-rebound page', async (method, path) => {
    for (const Host of [
      'evil.example:PORT',
      'evil.example',
      'localhost.evil.example:PORT',
      '127.0.0.1:PORT',
    ]) {
      const response = await send(method, path, { Host }, method === 'POST' ? fault : '');
      expect(response.status, Host).toBe(421);
      expect(response.text).toContain('answers only on localhost');
    }
    expect(await pendingFaults()).toBe(0);
    expect((await running.control('GET', '/apps/wf-demo-spa')).status).toBe(200);
  });

  it.each(['localhost:PORT', 'localhost', 'LocalHost:PORT', '[::1]:PORT'])(
    'answers Host %s',
    async (Host) => {
      expect((await send('GET', '/setup/oauth-apps', { Host })).status).toBe(200);
    },
  );
});

const sessionCookie = (response: { headers: IncomingHttpHeaders }) =>
  response.headers['set-cookie']?.[0]?.split(';')[0] ?? '';

describe('every page', () => {
  const framingRefused = (response: { headers: IncomingHttpHeaders }) => {
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  };

  it.each([
    ['/', '/'],
    ['/setup/oauth-apps', '/setup/oauth-apps'],
    ['/setup/oauth-apps/new', '/setup/oauth-apps/new'],
    ['/setup/oauth-apps/wf-demo-spa', '/setup/oauth-apps/wf-demo-spa'],
    ['a 404 of the setup page', '/setup/oauth-apps/no-such-app'],
    ['the sign-in page', signInPath],
    ['an authorize error page', '/integrations/oauth2/authorize'],
  ])('%s refuses to be framed', async (_, path) => {
    const response = await send('GET', path, {});
    expect(response.type).toMatch(/^text\/html/);
    framingRefused(response);
  });

  it('the consent page and the answers to forms refuse to be framed too', async () => {
    const login = signInPath.replace('/authorize', '/login');
    const signedIn = await send('POST', login, formHeaders, 'email=demo@example.com&password=demo');
    const consent = await send('GET', signInPath, { Cookie: sessionCookie(signedIn) });
    expect(consent.text).toContain('Allow');
    framingRefused(consent);
    framingRefused(await send('POST', login, formHeaders, 'email=demo@example.com&password=no'));
    framingRefused(await send('POST', '/setup/oauth-apps', formHeaders, 'type=spa&name='));
  });
});

describe('the sign-in and consent forms', () => {
  const loginPath = signInPath.replace('/authorize', '/login');
  const consentPath = signInPath.replace('/authorize', '/consent');
  const signIn = (headers: Partial<Record<string, string>> = {}) =>
    send('POST', loginPath, { ...formHeaders, ...headers }, 'email=demo@example.com&password=demo');
  const consent = (cookie: string, headers: Partial<Record<string, string>> = {}) =>
    send('POST', consentPath, { ...formHeaders, Cookie: cookie, ...headers }, 'decision=allow');

  const refused = [
    { Origin: 'https://evil.example' },
    { Origin: 'null' },
    // The app's page is not the sign-in page: it navigates to authorize, it does not post.
    { Origin: 'http://localhost:5173', 'Sec-Fetch-Site': 'same-site' },
    { 'Sec-Fetch-Site': 'cross-site' },
  ];

  it.each(refused)('sign-in refuses %j, and signs no one in', async (headers) => {
    const response = await signIn(headers);
    expect(response.status).toBe(403);
    expect(response.type).toMatch(/^text\/html/);
    expect(response.text).toContain('This form was sent from another site.');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it.each(refused)('consent refuses %j, and grants nothing', async (headers) => {
    const cookie = sessionCookie(await signIn());
    const response = await consent(cookie, headers);
    expect(response.status).toBe(403);
    expect(response.text).toContain('This form was sent from another site.');
    expect(response.headers.location).toBeUndefined();
    const again = await send('GET', signInPath, { Cookie: cookie });
    expect(again.status).toBe(200);
    expect(again.text).toContain('Allow');
  });

  it.each([
    {},
    { Origin: 'http://localhost:PORT', 'Sec-Fetch-Site': 'same-origin' },
    { Host: '[::1]:PORT', Origin: 'http://[::1]:PORT', 'Sec-Fetch-Site': 'same-origin' },
  ])('accept their own page’s posts: %j', async (headers) => {
    const signedIn = await signIn(headers);
    expect(signedIn.status).toBe(303);
    const consented = await consent(sessionCookie(signedIn), headers);
    expect(consented.status).toBe(303);
    expect(consented.headers.location).toContain('code=');
  });
});

describe('the issued tokens', () => {
  it.each([
    { Origin: 'http://localhost:4173' },
    { Origin: 'http://localhost:PORT', 'Sec-Fetch-Site': 'same-origin' },
    { 'Sec-Fetch-Site': 'same-site' },
    { 'Sec-Fetch-Site': 'none' },
  ])('are refused to a browser, even on localhost: %j', async (headers) => {
    const response = await send('GET', '/__emulator/issued-tokens', headers);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({
      error: expect.stringContaining('no page may read them') as unknown,
    });
  });

  it('are read by Node’s fetch, as the e2e suite reads them', async () => {
    const response = await running.control('GET', '/issued-tokens');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accessTokens: [], refreshTokens: [] });
  });

  it('leave the rest of the control API to the app’s page', async () => {
    const response = await send('GET', '/__emulator/settings', {
      Origin: 'http://localhost:4173',
      'Sec-Fetch-Site': 'same-site',
    });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4173');
  });
});
