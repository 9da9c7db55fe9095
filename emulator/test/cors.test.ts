import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import { signIn } from './pkce-client.ts';

const running = useEmulator();

const appOrigin = 'http://localhost:5173';
const tokenPath = '/integrations/oauth2/api/v1/token';
const apiPath = '/attask/api/v22.0/work/myWork';

function preflight(path: string, origin: string, requestHeaders: string): Promise<Response> {
  return fetch(`${running.baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': path === tokenPath ? 'POST' : 'GET',
      'Access-Control-Request-Headers': requestHeaders,
    },
  });
}

const allowedOrigin = (response: Response) => response.headers.get('access-control-allow-origin');

describe('CORS on the token endpoint', () => {
  it('answers a preflight from a registered redirect origin', async () => {
    const response = await preflight(tokenPath, appOrigin, 'content-type');
    expect(response.status).toBe(204);
    expect(allowedOrigin(response)).toBe(appOrigin);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from any other origin', async () => {
    const response = await preflight(tokenPath, 'http://localhost:9999', 'content-type');
    expect(response.status).toBe(403);
    expect(allowedOrigin(response)).toBeNull();
  });

  it('allows the origin on the token response itself', async () => {
    const response = await fetch(`${running.baseUrl}${tokenPath}`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:4173' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'wf-demo-spa' }),
    });
    expect(response.status).toBe(400);
    expect(allowedOrigin(response)).toBe('http://localhost:4173');
  });

  it('follows the registered apps', async () => {
    await running.control('POST', '/apps', {
      type: 'spa',
      name: 'New',
      redirectUrls: ['https://new.example.com/cb'],
    });
    const response = await preflight(tokenPath, 'https://new.example.com', 'content-type');
    expect(allowedOrigin(response)).toBe('https://new.example.com');
  });

  it('sends no CORS headers when tokenCors is off', async () => {
    await running.control('POST', '/settings', { tokenCors: false });
    expect(allowedOrigin(await preflight(tokenPath, appOrigin, 'content-type'))).toBeNull();
  });
});

describe('CORS on the REST API', () => {
  it('is off by default', async () => {
    expect(allowedOrigin(await preflight(apiPath, appOrigin, 'sessionid'))).toBeNull();
  });

  it('answers registered origins, with the sessionID header, when apiCors is on', async () => {
    await running.control('POST', '/settings', { apiCors: true });
    const allowed = await preflight(apiPath, appOrigin, 'sessionid');
    expect(allowed.status).toBe(204);
    expect(allowedOrigin(allowed)).toBe(appOrigin);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('sessionID');
    expect((await preflight(apiPath, 'https://evil.example', 'sessionid')).status).toBe(403);

    const { tokens } = await signIn(running.baseUrl);
    const response = await fetch(`${running.baseUrl}${apiPath}`, {
      headers: { Origin: appOrigin, sessionID: tokens.access_token },
    });
    expect(response.status).toBe(200);
    expect(allowedOrigin(response)).toBe(appOrigin);
  });
});

describe('CORS on the control API', () => {
  it('answers any localhost origin and no other', async () => {
    const local = await preflight('/__emulator/settings', 'http://localhost:6006', 'content-type');
    expect(allowedOrigin(local)).toBe('http://localhost:6006');
    const remote = await preflight('/__emulator/settings', 'https://example.com', 'content-type');
    expect(allowedOrigin(remote)).toBeNull();
  });
});
