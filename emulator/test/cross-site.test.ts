import { request as httpRequest } from 'node:http';
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
): Promise<{ status: number; type: string; text: string }> {
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
    { Host: 'evil.example:PORT' },
    { Host: 'evil.example:PORT', Origin: 'http://evil.example:PORT' },
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
    { Host: '127.0.0.1:PORT', Origin: 'http://127.0.0.1:PORT' },
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
      expect((await send('POST', '/setup/oauth-apps', headers, form)).status).toBe(200);
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
