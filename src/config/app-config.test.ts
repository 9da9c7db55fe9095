import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadAppConfig, parseAppConfig } from './app-config';

const valid = {
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'abc123',
  redirectPath: '/callback',
};

function problemWith(input: unknown): { field: string; problem: string; value: string } {
  try {
    parseAppConfig(input);
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
      authorizationEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/authorize',
      tokenEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/api/v1/token',
      revocationEndpoint: 'https://acme.my.workfront.com/integrations/oauth2/api/v1/revoke',
    });
  });

  it('puts the revocation endpoint beside an explicit token endpoint', () => {
    expect(
      parseAppConfig({ ...valid, tokenEndpoint: 'https://proxy.example.com/oauth/token' })
        .revocationEndpoint,
    ).toBe('https://proxy.example.com/oauth/revoke');
    expect(
      parseAppConfig({ ...valid, tokenEndpoint: 'https://proxy.example.com/exchange' })
        .revocationEndpoint,
    ).toBe('https://acme.my.workfront.com/integrations/oauth2/api/v1/revoke');
    expect(
      parseAppConfig({ ...valid, revocationEndpoint: 'https://proxy.example.com/r' })
        .revocationEndpoint,
    ).toBe('https://proxy.example.com/r');
  });

  it('keeps explicit endpoints, for proxies and compatible servers', () => {
    const config = parseAppConfig({
      ...valid,
      tokenEndpoint: 'https://proxy.example.com/token',
      authorizationEndpoint: 'https://acme.my.workfront.adobe.com/integrations/oauth2/authorize',
    });
    expect(config.tokenEndpoint).toBe('https://proxy.example.com/token');
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

  it.each<[string, Response | Error, string]>([
    ['a missing file', new Response('not found', { status: 404 }), 'not-found'],
    ['invalid JSON', new Response('{"workfrontUrl":'), 'not-json'],
    ['a network failure', new TypeError('Failed to fetch'), 'not-downloaded'],
  ])('explains %s', async (_, response, problem) => {
    serve(response);
    await expect(loadAppConfig()).rejects.toMatchObject({ field: 'config.json', problem });
  });
});
