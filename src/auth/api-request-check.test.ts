import { describe, expect, it } from 'vitest';
import { checkApiRequest } from './api-request-check';
import type { ApiRequest } from './vault-protocol';

const apiBase = 'https://app.example/attask/api/v20.0';
const get = (url: string): ApiRequest => ({ method: 'GET', url });

describe('checkApiRequest lets the token go', () => {
  it.each([
    'https://app.example/attask/api/v20.0/task/search?fields=name,plannedCompletionDate',
    'https://app.example/attask/api/v20.0/user/count',
    'https://app.example/attask/api-internal/session',
    'https://app.example/attask/api-unsupported/v20.0/metadata',
    'https://app.example/attask/api/unsupported/metadata',
    'https://app.example/attask/api/v20.0/proj/search?name=a%2Fb&$$LIMIT=2000',
  ])('to Workfront’s API on the configured origin: %s', (url) => {
    expect(checkApiRequest(get(url), apiBase)).toBeUndefined();
  });

  it.each<ApiRequest['method']>(['GET', 'PUT', 'POST'])('with the method %s', (method) => {
    expect(checkApiRequest({ method, url: `${apiBase}/task/1` }, apiBase)).toBeUndefined();
  });

  it('with a form on a POST', () => {
    const request: ApiRequest = {
      method: 'POST',
      url: `${apiBase}/task`,
      form: 'name=x&projectID=1',
    };
    expect(checkApiRequest(request, apiBase)).toBeUndefined();
  });

  it('on a Workfront origin when the API is called there directly', () => {
    const direct = 'https://acme.my.workfront.com/attask/api/v20.0';
    expect(checkApiRequest(get(`${direct}/task/search`), direct)).toBeUndefined();
  });
});

describe('checkApiRequest refuses', () => {
  it.each([
    ['another host', 'https://evil.example/attask/api/v20.0/task/search'],
    ['a look-alike host', 'https://app.example.evil.example/attask/api/v20.0/x'],
    ['another scheme', 'http://app.example/attask/api/v20.0/x'],
    ['another port', 'https://app.example:8443/attask/api/v20.0/x'],
    [
      'the Workfront origin when the API goes through the proxy',
      'https://acme.my.workfront.com/attask/api/v20.0/x',
    ],
  ])('%s', (_, url) => {
    expect(checkApiRequest(get(url), apiBase)).toMatch(/^the origin /);
  });

  it.each([
    ['a path outside the API', 'https://app.example/index.html'],
    ['the app itself', 'https://app.example/'],
    ['a root without its slash', 'https://app.example/attask/api'],
    ['a root that only begins like one', 'https://app.example/attask/apiary/x'],
    ['another part of /attask', 'https://app.example/attask/oauth2/token'],
    ['a root in another case', 'https://app.example/ATTASK/API/v20.0/x'],
  ])('%s', (_, url) => {
    expect(checkApiRequest(get(url), apiBase)).toMatch(/not under Workfront's API$/);
  });

  it.each([
    ['a dot-dot segment', 'https://app.example/attask/api/../../index.html'],
    ['a dot segment', 'https://app.example/attask/api/./v20.0/x'],
    ['a backslash', 'https://app.example/attask/api\\..\\x'],
    ['an upper-case host', 'https://APP.example/attask/api/v20.0/x'],
    ['the default port spelled out', 'https://app.example:443/attask/api/v20.0/x'],
    ['a space', 'https://app.example/attask/api/v20.0/x y'],
    ['a tab, which parsers drop', 'https://app.example/attask/api/v20.0/\tx'],
    ['leading white space', ' https://app.example/attask/api/v20.0/x'],
    ['a relative URL spelled in full', 'https://app.example/attask/api/v20.0/../api/x'],
  ])('%s (not in normalised form)', (_, url) => {
    expect(checkApiRequest(get(url), apiBase)).toBe('a URL not in normalised form');
  });

  it.each([
    ['user info', 'https://user:pass@app.example/attask/api/v20.0/x'],
    ['a user name', 'https://user@app.example/attask/api/v20.0/x'],
    ['a fragment', 'https://app.example/attask/api/v20.0/x#y'],
  ])('%s', (_, url) => {
    expect(checkApiRequest(get(url), apiBase)).toBe('credentials or a fragment');
  });

  it.each([
    'https://app.example/attask/api/%2e%2e/%2e%2e/index.html',
    'https://app.example/attask/api/%2E%2E/x',
    'https://app.example/attask/api/.%2e/x',
  ])('an encoded dot segment, which the URL parser resolves: %s', (url) => {
    expect(checkApiRequest(get(url), apiBase)).toBe('a URL not in normalised form');
  });

  it.each([
    'https://app.example/attask/api/v20.0%2f..%2f..%2fx',
    'https://app.example/attask/api/v20.0%2F..%2Fx',
    'https://app.example/attask/api/v20.0%5c..%5cx',
    'https://app.example/attask/api/v20.0%5C..%5Cx',
    'https://app.example/attask/api/v20.0/%2e%2e%2findex.html',
    'https://app.example/attask/api/v20.0/x%2E',
    // Decoded twice on the way, `%252e` is a dot; `..;` is a dot segment to servers that strip
    // path parameters before they route.
    'https://app.example/attask/api/v20.0/%252e%252e/x',
    'https://app.example/attask/api/..;/x',
    'https://app.example/attask/api/v20.0;jsessionid=1/task',
  ])(
    'an encoded dot, slash, backslash or percent, or a ";", that a server could read as more: %s',
    (url) => {
      expect(checkApiRequest(get(url), apiBase)).toBe(
        'an encoded dot, slash, backslash or percent, or a ";", in the path',
      );
    },
  );

  it.each(['headers', 'credentials', 'mode'])('a request with %s of its own', (field) => {
    const request = { method: 'GET', url: `${apiBase}/task/1`, [field]: { Authorization: 'x' } };
    expect(checkApiRequest(request as unknown as ApiRequest, apiBase)).toBe(`the field ${field}`);
  });

  it.each(['DELETE', 'PATCH', 'get', 'HEAD', 'OPTIONS', 'CONNECT'])('the method %s', (method) => {
    const request = { method, url: `${apiBase}/task/1` } as unknown as ApiRequest;
    expect(checkApiRequest(request, apiBase)).toBe(`the method ${method}`);
  });

  it.each<ApiRequest['method']>(['GET', 'PUT'])('a form on a %s', (method) => {
    expect(checkApiRequest({ method, url: `${apiBase}/task/1`, form: 'a=1' }, apiBase)).toBe(
      'a body on a non-POST',
    );
  });

  it('a body that is not a form string', () => {
    const request = {
      method: 'POST',
      url: `${apiBase}/task`,
      form: { name: 'x' },
    } as unknown as ApiRequest;
    expect(checkApiRequest(request, apiBase)).toBe('a body not a form');
  });

  it.each(['', '/attask/api/v20.0/x', 'attask/api', 'https://', 'https://[::1'])(
    'a URL that is not absolute or does not parse: %j',
    (url) => {
      expect(checkApiRequest(get(url), apiBase)).toBe('a URL that does not parse');
    },
  );

  it.each([
    'data:text/plain,/attask/api/',
    'javascript:fetch("/attask/api/")',
    'blob:null/attask/api/',
  ])('a URL with no origin: %s', (url) => {
    expect(checkApiRequest(get(url), apiBase)).toBe('the origin null');
  });
});
