import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkApiRequest } from './api-request-check';
import type { ApiRequest } from '../vault-protocol';

const apiBase = 'https://app.example/attask/api/v20.0';
const host = 'app.example';
const roots = ['/attask/api/', '/attask/api-internal/', '/attask/api-unsupported/'];

/** Percent-decodes once, byte by byte, as a server behind the proxy might before routing. */
const decodeOnce = (path: string) =>
  path.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** RFC 3986, section 5.2.4. */
function removeDotSegments(path: string): string {
  let input = path;
  let output = '';
  const dropLast = () => {
    output = output.slice(0, Math.max(0, output.lastIndexOf('/')));
  };
  while (input.length > 0) {
    if (input.startsWith('../')) input = input.slice(3);
    else if (input.startsWith('./')) input = input.slice(2);
    else if (input.startsWith('/./')) input = input.slice(2);
    else if (input === '/.') input = '/';
    else if (input.startsWith('/../')) {
      input = input.slice(3);
      dropLast();
    } else if (input === '/..') {
      input = '/';
      dropLast();
    } else if (input === '.' || input === '..') input = '';
    else {
      const end = input.indexOf('/', 1);
      const segment = end === -1 ? input : input.slice(0, end);
      output += segment;
      input = input.slice(segment.length);
    }
  }
  return output;
}

/**
 * Whether every reader would take `raw` to Workfront's API on the configured origin: the URL
 * parser, and a lenient server that decodes the path once, reads backslashes as slashes, merges
 * slashes and resolves dot segments.
 */
function insideTheApi(raw: string): boolean {
  const parsed = new URL(raw);
  const underRoot = (path: string) => roots.some((root) => path.startsWith(root));
  if (parsed.origin !== new URL(apiBase).origin || !underRoot(parsed.pathname)) return false;
  const match = /^https:\/\/([^/\\?#]*)([^?#]*)/.exec(raw);
  if (!match || match[1] !== host) return false;
  const serverPath = removeDotSegments(
    decodeOnce(match[2] ?? '')
      .replace(/\\/g, '/')
      .replace(/\/{2,}/g, '/'),
  );
  return underRoot(serverPath);
}

/** Mostly `usual`, sometimes one of `others`: enough URLs pass to test what passes. */
const mostly = (usual: string, others: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 4 }, { arbitrary: others, weight: 1 });

const schemes = mostly(
  'https',
  fc.constantFrom('http', 'HTTPS', 'javascript', 'data', 'blob', 'file', 'wss', 'ftp'),
);
const separators = mostly('://', fc.constantFrom(':/', ':', ':\\\\', ':///', '://\\', ':\\/'));
const userInfo = mostly('', fc.constantFrom('user@', 'user:pass@', `${host}@`, ':@', '@'));
const hosts = mostly(
  host,
  fc.oneof(
    fc.constantFrom(
      'APP.EXAMPLE',
      `${host}.`,
      `${host}.evil.example`,
      'evil.example',
      'acme.my.workfront.com',
      '127.0.0.1',
      '[::1]',
      'app%2eexample',
      `${host}%2eevil.example`,
      `${host}\\evil.example`,
      `${host}?.evil.example`,
      `${host}#.evil.example`,
      `evil.example\\@${host}`,
    ),
    fc.domain(),
  ),
);
const ports = mostly('', fc.constantFrom(':443', ':8443', ':', ':0443', ':80'));
const segments = fc.oneof(
  // Mostly segments of the app's kind, so that enough URLs pass to test what passes.
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,10}$/), weight: 2 },
  fc.constantFrom(
    'attask',
    'api',
    'api-internal',
    'api-unsupported',
    'apiary',
    'ATTASK',
    'v20.0',
    'task',
    'search',
    'logout',
    'index.html',
    '',
    '.',
    '..',
    '%2e',
    '%2E',
    '%2e%2e',
    '%2E%2e',
    '.%2e',
    '%2e.',
    '%252e%252e',
    '%00',
    '%2f',
    '%5c',
    '%5C..',
    '@evil.example',
  ),
  fc.webSegment(),
);
const slashes = mostly(
  '/',
  fc.constantFrom('\\', '//', '%2f', '%2F', '%5c', '%5C', '/./', '/../', '/\\'),
);
const paths = fc
  .tuple(
    mostly(roots[0] ?? '', fc.constantFrom('/', '/attask/', ...roots.slice(1))),
    fc.array(fc.tuple(segments, slashes), { maxLength: 5 }),
    segments,
  )
  .map(
    ([root, middle, last]) =>
      `${root}${middle.map(([segment, slash]) => `${segment}${slash}`).join('')}${last}`,
  );
const queries = mostly('', fc.constantFrom('?fields=name', '?', '?x=/../..', '?%2e%2e', '?a=\\b'));
const fragments = mostly('', fc.constantFrom('#', '#x', '#/../..'));
const noise = mostly('', fc.constantFrom(' ', '\t', '\n', '\r\n', '\u0000', '\u00a0'));

const urls = fc
  .tuple(noise, schemes, separators, userInfo, hosts, ports, paths, queries, fragments, noise)
  .map((parts) => parts.join(''));

const requests: fc.Arbitrary<ApiRequest> = fc.oneof(
  fc.record({
    method: fc.constantFrom('GET' as const, 'PUT' as const, 'POST' as const),
    url: urls,
  }),
  fc.record({ method: fc.constant('POST' as const), url: urls, form: fc.string() }),
);

describe('checkApiRequest, for any URL', () => {
  it('never lets a token go outside the configured origin and Workfront’s API roots', () => {
    let accepted = 0;
    fc.assert(
      fc.property(requests, (request) => {
        if (checkApiRequest(request, apiBase) !== undefined) return;
        accepted += 1;
        expect(insideTheApi(request.url), request.url).toBe(true);
      }),
      { numRuns: 5_000 },
    );
    // The property above is only as good as the URLs that pass: make sure many did.
    expect(accepted).toBeGreaterThan(100);
  });

  it('never lets a token go with a method other than GET, PUT or POST, or a form not on a POST', () => {
    const methods = fc.oneof(
      fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'get', 'post', 'HEAD', 'OPTIONS'),
      fc.string(),
    );
    fc.assert(
      fc.property(methods, fc.option(fc.string(), { nil: undefined }), (method, form) => {
        const request = { method, url: `${apiBase}/task/search`, form } as ApiRequest;
        if (checkApiRequest(request, apiBase) !== undefined) return;
        expect(['GET', 'PUT', 'POST']).toContain(method);
        if (form !== undefined) expect(method).toBe('POST');
      }),
    );
  });

  it('lets a plain URL under any API root go, with any method and a query with no method in it', () => {
    const plainSegment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    const plainQuery = fc
      .stringMatching(/^[A-Za-z0-9=&,._-]{0,30}$/)
      .filter((query) => !/method/i.test(query));
    fc.assert(
      fc.property(
        fc.constantFrom(...roots),
        fc.array(plainSegment, { minLength: 1, maxLength: 5 }),
        plainQuery,
        fc.constantFrom('GET' as const, 'PUT' as const, 'POST' as const),
        (root, path, query, method) => {
          const url = `https://${host}${root}${path.join('/')}${query ? `?${query}` : ''}`;
          expect(checkApiRequest({ method, url }, apiBase), url).toBeUndefined();
        },
      ),
    );
  });

  it('refuses any path with a character the app never sends in one', () => {
    const allowed = /^[A-Za-z0-9._/-]$/;
    // `?` and `#` end the path, so they are not path characters.
    const stranger = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      fc.constantFrom(
        ...Array.from("%\\;:@!$&'()*+,=~|^ "),
        '%2e',
        '%C0%AE',
        '%u002e',
        '%00',
        '%41',
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...roots),
        fc.array(fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/), { minLength: 1, maxLength: 4 }),
        stranger.filter((text) => !allowed.test(text) && !/[?#]/.test(text)),
        fc.nat(),
        (root, segments, character, at) => {
          const path = segments.join('/');
          const cut = at % (path.length + 1);
          const url = `https://${host}${root}${path.slice(0, cut)}${character}${path.slice(cut)}`;
          expect(checkApiRequest({ method: 'GET', url }, apiBase), url).toBeDefined();
        },
      ),
    );
  });

  it('refuses a method parameter, in any case, encoding, place or number, but the app’s own', () => {
    /** As the app encodes a name or a value. */
    const formEncoded = (text: string) => new URLSearchParams({ _: text }).toString().slice(2);
    /** A letter of `method`, mostly in lower case, perhaps percent-encoded (either hex case). */
    const letter = (char: string) =>
      fc
        .tuple(
          fc.oneof({ arbitrary: fc.constant(char), weight: 5 }, fc.constant(char.toUpperCase())),
          fc.constantFrom('plain', 'lower', 'upper'),
        )
        .map(([spelled, encoding]) => {
          const hex = spelled.charCodeAt(0).toString(16);
          const sent = { plain: spelled, lower: `%${hex}`, upper: `%${hex.toUpperCase()}` };
          return { spelled, sent: sent[encoding] };
        });
    const spellings = fc.tuple(...Array.from('method', letter)).map((letters) => ({
      name: letters.map((each) => each.spelled).join(''),
      sent: letters.map((each) => each.sent).join(''),
    }));
    const places = fc.constantFrom('query' as const, 'form' as const);
    const methodParams = fc.array(
      fc.record({
        spelling: spellings,
        value: fc.oneof(
          { arbitrary: fc.constant('GET'), weight: 3 },
          fc.constantFrom('PUT', 'DELETE', 'POST', 'get', ''),
          fc.string(),
        ),
        place: places,
      }),
      { maxLength: 3 },
    );
    const otherParams = fc.array(
      fc.record({
        name: fc.stringMatching(/^[A-Za-z$_]{1,10}$/).filter((name) => !/^method$/i.test(name)),
        value: fc.string(),
        place: places,
      }),
      { maxLength: 4 },
    );
    let appsOwnSeen = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('GET' as const, 'PUT' as const, 'POST' as const),
        fc.constantFrom('task/search', 'optask/search', `task/${'5f1e0c2a'.repeat(4)}`, 'task'),
        methodParams,
        otherParams,
        (method, path, methods, others) => {
          // Only a POST has a form: elsewhere every parameter goes in the query.
          const placeOf = (place: 'query' | 'form') => (method === 'POST' ? place : 'query');
          const sent = [
            ...others.map(({ name, value, place }) => ({ sent: formEncoded(name), value, place })),
            ...methods.map(({ spelling, value, place }) => ({ sent: spelling.sent, value, place })),
          ];
          const join = (place: 'query' | 'form') =>
            sent
              .filter((param) => placeOf(param.place) === place)
              .map((param) => `${param.sent}=${formEncoded(param.value)}`)
              .join('&');
          const query = join('query');
          const url = `${apiBase}/${path}${query ? `?${query}` : ''}`;
          const request: ApiRequest =
            method === 'POST' ? { method, url, form: join('form') } : { method, url };
          const [only, ...more] = methods;
          const appsOwn =
            method === 'POST' &&
            path.endsWith('/search') &&
            more.length === 0 &&
            only?.place === 'form' &&
            only.spelling.name === 'method' &&
            only.value === 'GET';
          if (appsOwn) appsOwnSeen += 1;
          const allowed = checkApiRequest(request, apiBase) === undefined;
          expect(allowed, JSON.stringify(request)).toBe(methods.length === 0 || appsOwn);
        },
      ),
      { numRuns: 5_000 },
    );
    // The property above tells the app's own request from the rest only if it came up.
    expect(appsOwnSeen).toBeGreaterThan(0);
  });

  it('refuses every URL of another origin', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), (url) => {
        fc.pre(new URL(url).origin !== new URL(apiBase).origin);
        expect(checkApiRequest({ method: 'GET', url }, apiBase)).toBeDefined();
      }),
    );
  });
});
