import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadAppConfig, parseAppConfig } from './app-config';

const valid = {
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'abc123',
  redirectPath: '/callback',
};

const appOrigin = 'https://work.example.com';

function problemWith(
  input: unknown,
  origin?: string,
): { field: string; problem: string; value: string } {
  try {
    parseAppConfig(input, origin);
  } catch (error) {
    if (error instanceof ConfigError) {
      return { field: error.field, problem: error.problem, value: error.value };
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseAppConfig', () => {
  it('fills in the defaults', () => {
    expect(parseAppConfig(valid)).toEqual({
      ...valid,
      scope: 'offline_access',
      apiVersion: 'v20.0',
      apiMode: 'proxy',
      emulator: false,
      inspector: false,
      stateEcho: true,
      authorizationEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/authorize',
      tokenEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/api/v1/token',
      revocationEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/api/v1/revoke',
    });
  });

  it("shows the developer's instruments with the emulator unless told otherwise, and never by default on a real instance", () => {
    expect(parseAppConfig(valid).inspector).toBe(false);
    expect(parseAppConfig({ ...valid, emulator: true }).inspector).toBe(true);
    expect(parseAppConfig({ ...valid, emulator: true, inspector: false }).inspector).toBe(false);
    expect(parseAppConfig({ ...valid, inspector: true }).inspector).toBe(true);
  });

  it('puts the revocation endpoint beside an explicit token endpoint', () => {
    expect(
      parseAppConfig({ ...valid, tokenEndpoint: `${appOrigin}/oauth/token` }, appOrigin)
        .revocationEndpoint,
    ).toBe(`${appOrigin}/oauth/revoke`);
    expect(
      parseAppConfig({ ...valid, tokenEndpoint: `${appOrigin}/exchange` }, appOrigin)
        .revocationEndpoint,
    ).toBe('https://acme.my.workfront.com/integrations/oauth2/api/v1/revoke');
    expect(
      parseAppConfig({ ...valid, revocationEndpoint: `${appOrigin}/r` }, appOrigin)
        .revocationEndpoint,
    ).toBe(`${appOrigin}/r`);
  });

  it("keeps explicit endpoints on the instance, on the app's origin, and Workfront's central host for sign-in", () => {
    const config = parseAppConfig(
      {
        ...valid,
        authorizationEndpoint: 'https://oauth.my.workfront.com/integrations/oauth2/authorize',
        tokenEndpoint: `${appOrigin}/oauth/token`,
        revocationEndpoint: 'https://acme.my.workfront.com/custom/revoke',
      },
      appOrigin,
    );
    expect(config).toMatchObject({
      authorizationEndpoint: 'https://oauth.my.workfront.com/integrations/oauth2/authorize',
      tokenEndpoint: `${appOrigin}/oauth/token`,
      revocationEndpoint: 'https://acme.my.workfront.com/custom/revoke',
    });
    expect(
      parseAppConfig({ ...valid, authorizationEndpoint: `${appOrigin}/authorize` }, appOrigin)
        .authorizationEndpoint,
    ).toBe(`${appOrigin}/authorize`);
  });

  it.each<[string, Record<string, string>, string | undefined]>([
    [
      'a sign-in on another host',
      { authorizationEndpoint: 'https://evil.example/authorize' },
      appOrigin,
    ],
    [
      'a sign-in on a look-alike of the instance',
      { authorizationEndpoint: 'https://acme.my.workfront.com.evil.example/authorize' },
      appOrigin,
    ],
    [
      'a token endpoint on another host',
      { tokenEndpoint: 'https://evil.example/token' },
      appOrigin,
    ],
    [
      "a token endpoint on Workfront's central host",
      { tokenEndpoint: 'https://oauth.my.workfront.com/integrations/oauth2/api/v1/token' },
      appOrigin,
    ],
    ['a revoke on another host', { revocationEndpoint: 'https://evil.example/revoke' }, appOrigin],
    [
      'a token endpoint on the same host and another port',
      { tokenEndpoint: 'https://work.example.com:8443/oauth/token' },
      appOrigin,
    ],
    [
      "the app's origin, where no app origin is known (npm run setup)",
      { tokenEndpoint: `${appOrigin}/oauth/token` },
      undefined,
    ],
  ])('refuses %s, naming the field and the foreign origin', (_, endpoints, origin) => {
    const [field, url] = Object.entries(endpoints)[0] ?? ['', ''];
    expect(problemWith({ ...valid, ...endpoints }, origin)).toEqual({
      field,
      problem: 'foreign-origin',
      value: new URL(url).origin,
    });
  });

  it("takes Workfront's own sign-out page, an https URL on any host, or none", () => {
    expect(parseAppConfig(valid).workfrontSignOutUrl).toBeUndefined();
    expect(
      parseAppConfig({ ...valid, workfrontSignOutUrl: 'https://idp.example.com/logout?to=wf' })
        .workfrontSignOutUrl,
    ).toBe('https://idp.example.com/logout?to=wf');
    expect(
      parseAppConfig({ ...valid, workfrontSignOutUrl: 'http://localhost:8787/logout' })
        .workfrontSignOutUrl,
    ).toBe('http://localhost:8787/logout');
  });

  it.each<[unknown, string, string]>([
    ['http://acme.example.com/logout', 'not-https', 'http://acme.example.com/logout'],
    ['javascript:alert(1)', 'not-https', 'javascript:alert(1)'],
    ['/logout', 'not-a-url', '/logout'],
    ['', 'not-a-string', ''],
    [42, 'not-a-string', ''],
    ['https://user:secret@acme.example.com/logout', 'has-credentials', ''],
  ])('refuses the sign-out page %j, naming workfrontSignOutUrl', (url, problem, value) => {
    expect(problemWith({ ...valid, workfrontSignOutUrl: url })).toEqual({
      field: 'workfrontSignOutUrl',
      problem,
      value,
    });
  });

  it('takes stateEcho, true unless the file says false', () => {
    expect(parseAppConfig({ ...valid, stateEcho: false }).stateEcho).toBe(false);
    expect(parseAppConfig({ ...valid, stateEcho: true }).stateEcho).toBe(true);
    expect(problemWith({ ...valid, stateEcho: 'no' })).toEqual({
      field: 'stateEcho',
      problem: 'not-a-boolean',
      value: '"no"',
    });
    expect(problemWith({ ...valid, stateEcho: null }).problem).toBe('not-a-boolean');
  });

  it('allows http for localhost only', () => {
    expect(parseAppConfig({ ...valid, workfrontUrl: 'http://localhost:8787' }).workfrontUrl).toBe(
      'http://localhost:8787',
    );
    expect(problemWith({ ...valid, workfrontUrl: 'http://acme.my.workfront.com' })).toEqual({
      field: 'workfrontUrl',
      problem: 'not-https',
      value: 'http://acme.my.workfront.com',
    });
  });

  it.each<[string, unknown, string]>([
    ['a missing field', { ...valid, clientId: undefined }, 'clientId'],
    ['an empty client ID', { ...valid, clientId: '  ' }, 'clientId'],
    ['a number for a string', { ...valid, clientId: 42 }, 'clientId'],
    ['a non-URL', { ...valid, workfrontUrl: 'acme' }, 'workfrontUrl'],
    [
      'a URL with a path',
      { ...valid, workfrontUrl: 'https://acme.my.workfront.com/x' },
      'workfrontUrl',
    ],
    ['credentials in the URL', { ...valid, workfrontUrl: 'https://a:b@acme.com' }, 'workfrontUrl'],
    ['a javascript: URL', { ...valid, workfrontUrl: 'javascript:alert(1)' }, 'workfrontUrl'],
    ['a relative redirect path', { ...valid, redirectPath: 'callback' }, 'redirectPath'],
    ['a protocol-relative redirect path', { ...valid, redirectPath: '//evil/cb' }, 'redirectPath'],
    ['a backslash redirect path', { ...valid, redirectPath: '/\\evil/cb' }, 'redirectPath'],
    ['a retired API version', { ...valid, apiVersion: 'v15.0' }, 'apiVersion'],
    ['an unknown API version', { ...valid, apiVersion: 'latest' }, 'apiVersion'],
    ['an unknown API mode', { ...valid, apiMode: 'cors' }, 'apiMode'],
    ['a string for a boolean', { ...valid, emulator: 'yes' }, 'emulator'],
    ['a number for the inspector switch', { ...valid, inspector: 1 }, 'inspector'],
    [
      'an http token endpoint',
      { ...valid, tokenEndpoint: 'http://evil.example/t' },
      'tokenEndpoint',
    ],
    ['an array', [valid], 'config.json'],
    ['null', null, 'config.json'],
  ])('names the field for %s', (_, input, field) => {
    expect(problemWith(input).field).toBe(field);
  });
});

describe('loadAppConfig', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const serve = (response: Response | Error) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
      ),
    );
  };

  it('applies build-time overrides over the file', async () => {
    serve(Response.json(valid));
    const config = await loadAppConfig({ clientId: 'from-build', apiVersion: undefined });
    expect(config.clientId).toBe('from-build');
    expect(config.apiVersion).toBe('v20.0');
  });

  it('asks as the preload does by default, and reads it from the cache when asked', async () => {
    serve(Response.json(valid));
    await loadAppConfig();
    expect(fetch).toHaveBeenLastCalledWith('/config.json', { cache: undefined });
    serve(Response.json(valid));
    await loadAppConfig({}, { cache: 'force-cache' });
    expect(fetch).toHaveBeenLastCalledWith('/config.json', { cache: 'force-cache' });
  });

  it("accepts a token endpoint on the page's own origin, and no other", async () => {
    const tokenEndpoint = `${location.origin}/oauth/token`;
    serve(Response.json({ ...valid, tokenEndpoint }));
    expect((await loadAppConfig()).tokenEndpoint).toBe(tokenEndpoint);
    serve(Response.json({ ...valid, tokenEndpoint }));
    await expect(loadAppConfig({}, { appOrigin })).rejects.toMatchObject({
      field: 'tokenEndpoint',
      problem: 'foreign-origin',
    });
  });

  it.each<[string, Response | Error, string]>([
    ['a missing file', new Response('not found', { status: 404 }), 'not-found'],
    ['invalid JSON', new Response('{"workfrontUrl":'), 'not-json'],
    ['a network failure', new TypeError('Failed to fetch'), 'not-downloaded'],
  ])('explains %s', async (_, response, problem) => {
    serve(response);
    await expect(loadAppConfig()).rejects.toMatchObject({ field: 'config.json', problem });
  });
});
