import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import {
  apiGet,
  authorizeInBrowser,
  createBrowser,
  demoClientId,
  demoRedirectUri,
  refreshTokens,
  signIn,
  type TokenBody,
} from './pkce-client.ts';

const running = useEmulator();

const revokePath = '/integrations/oauth2/api/v1/revoke';

/** Workfront's demo signs out with exactly this request (oauth2-pkce-demo, index.html). */
function revokeAsTheDemo(refreshToken: string, headers: Record<string, string> = {}) {
  return fetch(`${running.baseUrl}${revokePath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=utf-8', ...headers },
    body: JSON.stringify({
      client_id: demoClientId,
      refresh_token: refreshToken,
      redirect_uri: demoRedirectUri,
    }),
  });
}

function revokeForm(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${running.baseUrl}${revokePath}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form),
  });
}

const apiStatus = async (token: string) =>
  (await apiGet(running.baseUrl, 'user/search?ID=$$USER.ID', token)).status;

async function errorOf(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /integrations/oauth2/api/v1/revoke', () => {
  it("ends the demo's session: 200 with no body, and the refresh and access tokens stop working", async () => {
    const { tokens } = await signIn(running.baseUrl);
    const response = await revokeAsTheDemo(tokens.refresh_token ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('');
    expect(await apiStatus(tokens.access_token)).toBe(401);
    expect(
      (await errorOf(await refreshTokens(running.baseUrl, tokens.refresh_token ?? ''))).body,
    ).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token is unknown or revoked',
    });
  });

  it("revokes the whole chain from a rotated-out token, the new one's access token included", async () => {
    const { tokens } = await signIn(running.baseUrl);
    const rotated = (await (
      await refreshTokens(running.baseUrl, tokens.refresh_token ?? '')
    ).json()) as TokenBody;
    expect((await revokeAsTheDemo(tokens.refresh_token ?? '')).status).toBe(200);
    expect(await apiStatus(rotated.access_token)).toBe(401);
    expect((await refreshTokens(running.baseUrl, rotated.refresh_token ?? '')).status).toBe(400);
  });

  it("takes a form body and RFC 7009's token field", async () => {
    const { tokens } = await signIn(running.baseUrl);
    const response = await revokeForm({
      client_id: demoClientId,
      token: tokens.refresh_token ?? '',
    });
    expect(response.status).toBe(200);
    expect(await apiStatus(tokens.access_token)).toBe(401);
  });

  it('revokes one access token given as token, and leaves the refresh token working', async () => {
    const { tokens } = await signIn(running.baseUrl);
    const response = await revokeForm({ client_id: demoClientId, token: tokens.access_token });
    expect(response.status).toBe(200);
    expect(await apiStatus(tokens.access_token)).toBe(401);
    expect((await refreshTokens(running.baseUrl, tokens.refresh_token ?? '')).status).toBe(200);
  });

  it('answers 200 for an unknown or already revoked token (RFC 7009)', async () => {
    expect((await revokeAsTheDemo('never-issued')).status).toBe(200);
    const { tokens } = await signIn(running.baseUrl);
    await revokeAsTheDemo(tokens.refresh_token ?? '');
    expect((await revokeAsTheDemo(tokens.refresh_token ?? '')).status).toBe(200);
  });

  it('refuses a missing token, an unknown client and a token of another client', async () => {
    expect(await errorOf(await revokeForm({ client_id: demoClientId }))).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'refresh_token is required' },
    });
    const unknown = await revokeForm({ client_id: 'nope', refresh_token: 'x' });
    expect((await errorOf(unknown)).status).toBe(401);

    const { tokens } = await signIn(running.baseUrl);
    const created = await running.control('POST', '/apps', {
      type: 'spa',
      name: 'Other',
      redirectUrls: ['https://other.example.com/cb'],
    });
    const { clientId } = (await created.json()) as { clientId: string };
    const other = await revokeForm({
      client_id: clientId,
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(await errorOf(other)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'The token was issued to another client' },
    });
    expect(await apiStatus(tokens.access_token)).toBe(200);
  });

  it('asks a web application for its client secret', async () => {
    const redirectUri = 'http://localhost:3000/cb';
    const created = await running.control('POST', '/apps', {
      type: 'web',
      name: 'Web',
      redirectUrls: [redirectUri],
    });
    const { clientId, clientSecret } = (await created.json()) as {
      clientId: string;
      clientSecret: string;
    };
    const redirect = await authorizeInBrowser(createBrowser(running.baseUrl), {
      clientId,
      redirectUri,
    });
    const exchanged = await fetch(`${running.baseUrl}/integrations/oauth2/api/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uri: redirectUri,
        code: redirect.searchParams.get('code') ?? '',
      }),
    });
    const tokens = (await exchanged.json()) as TokenBody;
    const form = { client_id: clientId, refresh_token: tokens.refresh_token ?? '' };
    expect((await revokeForm(form)).status).toBe(401);
    expect((await revokeForm({ ...form, client_secret: clientSecret })).status).toBe(200);
    expect(await apiStatus(tokens.access_token)).toBe(401);
  });

  it('answers in the configured error style', async () => {
    await running.control('POST', '/settings', { tokenErrorStyle: 'workfront-boolean' });
    expect((await errorOf(await revokeForm({ client_id: demoClientId }))).body).toEqual({
      statusCode: 400,
      error: true,
      type: 'invalid_request',
      message: 'refresh_token is required',
    });
  });
});

describe('the revoke endpoint in the log, in faults and in CORS', () => {
  it('is logged as revoke, without the token', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await running.control('DELETE', '/log');
    await revokeAsTheDemo(tokens.refresh_token ?? '');
    const log = (await (await running.control('GET', '/log')).json()) as Record<string, unknown>[];
    expect(log).toEqual([
      {
        time: expect.any(String) as unknown,
        method: 'POST',
        path: revokePath,
        endpoint: 'revoke',
        status: 200,
        durationMs: expect.any(Number) as unknown,
      },
    ]);
    expect(JSON.stringify(log)).not.toContain(tokens.refresh_token);
  });

  it('fails as the fault says: a 404 in the token error style, then a dropped connection', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await running.control('POST', '/faults', { target: 'revoke', count: 1, status: 404 });
    await running.control('POST', '/faults', { target: 'revoke', count: 1, drop: true });
    const notFound = await revokeAsTheDemo(tokens.refresh_token ?? '');
    expect(await errorOf(notFound)).toEqual({
      status: 404,
      body: { error: 'server_error', error_description: 'An injected fault answered this request' },
    });
    await expect(revokeAsTheDemo(tokens.refresh_token ?? '')).rejects.toThrow();
    expect(await apiStatus(tokens.access_token)).toBe(200);
    const log = (await (await running.control('GET', '/log')).json()) as Record<string, unknown>[];
    expect(log.slice(-3).map((entry) => [entry.endpoint, entry.status, entry.fault])).toEqual([
      ['revoke', 404, 'errorEnvelope 404'],
      ['revoke', 0, 'drop'],
      ['api', 200, undefined],
    ]);
  });

  it('answers a JSON preflight from a registered origin, and refuses other origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${running.baseUrl}${revokePath}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect((await preflight('https://evil.example')).status).toBe(403);

    const { tokens } = await signIn(running.baseUrl);
    const response = await revokeAsTheDemo(tokens.refresh_token ?? '', {
      Origin: 'http://localhost:5173',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
