import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.ts';
import {
  apiGet,
  authorizeInBrowser,
  authorizePath,
  createBrowser,
  createPkcePair,
  demoRedirectUri,
  exchangeCode,
  formAction,
  postToken,
  refreshTokens,
  signIn,
  type TokenBody,
} from './pkce-client.ts';

const running = useEmulator();

const settings = (changes: Record<string, unknown>) =>
  running.control('POST', '/settings', changes);
const advanceClock = (seconds: number) =>
  running.control('POST', '/clock', { advanceSeconds: seconds });
const patchDemoApp = (changes: Record<string, unknown>) =>
  running.control('PATCH', '/apps/wf-demo-spa', changes);

async function codeFor(state?: string) {
  const pkce = createPkcePair();
  const browser = createBrowser(running.baseUrl);
  const redirect = await authorizeInBrowser(browser, { challenge: pkce.challenge, state });
  return { code: redirect.searchParams.get('code') ?? '', redirect, verifier: pkce.verifier };
}

async function tokenError(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function signedInUserEmail(token: string): Promise<number | string> {
  const response = await apiGet(
    running.baseUrl,
    'user/search?ID=$$USER.ID&fields=emailAddr',
    token,
  );
  if (response.status !== 200) return response.status;
  const body = (await response.json()) as { data: { emailAddr: string }[] };
  return body.data[0]?.emailAddr ?? 'nobody';
}

describe('the PKCE flow', () => {
  it('signs in, asks consent, redirects with a code, and exchanges it for a working token', async () => {
    const browser = createBrowser(running.baseUrl);
    const pkce = createPkcePair();
    const signInPage = await browser.get(authorizePath({ challenge: pkce.challenge, state: 's1' }));
    const signInHtml = await signInPage.text();
    expect(signInPage.status).toBe(200);
    expect(signInHtml).toContain('<label for="email">Email</label>');
    expect(signInHtml).toContain('<label for="password">Password</label>');
    expect(signInHtml).toContain('>Sign in</button>');

    const login = await browser.post(formAction(signInHtml), {
      email: 'demo@example.com',
      password: 'demo',
    });
    expect(login.status).toBe(303);
    expect(browser.setCookieLines.join()).toMatch(/HttpOnly/);
    expect(browser.setCookieLines.join()).toMatch(/SameSite=Lax/);

    const consent = await browser.get(login.headers.get('location') ?? '');
    const consentHtml = await consent.text();
    expect(consentHtml).toContain('>Allow</button>');
    expect(consentHtml).toContain('>Deny</button>');

    const allowed = await browser.post(formAction(consentHtml), { decision: 'allow' });
    const redirect = new URL(allowed.headers.get('location') ?? '');
    expect(redirect.origin + redirect.pathname).toBe(demoRedirectUri);
    expect(redirect.searchParams.get('domain')).toBe('emulator');
    expect(redirect.searchParams.get('lane')).toBe('preview');
    expect(redirect.searchParams.get('state')).toBe('s1');

    const response = await exchangeCode(
      running.baseUrl,
      redirect.searchParams.get('code') ?? '',
      pkce.verifier,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = (await response.json()) as TokenBody;
    expect(tokens).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
      token_type: 'sessionID',
      expires_in: 3600,
      refresh_token: expect.any(String) as unknown,
      wid: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
    });
    expect(await signedInUserEmail(tokens.access_token)).toBe('demo@example.com');

    const again = await browser.get(authorizePath({ challenge: createPkcePair().challenge }));
    expect(again.status).toBe(302);
    const second = new URL(again.headers.get('location') ?? '');
    expect(second.searchParams.get('code')).not.toBe(redirect.searchParams.get('code'));
  });

  it('shows an error on the sign-in page for a wrong password and sets no cookie', async () => {
    const browser = createBrowser(running.baseUrl);
    const page = await browser.get(authorizePath({ challenge: createPkcePair().challenge }));
    const response = await browser.post(formAction(await page.text()), {
      email: 'demo@example.com',
      password: 'wrong',
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('The email or password is incorrect.');
    expect(browser.cookies.size).toBe(0);
  });

  it('redirects with access_denied when the user denies', async () => {
    const browser = createBrowser(running.baseUrl);
    const path = authorizePath({ challenge: createPkcePair().challenge, state: 'xyz' });
    const page = await browser.get(path);
    const login = await browser.post(formAction(await page.text()), {
      email: 'demo@example.com',
      password: 'demo',
    });
    const consent = await browser.get(login.headers.get('location') ?? '');
    const denied = await browser.post(formAction(await consent.text()), { decision: 'deny' });
    const redirect = new URL(denied.headers.get('location') ?? '');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('xyz');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('echoes state only while echoState is on', async () => {
    expect((await codeFor('abc')).redirect.searchParams.get('state')).toBe('abc');
    await settings({ echoState: false });
    expect((await codeFor('abc')).redirect.searchParams.has('state')).toBe(false);
  });
});

describe('authorize refusals', () => {
  it('shows an error page, never a redirect, for an unknown client', async () => {
    const response = await fetch(`${running.baseUrl}${authorizePath({ clientId: 'nope' })}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('No OAuth2 application has the client ID nope');
  });

  it('shows an error page, never a redirect, for an unregistered redirect URI', async () => {
    const path = authorizePath({
      challenge: createPkcePair().challenge,
      redirectUri: 'http://localhost:5173/callback/evil',
    });
    const response = await fetch(`${running.baseUrl}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('is not registered');
  });

  it.each([
    ['the plain method', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }],
    ['no challenge', { code_challenge_method: 'S256' }],
    ['no method', { code_challenge: 'a'.repeat(43) }],
    ['a short challenge', { code_challenge: 'abc', code_challenge_method: 'S256' }],
  ])('redirects back with invalid_request for %s', async (_, query) => {
    const path = authorizePath({ state: 'st', query });
    const response = await fetch(`${running.baseUrl}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const redirect = new URL(response.headers.get('location') ?? '');
    expect(redirect.searchParams.get('error')).toBe('invalid_request');
    expect(redirect.searchParams.get('error_description')).toMatch(/code_challenge/);
    expect(redirect.searchParams.get('state')).toBe('st');
  });

  it('redirects back with unsupported_response_type for response_type=token', async () => {
    const path = authorizePath({
      challenge: createPkcePair().challenge,
      query: { response_type: 'token' },
    });
    const response = await fetch(`${running.baseUrl}${path}`, { redirect: 'manual' });
    const redirect = new URL(response.headers.get('location') ?? '');
    expect(redirect.searchParams.get('error')).toBe('unsupported_response_type');
  });
});

describe('authorization codes', () => {
  it('refuses a wrong verifier with invalid_grant', async () => {
    const { code } = await codeFor();
    const response = await exchangeCode(running.baseUrl, code, createPkcePair().verifier);
    expect(await tokenError(response)).toEqual({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: expect.stringMatching(/verifier/) as unknown,
      },
    });
  });

  it('refuses a verifier that is not 43 to 128 unreserved characters', async () => {
    const { code } = await codeFor();
    const response = await exchangeCode(running.baseUrl, code, 'short');
    expect((await tokenError(response)).body.error).toBe('invalid_request');
  });

  it('refuses a reused code and revokes the tokens of its first use', async () => {
    const { code, verifier } = await codeFor();
    const first = (await (await exchangeCode(running.baseUrl, code, verifier)).json()) as TokenBody;
    expect(await signedInUserEmail(first.access_token)).toBe('demo@example.com');

    const second = await exchangeCode(running.baseUrl, code, verifier);
    expect((await tokenError(second)).body.error).toBe('invalid_grant');
    expect(await signedInUserEmail(first.access_token)).toBe(401);
    const refresh = await refreshTokens(running.baseUrl, first.refresh_token ?? '');
    expect((await tokenError(refresh)).body.error).toBe('invalid_grant');
  });

  it('expires a code after 120 seconds of the emulator clock', async () => {
    const { code, verifier } = await codeFor();
    await advanceClock(121);
    const response = await exchangeCode(running.baseUrl, code, verifier);
    expect(await tokenError(response)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'The authorization code expired' },
    });
  });

  it('binds a code to its redirect URI and client', async () => {
    const { code, verifier } = await codeFor();
    const otherUri = await exchangeCode(running.baseUrl, code, verifier, {
      redirect_uri: 'http://localhost:4173/callback',
    });
    expect((await tokenError(otherUri)).body.error).toBe('invalid_grant');
    const created = await running.control('POST', '/apps', {
      type: 'spa',
      name: 'Other',
      redirectUrls: [demoRedirectUri],
    });
    const { clientId } = (await created.json()) as { clientId: string };
    const otherClient = await exchangeCode(running.baseUrl, code, verifier, {
      client_id: clientId,
    });
    expect((await tokenError(otherClient)).body.error).toBe('invalid_grant');
  });
});

describe('refresh tokens', () => {
  it('rotates: the old token stops working and its reuse revokes the whole chain', async () => {
    const { tokens } = await signIn(running.baseUrl);
    const first = await refreshTokens(running.baseUrl, tokens.refresh_token ?? '');
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as TokenBody;
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(await signedInUserEmail(rotated.access_token)).toBe('demo@example.com');

    const reuse = await refreshTokens(running.baseUrl, tokens.refresh_token ?? '');
    expect((await tokenError(reuse)).body.error).toBe('invalid_grant');
    const successor = await refreshTokens(running.baseUrl, rotated.refresh_token ?? '');
    expect((await tokenError(successor)).body.error).toBe('invalid_grant');
    expect(await signedInUserEmail(rotated.access_token)).toBe(401);
  });

  it('keeps the same refresh token working when rotation is off', async () => {
    await patchDemoApp({ rotateRefreshToken: false });
    const { tokens } = await signIn(running.baseUrl);
    for (let use = 0; use < 3; use += 1) {
      const response = await refreshTokens(running.baseUrl, tokens.refresh_token ?? '');
      expect(((await response.json()) as TokenBody).refresh_token).toBe(tokens.refresh_token);
    }
  });

  it('ends at the absolute expiration, counted from the sign-in', async () => {
    await patchDemoApp({ absoluteExpirationSeconds: 3600 });
    const { tokens } = await signIn(running.baseUrl);
    await advanceClock(1800);
    const refreshed = (await (
      await refreshTokens(running.baseUrl, tokens.refresh_token ?? '')
    ).json()) as TokenBody;
    await advanceClock(1801);
    const expired = await refreshTokens(running.baseUrl, refreshed.refresh_token ?? '');
    expect(await tokenError(expired)).toEqual({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'The refresh token passed its absolute expiration',
      },
    });
  });

  it('ends after the inactivity expiration, counted from the last use', async () => {
    await patchDemoApp({ inactivityExpirationSeconds: 600 });
    const { tokens } = await signIn(running.baseUrl);
    await advanceClock(500);
    const refreshed = (await (
      await refreshTokens(running.baseUrl, tokens.refresh_token ?? '')
    ).json()) as TokenBody;
    await advanceClock(500);
    const again = await refreshTokens(running.baseUrl, refreshed.refresh_token ?? '');
    expect(again.status).toBe(200);
    const latest = (await again.json()) as TokenBody;
    await advanceClock(601);
    const expired = await refreshTokens(running.baseUrl, latest.refresh_token ?? '');
    expect((await tokenError(expired)).body.error_description).toBe(
      'The refresh token expired after inactivity',
    );
  });

  it('comes without any scope, and only with offline_access once refreshWithoutOfflineAccess is off', async () => {
    const noScope = await signIn(running.baseUrl, { scope: '' });
    expect(noScope.tokens.refresh_token).toEqual(expect.any(String));
    await settings({ refreshWithoutOfflineAccess: false });
    const without = await signIn(running.baseUrl, { scope: '' });
    expect(without.tokens.refresh_token).toBeUndefined();
    const withScope = await signIn(running.baseUrl, { scope: 'offline_access' });
    expect(withScope.tokens.refresh_token).toEqual(expect.any(String));
  });
});

describe('token responses and errors', () => {
  it('follows the tokenType and accessTokenTtlSeconds settings', async () => {
    await settings({ tokenType: 'Bearer', accessTokenTtlSeconds: 60 });
    const { tokens } = await signIn(running.baseUrl);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(60);
    await advanceClock(61);
    expect(await signedInUserEmail(tokens.access_token)).toBe(401);
  });

  it('answers RFC 6749 errors with their status codes', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ client_id: 'wf-demo-spa' }, 400, 'invalid_request'],
      [{ grant_type: 'password', client_id: 'wf-demo-spa' }, 400, 'unsupported_grant_type'],
      [
        { grant_type: 'refresh_token', client_id: 'nope', refresh_token: 'x' },
        401,
        'invalid_client',
      ],
      [
        { grant_type: 'refresh_token', client_id: 'wf-demo-spa', refresh_token: 'x' },
        400,
        'invalid_grant',
      ],
    ];
    for (const [form, status, error] of cases) {
      const response = await postToken(running.baseUrl, form);
      expect({ status: response.status, error: (await tokenError(response)).body.error }).toEqual({
        status,
        error,
      });
    }
    const json = await fetch(`${running.baseUrl}/integrations/oauth2/api/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect((await tokenError(json)).body.error).toBe('invalid_request');
  });

  it('answers Workfront-style errors when tokenErrorStyle is workfront', async () => {
    await settings({ tokenErrorStyle: 'workfront' });
    const response = await refreshTokens(running.baseUrl, 'unknown');
    expect(await tokenError(response)).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        type: 'invalid_grant',
        message: 'The refresh token is unknown or revoked',
      },
    });
  });
});

describe('web and machine-to-machine applications', () => {
  async function createApp(type: 'web' | 'm2m') {
    const response = await running.control('POST', '/apps', {
      type,
      name: `A ${type} app`,
      redirectUrls: type === 'web' ? ['http://localhost:3000/oauth/callback'] : [],
    });
    return (await response.json()) as { clientId: string; clientSecret: string };
  }

  it('lets a web application exchange a code with its client secret, in the form or Basic', async () => {
    const { clientId, clientSecret } = await createApp('web');
    const redirectUri = 'http://localhost:3000/oauth/callback';
    const browser = createBrowser(running.baseUrl);
    const exchange = async (credentials: Record<string, string>, headers = {}) => {
      const redirect = await authorizeInBrowser(browser, { clientId, redirectUri });
      const code = redirect.searchParams.get('code') ?? '';
      const form = { grant_type: 'authorization_code', code, redirect_uri: redirectUri };
      return postToken(running.baseUrl, { ...form, ...credentials }, headers);
    };
    expect((await exchange({ client_id: clientId, client_secret: clientSecret })).status).toBe(200);
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    expect((await exchange({}, { Authorization: `Basic ${basic}` })).status).toBe(200);
    const wrong = await exchange({ client_id: clientId, client_secret: 'wrong' });
    expect((await tokenError(wrong)).status).toBe(401);

    await running.control('DELETE', `/apps/${clientId}/client-secret`);
    const deleted = await exchange({ client_id: clientId, client_secret: clientSecret });
    expect((await tokenError(deleted)).body.error).toBe('invalid_client');
  });

  it('refuses token requests of a machine-to-machine application', async () => {
    const { clientId, clientSecret } = await createApp('m2m');
    const response = await postToken(running.baseUrl, {
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret: clientSecret,
      refresh_token: 'x',
    });
    expect((await tokenError(response)).body.error).toBe('unauthorized_client');
  });
});

describe('JSON bodies at the token endpoint', () => {
  const tokenUrl = () => `${running.baseUrl}/integrations/oauth2/api/v1/token`;
  // The Content-Type of Workfront's demo (oauth2-pkce-demo, index.html).
  const postJson = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf-8', ...headers },
      body: JSON.stringify(body),
    });

  it('exchanges a code and refreshes, as the demo sends them', async () => {
    const { code, verifier } = await codeFor();
    const exchanged = await postJson({
      client_id: 'wf-demo-spa',
      code_verifier: verifier,
      grant_type: 'authorization_code',
      redirect_uri: demoRedirectUri,
      code,
    });
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as TokenBody;
    expect(await signedInUserEmail(tokens.access_token)).toBe('demo@example.com');

    const refreshed = await postJson({
      client_id: 'wf-demo-spa',
      refresh_token: tokens.refresh_token,
      grant_type: 'refresh_token',
      redirect_uri: demoRedirectUri,
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as TokenBody;
    expect(next.refresh_token).not.toBe(tokens.refresh_token);

    const log = (await (await running.control('GET', '/log')).json()) as Record<string, unknown>[];
    const tokenRequests = log.filter((entry) => entry.endpoint === 'token');
    expect(tokenRequests.map((entry) => entry.grantType)).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
  });

  it('takes HTTP Basic with a JSON body, as the code-flow guide shows for a web app', async () => {
    const created = await running.control('POST', '/apps', {
      type: 'web',
      name: 'Web',
      redirectUrls: ['http://localhost:3000/cb'],
    });
    const { clientId, clientSecret } = (await created.json()) as {
      clientId: string;
      clientSecret: string;
    };
    const redirect = await authorizeInBrowser(createBrowser(running.baseUrl), {
      clientId,
      redirectUri: 'http://localhost:3000/cb',
    });
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const response = await postJson(
      {
        code: redirect.searchParams.get('code'),
        grant_type: 'authorization_code',
        redirect_uri: 'http://localhost:3000/cb',
      },
      { Authorization: basic },
    );
    expect(response.status).toBe(200);
    const { refresh_token: refreshToken } = (await response.json()) as TokenBody;
    const refreshed = await postJson(
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { Authorization: basic },
    );
    expect(refreshed.status).toBe(200);
  });

  it.each([
    ['a value that is not a string', { grant_type: 'refresh_token', refresh_token: 7 }],
    ['an array', ['grant_type']],
  ])('refuses %s with invalid_request', async (_, body) => {
    const response = await postJson(body);
    expect(await tokenError(response)).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });

  it('refuses a body that is not JSON, and one with no known Content-Type', async () => {
    const broken = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"grant_type":',
    });
    expect((await tokenError(broken)).body.error_description).toBe('The body is not valid JSON');
    const plain = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'grant_type=refresh_token',
    });
    expect((await tokenError(plain)).body.error).toBe('invalid_request');
  });
});

describe('token response switches', () => {
  it('answers errors with error: true when tokenErrorStyle is workfront-boolean', async () => {
    await settings({ tokenErrorStyle: 'workfront-boolean' });
    const response = await refreshTokens(running.baseUrl, 'unknown');
    expect(await tokenError(response)).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: true,
        type: 'invalid_grant',
        message: 'The refresh token is unknown or revoked',
      },
    });
    const unknownClient = await refreshTokens(running.baseUrl, 'x', 'nope');
    expect((await tokenError(unknownClient)).body).toMatchObject({
      statusCode: 401,
      error: true,
      type: 'invalid_client',
    });
  });

  it('says expires_in 0 with expiresInZero, while the token still lives its TTL', async () => {
    await settings({ expiresInZero: true, accessTokenTtlSeconds: 600 });
    const { tokens } = await signIn(running.baseUrl);
    expect(tokens.expires_in).toBe(0);
    await advanceClock(590);
    expect(await signedInUserEmail(tokens.access_token)).toBe('demo@example.com');
    await advanceClock(11);
    expect(await signedInUserEmail(tokens.access_token)).toBe(401);
  });
});

describe('rejectLocalhostRedirects at authorize', () => {
  it('answers the 400 error page for a localhost redirect_uri, even one seeded', async () => {
    await settings({ rejectLocalhostRedirects: true });
    const path = authorizePath({ challenge: createPkcePair().challenge });
    const response = await fetch(`${running.baseUrl}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('localhost cannot be used as a valid redirect URL');
  });

  it('still signs in with a redirect URL on another host', async () => {
    await settings({ rejectLocalhostRedirects: true });
    const redirectUri = 'https://app.example.com/callback';
    await patchDemoApp({ redirectUrls: [demoRedirectUri, redirectUri] });
    const { tokens } = await signIn(running.baseUrl, { redirectUri });
    expect(await signedInUserEmail(tokens.access_token)).toBe('demo@example.com');
  });
});
