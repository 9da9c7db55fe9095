import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../src/settings.ts';
import { startEmulator, useEmulator } from './harness.ts';
import { apiGet, authorizeInBrowser, createBrowser, refreshTokens, signIn } from './pkce-client.ts';

const running = useEmulator();

const json = async (response: Response): Promise<unknown> => response.json();
const addFault = (fault: Record<string, unknown>) => running.control('POST', '/faults', fault);
const myWorkCount = async (token: string) => {
  const body = (await json(await apiGet(running.baseUrl, 'work/myWork', token))) as {
    data: unknown[];
  };
  return body.data.length;
};

describe('/__emulator/settings', () => {
  it('answers every switch with its default', async () => {
    expect(await json(await running.control('GET', '/settings'))).toEqual(defaultSettings);
  });

  it('applies a partial update', async () => {
    const response = await running.control('POST', '/settings', { tokenType: 'Bearer' });
    expect(await json(response)).toEqual({ ...defaultSettings, tokenType: 'Bearer' });
  });

  it.each([
    [{ echoState: 'yes' }, 'echoState must be true or false'],
    [{ tokenType: 'bearer' }, 'tokenType must be "Bearer" or "sessionID"'],
    [
      { tokenErrorStyle: 'boolean' },
      'tokenErrorStyle must be "rfc6749" or "workfront" or "workfront-boolean"',
    ],
    [{ rejectLocalhostRedirects: 'yes' }, 'rejectLocalhostRedirects must be true or false'],
    [{ accessTokenTtlSeconds: 0 }, 'accessTokenTtlSeconds must be a whole number from 1'],
    [{ authErrorStatus: 302 }, 'authErrorStatus must be 200 or a whole number from 400 to 599'],
    [{ workItems: 1.5 }, 'workItems must be a whole number'],
    [{ tokenType: 'Bearer', colour: 'red' }, 'Unknown setting colour'],
    [[], 'Settings must be a JSON object'],
  ])('refuses %j with a message and applies nothing', async (input, message) => {
    const response = await running.control('POST', '/settings', input);
    expect(response.status).toBe(400);
    expect(((await json(response)) as { error: string }).error).toContain(message);
    expect(await json(await running.control('GET', '/settings'))).toEqual(defaultSettings);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${running.baseUrl}/__emulator/settings`, {
      method: 'POST',
      body: '{',
    });
    expect(response.status).toBe(400);
  });

  it('regenerates the data when workItems changes', async () => {
    const { tokens } = await signIn(running.baseUrl);
    expect(await myWorkCount(tokens.access_token)).toBe(defaultSettings.workItems);
    await running.control('POST', '/settings', { workItems: 7 });
    expect(await myWorkCount(tokens.access_token)).toBe(7);
  });
});

describe('/__emulator/users', () => {
  it('lists the users whose IDs a JWT can name, the demo user first, without passwords', async () => {
    const users = (await json(await running.control('GET', '/users'))) as Record<string, unknown>[];
    expect(users[0]).toEqual({
      ID: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
      name: expect.any(String) as unknown,
      emailAddr: 'demo@example.com',
      isActive: true,
    });
    expect(JSON.stringify(users)).not.toContain('password');
  });
});

describe('/__emulator/clock', () => {
  it('advances the emulator clock', async () => {
    const before = (await json(await running.control('GET', '/clock'))) as { epochMs: number };
    const after = (await json(
      await running.control('POST', '/clock', { advanceSeconds: 3600 }),
    )) as { now: string; epochMs: number };
    expect(after.epochMs - before.epochMs).toBeGreaterThanOrEqual(3600_000);
    expect(after.now).toBe(new Date(after.epochMs).toISOString());
  });

  it('refuses a negative or missing advance', async () => {
    expect((await running.control('POST', '/clock', { advanceSeconds: -1 })).status).toBe(400);
    expect((await running.control('POST', '/clock', {})).status).toBe(400);
  });
});

describe('/__emulator/reset', () => {
  it('puts apps, sessions, settings, clock, faults and log back to the seed', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await running.control('POST', '/apps', {
      type: 'spa',
      name: 'Extra',
      redirectUrls: ['http://localhost:1234/cb'],
    });
    await running.control('POST', '/settings', { echoState: false });
    await running.control('POST', '/clock', { advanceSeconds: 86_400 });
    await addFault({ target: 'api', count: 5, status: 503 });

    expect((await running.control('POST', '/reset')).status).toBe(204);
    expect(((await json(await running.control('GET', '/apps'))) as unknown[]).length).toBe(1);
    expect(await json(await running.control('GET', '/settings'))).toEqual(defaultSettings);
    expect(await json(await running.control('GET', '/faults'))).toEqual([]);
    expect(await json(await running.control('GET', '/log'))).toEqual([]);
    const { epochMs } = (await json(await running.control('GET', '/clock'))) as { epochMs: number };
    expect(Math.abs(epochMs - Date.now())).toBeLessThan(5000);
    expect((await apiGet(running.baseUrl, 'work/myWork', tokens.access_token)).status).toBe(401);
    expect((await refreshTokens(running.baseUrl, tokens.refresh_token ?? '')).status).toBe(400);
  });

  it('returns to the settings the emulator was started with', async () => {
    const custom = await startEmulator({ settings: { tokenType: 'Bearer' } });
    try {
      await custom.control('POST', '/settings', { tokenType: 'sessionID' });
      await custom.control('POST', '/reset');
      const settings = (await json(await custom.control('GET', '/settings'))) as object;
      expect(settings).toMatchObject({ tokenType: 'Bearer' });
    } finally {
      await custom.close();
    }
  });
});

describe('/__emulator/faults', () => {
  it('answers the next count requests with the status, then normally again', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await addFault({ target: 'api', count: 2, status: 503 });
    const statuses = [];
    for (let call = 0; call < 3; call += 1) {
      statuses.push((await apiGet(running.baseUrl, 'work/myWork', tokens.access_token)).status);
    }
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('sends a Workfront error envelope by default', async () => {
    await addFault({ target: 'api', count: 1, status: 500 });
    const body = (await json(await apiGet(running.baseUrl, 'work/myWork', 'x'))) as {
      error: { class: string };
    };
    expect(body.error.class).toMatch(/^com\.attask\./);
  });

  it('sends a malformed JSON body or an HTML page', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await addFault({ target: 'token', count: 1, status: 200, body: 'malformed' });
    const malformed = await refreshTokens(running.baseUrl, tokens.refresh_token ?? '');
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();

    await addFault({ target: 'api', count: 1, status: 502, body: 'html' });
    const html = await apiGet(running.baseUrl, 'work/myWork', tokens.access_token);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toContain('502');
  });

  it('sends a token error in the configured style for errorEnvelope on the token endpoint', async () => {
    await addFault({ target: 'token', count: 1, status: 503, body: 'errorEnvelope' });
    const response = await refreshTokens(running.baseUrl, 'x');
    expect(response.status).toBe(503);
    expect(await json(response)).toMatchObject({ error: 'server_error' });
  });

  it('drops the connection', async () => {
    await addFault({ target: 'token', count: 1, drop: true });
    await expect(refreshTokens(running.baseUrl, 'x')).rejects.toThrow();
    expect((await refreshTokens(running.baseUrl, 'x')).status).toBe(400);
    const log = (await json(await running.control('GET', '/log'))) as { status: number }[];
    expect(log.map((entry) => entry.status)).toEqual([0, 400]);
  });

  it('sends Retry-After with a 429: Workfront’s thread-limit envelope on the API', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await addFault({ target: 'api', count: 1, status: 429, retryAfterSeconds: 3 });
    const response = await apiGet(running.baseUrl, 'work/myWork', tokens.access_token);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await json(response)).toMatchObject({
      error: { class: 'com.attask.common.ApiThreadLimitException' },
    });
    const log = (await json(await running.control('GET', '/log'))) as { fault?: string }[];
    expect(log.at(-1)?.fault).toBe('errorEnvelope 429, Retry-After 3');
  });

  it.each([
    ['rfc6749', { error: 'temporarily_unavailable' }],
    ['workfront', { statusCode: 429, error: 'Too Many Requests', type: 'temporarily_unavailable' }],
  ])('sends a token 429 as temporarily_unavailable in the %s style', async (style, body) => {
    await running.control('POST', '/settings', { tokenErrorStyle: style });
    await addFault({ target: 'token', count: 1, retryAfterSeconds: 0 });
    const response = await refreshTokens(running.baseUrl, 'x');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('0');
    expect(await json(response)).toMatchObject(body);
  });

  it.each([
    ['empty', ''],
    ['html', '<h1>429 Error</h1>'],
  ])('sends a token 429 with an %s body, no OAuth error', async (body, text) => {
    await addFault({ target: 'token', count: 1, status: 429, retryAfterSeconds: 5, body });
    const response = await refreshTokens(running.baseUrl, 'x');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
    if (text === '') expect(await response.text()).toBe('');
    else expect(await response.text()).toContain(text);
  });

  it('handles a refresh, then drops the answer: the old refresh token is retired', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await addFault({ target: 'token', count: 1, dropAfterProcessing: true });
    await expect(refreshTokens(running.baseUrl, tokens.refresh_token ?? '')).rejects.toThrow();
    const reused = await refreshTokens(running.baseUrl, tokens.refresh_token ?? '');
    expect(reused.status).toBe(400);
    expect(await json(reused)).toMatchObject({ error: 'invalid_grant' });
    const log = (await json(await running.control('GET', '/log'))) as Record<string, unknown>[];
    expect(log.slice(-2)).toMatchObject([
      { endpoint: 'token', grantType: 'refresh_token', status: 0, fault: 'drop after 200' },
      { endpoint: 'token', grantType: 'refresh_token', status: 400 },
    ]);
  });

  it('applies an API update, then drops the answer', async () => {
    const { tokens } = await signIn(running.baseUrl);
    const items = (await json(
      await apiGet(running.baseUrl, 'work/myWork', tokens.access_token),
    )) as {
      data: { ID: string; objCode: string }[];
    };
    const task = items.data.find((item) => item.objCode === 'TASK');
    if (!task) throw new Error('The seed needs a task in My work');
    await addFault({ target: 'api', count: 1, dropAfterProcessing: true });
    const put = fetch(`${running.baseUrl}/attask/api/v22.0/task/${task.ID}?percentComplete=42`, {
      method: 'PUT',
      headers: { sessionID: tokens.access_token },
    });
    await expect(put).rejects.toThrow();
    const after = (await json(
      await apiGet(running.baseUrl, `task/${task.ID}?fields=percentComplete`, tokens.access_token),
    )) as { data: { percentComplete: number } };
    expect(after.data.percentComplete).toBe(42);
  });

  it("answers only requests whose path contains the fault's path", async () => {
    const { tokens } = await signIn(running.baseUrl);
    await addFault({ target: 'api', count: 1, path: '/proj/search', status: 503 });
    expect((await apiGet(running.baseUrl, 'user/count', tokens.access_token)).status).toBe(200);
    expect((await apiGet(running.baseUrl, 'proj/search', tokens.access_token)).status).toBe(503);
    expect((await apiGet(running.baseUrl, 'proj/search', tokens.access_token)).status).toBe(200);
    expect((await addFault({ target: 'api', count: 1, path: '' })).status).toBe(400);
  });

  it('delays an otherwise normal answer', async () => {
    await addFault({ target: 'authorize', count: 1, delayMs: 300 });
    const started = performance.now();
    const response = await fetch(`${running.baseUrl}/integrations/oauth2/authorize?client_id=nope`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(response.status).toBe(400);
  });

  it('lists the tokens issued since the last reset, for tests that search for them', async () => {
    const { tokens } = await signIn(running.baseUrl);
    const refreshed = (await json(
      await refreshTokens(running.baseUrl, tokens.refresh_token ?? ''),
    )) as {
      access_token: string;
      refresh_token: string;
    };
    expect(await json(await running.control('GET', '/issued-tokens'))).toEqual({
      accessTokens: [tokens.access_token, refreshed.access_token],
      refreshTokens: [tokens.refresh_token, refreshed.refresh_token],
    });
    await running.control('POST', '/reset');
    expect(await json(await running.control('GET', '/issued-tokens'))).toEqual({
      accessTokens: [],
      refreshTokens: [],
    });
  });

  it('forgets a request still delayed by a fault at a reset: not handled, not logged after it', async () => {
    const { tokens } = await signIn(running.baseUrl);
    await addFault({ target: 'token', count: 1, delayMs: 60_000 });
    const delayed = fetch(`${running.baseUrl}/integrations/oauth2/api/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'wf-demo-spa',
        refresh_token: tokens.refresh_token ?? '',
      }),
    });
    // The fault holds the refresh; the next test's reset comes meanwhile.
    await expect
      .poll(async () => ((await json(await running.control('GET', '/faults'))) as unknown[]).length)
      .toBe(0);
    await running.control('POST', '/reset');
    await expect(delayed).rejects.toThrow();
    expect(await json(await running.control('GET', '/log'))).toEqual([]);
  });

  it('refuses an invalid fault and clears faults on DELETE', async () => {
    expect((await addFault({ target: 'db', count: 1 })).status).toBe(400);
    expect((await addFault({ target: 'api', count: 0 })).status).toBe(400);
    expect((await addFault({ target: 'api', count: 1, drop: true, status: 500 })).status).toBe(400);
    expect((await addFault({ target: 'api', count: 1, body: 'xml' })).status).toBe(400);
    expect((await addFault({ target: 'api', count: 1, status: 204 })).status).toBe(400);
    for (const fault of [
      { drop: true, dropAfterProcessing: true },
      { dropAfterProcessing: true, status: 500 },
      { dropAfterProcessing: true, retryAfterSeconds: 1 },
      { dropAfterProcessing: false },
      { retryAfterSeconds: -1 },
      { retryAfterSeconds: 1.5 },
    ]) {
      expect(
        (await addFault({ target: 'token', count: 1, ...fault })).status,
        JSON.stringify(fault),
      ).toBe(400);
    }
    await addFault({ target: 'api', count: 1, status: 500 });
    expect((await running.control('DELETE', '/faults')).status).toBe(204);
    expect(await json(await running.control('GET', '/faults'))).toEqual([]);
  });
});

describe('/__emulator/log', () => {
  it('records endpoint, grant type and status, with tokens and codes redacted', async () => {
    const browser = createBrowser(running.baseUrl);
    const { tokens } = await signIn(running.baseUrl, {}, browser);
    await refreshTokens(running.baseUrl, tokens.refresh_token ?? '');
    await fetch(`${running.baseUrl}/attask/api/v22.0/work/myWork?sessionID=${tokens.access_token}`);
    const redirect = await authorizeInBrowser(browser, {});
    const entries = (await json(await running.control('GET', '/log'))) as Record<string, unknown>[];

    expect(entries.map((entry) => [entry.endpoint, entry.grantType ?? null, entry.status])).toEqual(
      [
        ['authorize', null, 200],
        ['sign-in', null, 303],
        ['authorize', null, 200],
        ['consent', null, 303],
        ['token', 'authorization_code', 200],
        ['token', 'refresh_token', 200],
        ['api', null, 200],
        ['authorize', null, 302],
      ],
    );
    expect(entries[6]?.path).toBe('/attask/api/v22.0/work/myWork?sessionID=[redacted]');
    const text = JSON.stringify(entries);
    expect(text).not.toContain(tokens.access_token);
    expect(text).not.toContain(redirect.searchParams.get('code'));
    expect(entries[0]).toEqual({
      time: expect.any(String) as unknown,
      method: 'GET',
      path: expect.stringMatching(
        /^\/integrations\/oauth2\/authorize\?client_id=wf-demo-spa/,
      ) as unknown,
      endpoint: 'authorize',
      status: 200,
      durationMs: expect.any(Number) as unknown,
    });

    expect((await running.control('DELETE', '/log')).status).toBe(204);
    expect(await json(await running.control('GET', '/log'))).toEqual([]);
  });
});

describe('/__emulator/sessions', () => {
  const refreshError = async (refreshToken: string) =>
    (await json(await refreshTokens(running.baseUrl, refreshToken))) as Record<string, unknown>;

  it('expires every access token and leaves refresh tokens working', async () => {
    const { tokens } = await signIn(running.baseUrl);
    expect((await running.control('POST', '/sessions/expire', { tokens: 'access' })).status).toBe(
      204,
    );

    expect((await apiGet(running.baseUrl, 'work/myWork', tokens.access_token)).status).toBe(401);
    const refreshed = await refreshTokens(running.baseUrl, tokens.refresh_token ?? '');
    expect(refreshed.status).toBe(200);
  });

  it.each([
    ['absolute', 'The refresh token passed its absolute expiration'],
    ['inactivity', 'The refresh token expired after inactivity'],
  ])('expires refresh tokens as the %s limit would', async (limit, description) => {
    const { tokens } = await signIn(running.baseUrl);
    await running.control('POST', '/sessions/expire', { tokens: 'refresh', limit });

    expect(await refreshError(tokens.refresh_token ?? '')).toEqual({
      error: 'invalid_grant',
      error_description: description,
    });
    // A new sign-in starts a new grant, which the forced expiry does not touch.
    const next = await signIn(running.baseUrl);
    expect((await refreshTokens(running.baseUrl, next.tokens.refresh_token ?? '')).status).toBe(
      200,
    );
  });

  it('revokes every session: access and refresh tokens stop working', async () => {
    const { tokens } = await signIn(running.baseUrl);
    expect((await running.control('POST', '/sessions/revoke')).status).toBe(204);

    expect((await apiGet(running.baseUrl, 'work/myWork', tokens.access_token)).status).toBe(401);
    expect((await refreshError(tokens.refresh_token ?? '')).error).toBe('invalid_grant');
  });

  it.each([{}, { tokens: 'refresh' }, { tokens: 'refresh', limit: 'never' }, { tokens: 'id' }])(
    'refuses %j',
    async (body) => {
      expect((await running.control('POST', '/sessions/expire', body)).status).toBe(400);
    },
  );
});
