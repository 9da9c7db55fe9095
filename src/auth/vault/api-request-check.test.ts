import { describe, expect, it } from 'vitest';
import { checkApiRequest } from './api-request-check';
import type { ApiRequest } from '../vault-protocol';

const apiBase = 'https://app.example/attask/api/v20.0';
const get = (url: string): ApiRequest => ({ method: 'GET', url });
const form = (params: Record<string, string | number>) =>
  new URLSearchParams(
    Object.entries(params).map(([name, value]) => [name, String(value)]),
  ).toString();
/** A URL as src/workfront/workfront-client.ts makes it. */
const app = (path: string, params: Record<string, string | number> = {}) =>
  `${apiBase}/${path}${Object.keys(params).length > 0 ? `?${form(params)}` : ''}`;
/** Workfront's IDs are 32 hex digits. */
const id = '5f1e0c2a9b7d4e3f8a6c1b2d3e4f5a6b';
const pathRefusal = 'a path with a character the app never sends, or an empty segment';
const methodRefusal = 'a method parameter other than method=GET in a POSTed search’s form';

describe('checkApiRequest lets the token go', () => {
  // Every request the app sends through the vault, built as src/workfront builds them.
  it.each<[string, ApiRequest]>([
    ['My work', get(app('work/myWork', { fields: 'name,status', $$FIRST: 0, $$LIMIT: 2000 }))],
    ['My work, the instance check’s page', get(app('work/myWork', { fields: 'ID', $$LIMIT: 1 }))],
    [
      'the issues among My work, a search sent as a POST',
      {
        method: 'POST',
        url: app('optask/search'),
        form: form({ ID: `${id},${id}`, ID_Mod: 'in', fields: 'ID', method: 'GET' }),
      },
    ],
    ['the signed-in user', get(app('user/search', { ID: '$$USER.ID', fields: 'emailAddr' }))],
    ['a task', get(app(`TASK/${id}`, { fields: 'name,status,project:name' }))],
    ['an issue', get(app(`OPTASK/${id}`, { fields: 'name,status' }))],
    [
      'an edit of a task',
      { method: 'PUT', url: app(`TASK/${id}`, { updates: '{"status":"INP"}', fields: 'name' }) },
    ],
    [
      'an edit of an issue',
      { method: 'PUT', url: app(`OPTASK/${id}`, { updates: '{"percentComplete":50}' }) },
    ],
    ['a task’s updates', get(app('note/search', { taskID: id, entryDate_Sort: 'desc' }))],
    ['the task statuses', get(app('TASK/metadata'))],
    ['the issue statuses of the instance check', get(app('optask/metadata'))],
    ['my projects', get(app('proj/search', { ownerID: '$$USER.ID', name_Sort: 'asc' }))],
    ['a project', get(app(`proj/${id}`, { fields: 'status,owner:name' }))],
    ['a project’s tasks', get(app('task/search', { projectID: id, $$LIMIT: 2000 }))],
    ['the instance check’s cheap call', get(app('user/count', { ID: '$$USER.ID' }))],
    [
      'the instance check’s cheap call on another version',
      get('https://app.example/attask/api/v16.0/user/count?ID=%24%24USER.ID'),
    ],
  ])('as the app sends it: %s', (_, request) => {
    expect(checkApiRequest(request, apiBase)).toBeUndefined();
  });

  it.each([
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
    // A dot to decoders that accept overlong UTF-8, or IIS's %u escapes.
    'https://app.example/attask/api/%C0%AE%C0%AE/%C0%AE%C0%AE/index.html',
    'https://app.example/attask/api/%c0%ae./x',
    'https://app.example/attask/api/%u002e%u002e/%u002e%u002e/index.html',
    'https://app.example/attask/api/v20.0/%u002f..%u002fx',
    'https://app.example/attask/api/v20.0/%00/task',
    // Even an escape of a letter: the app never sends one.
    'https://app.example/attask/api/v20.0/%74ask/search',
  ])('percent-encoding in the path, which a server could decode into more: %s', (url) => {
    expect(checkApiRequest(get(url), apiBase)).toBe(pathRefusal);
  });

  it.each([
    'https://app.example/attask/api/.a/../../index.html',
    'https://app.example/attask/api/.-/../../a?fields=name',
    'https://app.example/attask/api/v20.0/.x/..',
  ])('a dot segment, whether or not the URL parser resolved it: %s', (url) => {
    // A browser resolves these, so the URL is not in normalised form; Node 20's parser, which
    // these tests run on, leaves them in the path.
    expect([pathRefusal, 'a URL not in normalised form']).toContain(
      checkApiRequest(get(url), apiBase),
    );
  });

  it.each(Array.from("!$&'()*+,;=:@~|^"))('a %s in the path', (character) => {
    const url = `https://app.example/attask/api/v20.0/task${character}x/search`;
    expect(checkApiRequest(get(url), apiBase)).toBe(pathRefusal);
  });

  it.each([
    ['an empty segment', 'https://app.example/attask/api/v20.0//task/search'],
    ['a trailing slash', 'https://app.example/attask/api/v20.0/task/'],
    ['the bare root', 'https://app.example/attask/api/'],
  ])('%s', (_, url) => {
    expect(checkApiRequest(get(url), apiBase)).toBe(pathRefusal);
  });

  describe('a method parameter, which Workfront obeys over the HTTP method', () => {
    const edit = form({ updates: '{"percentComplete":100}' });
    it.each([
      ['an edit by GET', `${app(`task/${id}`)}?method=PUT&${edit}`],
      ['a delete by GET', `${app(`task/${id}`)}?method=DELETE`],
      ['a create by GET', `${app('task')}?method=POST&name=x&projectID=${id}`],
      ['even a GET in the query', `${app('task/search')}?method=GET`],
      ['in upper case', `${app(`task/${id}`)}?METHOD=DELETE`],
      ['in mixed case', `${app(`task/${id}`)}?fields=name&mEtHoD=PUT&${edit}`],
      ['percent-encoded', `${app(`task/${id}`)}?%6Dethod=DELETE`],
      ['percent-encoded whole', `${app(`task/${id}`)}?%6D%65%74%68%6F%64=PUT&${edit}`],
      ['with a space after it', `${app(`task/${id}`)}?method+=DELETE`],
      ['with a value only', `${app(`task/${id}`)}?method=`],
      ['as a name only', `${app(`task/${id}`)}?method`],
    ])('in the query: %s', (_, url) => {
      expect(checkApiRequest(get(url), apiBase)).toBe(methodRefusal);
    });

    it.each<[string, ApiRequest['method'], string, string]>([
      ['an edit', 'POST', `task/${id}`, `method=PUT&${edit}`],
      ['a delete', 'POST', `task/${id}`, 'method=DELETE'],
      ['a GET, but not of a search', 'POST', `task/${id}`, 'method=GET'],
      ['a search, but not a GET', 'POST', 'task/search', 'method=PUT'],
      ['a search with the method in lower case', 'POST', 'task/search', 'method=get'],
      ['a search with the name in upper case', 'POST', 'task/search', 'METHOD=GET'],
      ['a search with the name encoded in upper case', 'POST', 'task/search', '%4Dethod=GET'],
      ['a search and a second method', 'POST', 'task/search', 'method=GET&method=DELETE'],
      [
        'a search and a second method in another case',
        'POST',
        'task/search',
        'method=GET&Method=PUT',
      ],
      ['a search and the same method twice', 'POST', 'task/search', 'method=GET&method=GET'],
      ['a search with its method in the query too', 'POST', 'task/search?method=GET', 'method=GET'],
      [
        'a search with another method in the query',
        'POST',
        'task/search?method=DELETE',
        'method=GET',
      ],
      ['a search by PUT', 'PUT', 'task/search?method=GET', ''],
    ])('in a form or beside it: %s', (_, method, path, body) => {
      const request: ApiRequest =
        method === 'POST'
          ? { method, url: `${apiBase}/${path}`, form: body }
          : { method, url: `${apiBase}/${path}` };
      expect(checkApiRequest(request, apiBase)).toBe(methodRefusal);
    });

    it.each(['method=GET', '%6Dethod=%47ET', 'ID=1&method=GET&fields=ID'])(
      'but the app’s own: a POSTed search with %s in its form',
      (body) => {
        const request: ApiRequest = { method: 'POST', url: app('optask/search'), form: body };
        expect(checkApiRequest(request, apiBase)).toBeUndefined();
      },
    );
  });

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
