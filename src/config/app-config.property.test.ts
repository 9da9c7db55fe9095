import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseAppConfig } from './app-config';

const valid = {
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
};
const fields = [
  'workfrontUrl',
  'clientId',
  'redirectPath',
  'scope',
  'apiVersion',
  'apiMode',
  'emulator',
  'stateEcho',
  'authorizationEndpoint',
  'tokenEndpoint',
  'revocationEndpoint',
  'workfrontSignOutUrl',
] as const;
const endpointFields = ['authorizationEndpoint', 'tokenEndpoint', 'revocationEndpoint'] as const;
const appOrigin = 'https://work.example.com';
const centralAuthorizeOrigin = 'https://oauth.my.workfront.com';

/** Parses, and turns a ConfigError into a value; any other error fails the property. */
function parse(input: unknown, origin?: string) {
  try {
    return parseAppConfig(input, origin);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

describe('parseAppConfig, for any file', () => {
  it('returns a config or a ConfigError for any JSON value, and nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => void parse(value)),
      { numRuns: 1_000 },
    );
  });

  it('returns a config or a ConfigError for any value in any field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
        void parse({ ...valid, [field]: value });
      }),
      { numRuns: 1_000 },
    );
  });

  it('only ever accepts https URLs, or http for localhost, without credentials or a path', () => {
    const urls = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string(),
    );
    fc.assert(
      fc.property(urls, urls, (workfrontUrl, tokenEndpoint) => {
        const result = parse({ ...valid, workfrontUrl, tokenEndpoint });
        if (result instanceof ConfigError) return;
        for (const text of [result.workfrontUrl, result.tokenEndpoint]) {
          const url = new URL(text);
          expect(url.protocol === 'https:' || url.hostname === 'localhost').toBe(true);
          expect(url.username + url.password).toBe('');
        }
        expect(new URL(result.workfrontUrl).pathname).toBe('/');
      }),
      { numRuns: 1_000 },
    );
  });

  it("only ever sends the sign-in, the code and the tokens to the instance, the app's origin, or Workfront's central host for sign-in", () => {
    const origins = fc.constantFrom(
      valid.workfrontUrl,
      appOrigin,
      centralAuthorizeOrigin,
      'https://evil.example',
      'https://acme.my.workfront.com.evil.example',
      'https://work.example.com:8443',
      'http://localhost:8787',
    );
    const url = fc.oneof(
      fc.webUrl(),
      fc.tuple(origins, fc.webPath()).map(([origin, path]) => origin + path),
    );
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(endpointFields.map((field) => [field, url])) as Record<
            (typeof endpointFields)[number],
            typeof url
          >,
          { requiredKeys: [] },
        ),
        fc.option(fc.constantFrom(appOrigin, 'http://localhost:4173'), { nil: undefined }),
        (endpoints, origin) => {
          const result = parse({ ...valid, ...endpoints }, origin);
          if (result instanceof ConfigError) return;
          const ours = [valid.workfrontUrl, ...(origin ? [origin] : [])];
          for (const field of endpointFields) {
            const allowed =
              field === 'authorizationEndpoint' ? [...ours, centralAuthorizeOrigin] : ours;
            expect(allowed, field).toContain(new URL(result[field]).origin);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('refuses http for any host but localhost', () => {
    fc.assert(
      fc.property(
        fc.domain().filter((host) => host !== 'localhost'),
        (host) => {
          const result = parse({ ...valid, workfrontUrl: `http://${host}` });
          expect(result).toBeInstanceOf(ConfigError);
          expect((result as ConfigError).field).toBe('workfrontUrl');
        },
      ),
    );
  });

  it('only accepts a redirect path that starts with a single slash', () => {
    fc.assert(
      fc.property(fc.string(), (redirectPath) => {
        const result = parse({ ...valid, redirectPath });
        if (result instanceof ConfigError) return;
        expect(result.redirectPath).toMatch(/^\/(?![/\\])/);
      }),
    );
  });
});
