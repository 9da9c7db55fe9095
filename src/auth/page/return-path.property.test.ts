import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

const origin = 'http://localhost:4173';
const fallback = '/work';

/** Every way a browser could read the result as leaving this origin. */
function staysHere(result: string): boolean {
  return (
    result.startsWith('/') &&
    !/^\/[/\\]/.test(result) &&
    !/[\p{Cc}\\]/u.test(result) &&
    new URL(result, origin).origin === origin
  );
}

/** Random upper and lower case, as a filter that lowercases could be fooled by. */
const mixedCase = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) =>
    Array.from(text)
      .map((c, i) => (upper[i] ? c.toUpperCase() : c))
      .join(''),
  );

const schemes = fc.constantFrom('javascript', 'data', 'vbscript', 'http', 'https', 'file', 'blob');
const hosts = fc.oneof(fc.domain(), fc.constant('evil.example'), fc.ipV4());

describe('safeReturnPath, for any input', () => {
  it('returns a path of this origin, or the fallback', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl(), fc.anything()),
        (input) => {
          const result = safeReturnPath(input, origin);
          expect(staysHere(result)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('refuses any scheme, in any case, with any text after it', () => {
    fc.assert(
      fc.property(schemes.chain(mixedCase), fc.string(), (scheme, rest) => {
        expect(safeReturnPath(`${scheme}:${rest}`, origin)).toBe(fallback);
      }),
    );
  });

  it('refuses protocol-relative and backslash forms of any host', () => {
    const prefixes = fc.constantFrom('//', '/\\', '\\\\', '\\/', '///', '/\\/', '/\t/', '/\n/');
    fc.assert(
      fc.property(prefixes, hosts, fc.webPath(), (prefix, host, path) => {
        expect(safeReturnPath(`${prefix}${host}${path}`, origin)).toBe(fallback);
      }),
    );
  });

  it('never resolves dot segments, plain or percent-encoded, into a protocol-relative path', () => {
    const dots = fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      '%2e.',
      '%2e',
      '',
      'a',
      '%2f',
    );
    const slashes = fc.constantFrom('/', '//', '/\\', '\\', '%2f', '%5c');
    fc.assert(
      fc.property(
        fc.array(dots, { maxLength: 6 }),
        slashes,
        hosts,
        fc.webPath(),
        (segments, slash, host, path) => {
          const candidate = `/${segments.join('/')}${slash}${host}${path}`;
          const result = safeReturnPath(candidate, origin);
          expect(staysHere(result), `${candidate} -> ${result}`).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('refuses absolute URLs of other origins, and of its own (a path is expected)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(safeReturnPath(url, origin)).toBe(fallback);
      }),
    );
  });

  it('keeps a same-origin path as the browser would resolve it', () => {
    const paths = fc
      .tuple(fc.webPath(), fc.webQueryParameters(), fc.webFragments())
      .map(([path, query, fragment]) => `/${path.replace(/^\/+/, '')}?${query}#${fragment}`);
    fc.assert(
      fc.property(paths, (path) => {
        const url = new URL(path, origin);
        const resolved = `${url.pathname}${url.search}${url.hash}`;
        // A path whose dot segments resolve to `//…` is refused (see the property above).
        expect(safeReturnPath(path, origin)).toBe(/^\/[/\\]/.test(resolved) ? fallback : resolved);
      }),
    );
  });

  it('is stable: a result read again is itself', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const once = safeReturnPath(input, origin);
        expect(safeReturnPath(once, origin)).toBe(once);
      }),
    );
  });
});
