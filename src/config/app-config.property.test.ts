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
  'authorizationEndpoint',
  'tokenEndpoint',
] as const;

/** Parses, and turns a ConfigError into a value; any other error fails the property. */
function parse(input: unknown) {
  try {
    return parseAppConfig(input);
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
