import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { parseAppConfig } from '../config/app-config';
import {
  invalidSessionId,
  myWorkPagingOf,
  runInstanceCheck,
  sessionHeaders,
  tokenErrorStyleOf,
  type InstanceCheckAuth,
  type SignInFacts,
} from './instance-check';
import {
  authenticationError,
  createFakeSession,
  setupWorkfrontServer,
  viaFetch,
  wfId,
  workfrontError,
} from './test/test-support';

const server = setupWorkfrontServer();

const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
});
const proxied = `${window.location.origin}/attask/api`;
const direct = 'https://acme.my.workfront.com/attask/api';

/** What must never reach a profile: each appears in Workfront's mocked answers below. */
const secret = {
  token: 'secret-access-token-4f9a',
  userName: 'Dana Demo',
  userId: wfId(4, 7),
  itemId: wfId(5, 1),
  otherItemId: wfId(5, 2),
  itemName: 'Launch the rocket',
};

const signedIn: SignInFacts = {
  callbackParamNames: ['code', 'domain', 'lane', 'state'],
  tokenAnswerKeys: ['access_token', 'expires_in', 'refresh_token', 'token_type', 'wid'],
  tokenType: 'sessionID',
  expiresIn: 3600,
  refreshTokenIssued: true,
  rotatedAtLastRefresh: null,
};

/** The auth module's side, answering as Workfront would, with personal data in every answer. */
function fakeAuth(
  facts: SignInFacts | null = signedIn,
  overrides: Partial<InstanceCheckAuth> = {},
) {
  let current = facts;
  // The session sends the user's token as sessionID, as the vault does.
  const session = createFakeSession((request, signal) =>
    viaFetch({ ...request, token: secret.token }, signal),
  );
  const auth = {
    send: session.send,
    signInFacts: vi.fn(() => Promise.resolve(current)),
    refreshOnce: vi.fn(() => {
      if (current) current = { ...current, rotatedAtLastRefresh: true };
      return Promise.resolve();
    }),
    bearerOnly: vi.fn(async (url: string) => {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${secret.token}` } });
      return {
        status: response.status,
        headerNames: [...response.headers.keys()].sort(),
        body: (await response.json()) as unknown,
      };
    }),
    madeUpRefresh: vi.fn(() =>
      Promise.resolve({
        status: 400,
        headerNames: ['content-type'],
        body: {
          statusCode: 400,
          error: true,
          type: 'invalid_grant',
          message: `No such token for ${secret.userName} (${secret.token})`,
        },
      }),
    ),
    ...overrides,
  } satisfies InstanceCheckAuth;
  return auth;
}

const items = [
  { ID: secret.itemId, name: secret.itemName, objCode: 'TASK' },
  { ID: secret.otherItemId, name: `${secret.itemName} again`, objCode: 'OPTASK' },
];

/** A Workfront that answers a session ID, refuses v16.0, and pages My work as asked. */
function serveWorkfront(options: { apiCors?: boolean; paging?: 'honoured' | 'ignored' } = {}) {
  const { apiCors = false, paging = 'honoured' } = options;
  const sessionOf = (request: Request) => request.headers.get('sessionID');
  server.use(
    http.get(`${direct}/:version/user/count`, ({ request }) =>
      apiCors && sessionOf(request) === invalidSessionId
        ? HttpResponse.json(authenticationError, { status: 401 })
        : HttpResponse.error(),
    ),
    http.get(`${proxied}/:version/user/count`, ({ request, params }) => {
      if (params.version === 'v16.0') {
        return HttpResponse.json(
          workfrontError('com.attask.common.UnsupportedVersionException', 'v16.0 is retired'),
          { status: 410 },
        );
      }
      if (request.headers.get('Authorization') === `Bearer ${secret.token}`) {
        return HttpResponse.json(workfrontError('x', `${secret.userName} must send a sessionID`), {
          status: 401,
        });
      }
      if (sessionOf(request) !== secret.token) {
        return HttpResponse.json(authenticationError, { status: 401 });
      }
      return HttpResponse.json({ data: { count: 1, ID: secret.userId, name: secret.userName } });
    }),
    http.get(`${proxied}/v20.0/work/myWork`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const first = Number(query.get('$$FIRST'));
      const limit = Number(query.get('$$LIMIT'));
      const page = paging === 'honoured' ? items.slice(first, first + limit) : items;
      return HttpResponse.json({ data: page });
    }),
    http.get(`${proxied}/v20.0/optask/metadata`, () =>
      HttpResponse.json({
        data: {
          name: secret.userName,
          fields: {
            status: {
              possibleValues: [
                { value: 'NEW', label: 'New' },
                { value: 'INP:A', label: `Waiting for ${secret.userName}` },
                { value: 'CLS', label: 'Closed' },
              ],
            },
          },
        },
      }),
    ),
  );
}

describe('sessionHeaders', () => {
  it('sends the access token as a sessionID header, with X-Requested-With and Accept JSON', () => {
    expect(sessionHeaders('token-abc')).toEqual({
      sessionID: 'token-abc',
      'X-Requested-With': 'XMLHttpRequest',
      Accept: 'application/json',
    });
  });
});

describe('runInstanceCheck', () => {
  it('keeps no token, user name, ID or work data from any answer', async () => {
    serveWorkfront();
    const profile = await runInstanceCheck(config, fakeAuth());
    const text = JSON.stringify(profile);
    for (const value of Object.values(secret)) expect(text).not.toContain(value);
  });

  it('reads each behaviour of an instance that answers as the documentation leaves open', async () => {
    serveWorkfront();
    const auth = fakeAuth();
    const steps: string[] = [];
    const profile = await runInstanceCheck(config, auth, (step) => steps.push(step));
    const values = Object.fromEntries(
      Object.entries(profile.behaviours).map(([name, behaviour]) => [
        name,
        'value' in behaviour ? behaviour.value : behaviour,
      ]),
    );
    expect(values).toMatchObject({
      stateEchoed: true,
      tokenType: 'sessionID',
      expiresIn: 3600,
      refreshTokenIssued: true,
      refreshTokenRotates: true,
      tokenCors: true,
      apiCors: false,
      bearerAccepted: false,
      authError: { status: 401, errorClass: 'com.attask.common.AuthenticationException' },
      tokenErrorStyle: 'workfront-boolean',
      myWorkObjCode: 'TASK_OPTASK',
      myWorkPaging: 'honoured',
      apiVersions: {
        answered: ['v17.0', 'v18.0', 'v19.0', 'v20.0', 'v21.0', 'v22.0'],
        refused: ['v16.0'],
      },
      issueStatuses: ['NEW', 'INP:A', 'CLS'],
    });
    expect(profile.notRun).toEqual([]);
    expect(auth.refreshOnce).toHaveBeenCalledOnce();
    expect(steps).toEqual([
      'signIn',
      'tokenEndpoint',
      'refresh',
      'apiCors',
      'bearerAccepted',
      'authError',
      'myWork',
      'apiVersions',
      'issueStatuses',
    ]);
  });

  it('gives the same profile twice for the same instance', async () => {
    serveWorkfront({ apiCors: true });
    const first = await runInstanceCheck(config, fakeAuth());
    const second = await runInstanceCheck(config, fakeAuth());
    expect(second).toEqual(first);
    expect(first.behaviours.apiCors).toMatchObject({
      value: true,
      evidence: { status: 401, headerNames: expect.arrayContaining(['content-type']) as unknown },
    });
  });

  it('takes rotation from a refresh that already happened, without refreshing again', async () => {
    serveWorkfront();
    const auth = fakeAuth({ ...signedIn, rotatedAtLastRefresh: false });
    const profile = await runInstanceCheck(config, auth);
    expect(profile.behaviours.refreshTokenRotates.value).toBe(false);
    expect(auth.refreshOnce).not.toHaveBeenCalled();
  });

  it('reports a token endpoint whose answers the browser cannot read, and does not refresh', async () => {
    serveWorkfront();
    const auth = fakeAuth(signedIn, {
      madeUpRefresh: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const profile = await runInstanceCheck(config, auth);
    expect(profile.behaviours.tokenCors.value).toBe(false);
    expect(profile.behaviours.tokenErrorStyle.value).toBe('unknown');
    expect(profile.behaviours.refreshTokenRotates.value).toBeNull();
    expect(profile.notRun).toEqual([
      { probe: 'tokenErrorStyle', reason: 'token-endpoint-blocked' },
      { probe: 'refreshTokenRotates', reason: 'token-endpoint-blocked' },
    ]);
    expect(auth.refreshOnce).not.toHaveBeenCalled();
  });

  it('says why probes could not run: no sign-in in this tab, no refresh token', async () => {
    serveWorkfront();
    const none = await runInstanceCheck(config, fakeAuth(null));
    expect(none.notRun.map((entry) => entry.probe)).toEqual([
      'stateEchoed',
      'tokenType',
      'expiresIn',
      'refreshTokenIssued',
      'refreshTokenRotates',
    ]);
    const noRefreshToken = await runInstanceCheck(
      config,
      fakeAuth({ ...signedIn, refreshTokenIssued: false }),
    );
    expect(noRefreshToken.notRun).toEqual([
      { probe: 'refreshTokenRotates', reason: 'no-refresh-token' },
    ]);
  });

  it('sends its session calls through the session: no token, a GET with a timeout', async () => {
    serveWorkfront();
    const send = vi.fn(fakeAuth().send);
    await runInstanceCheck(config, fakeAuth(signedIn, { send }));
    expect(send).toHaveBeenCalled();
    for (const [request, signal] of send.mock.calls) {
      expect(Object.keys(request).sort()).toEqual(['method', 'url']);
      expect(request.method).toBe('GET');
      expect(request.url.startsWith(proxied)).toBe(true);
      expect(signal).toBeInstanceOf(AbortSignal);
    }
  });

  it('says no-session for the probes that need the session when it has none', async () => {
    serveWorkfront();
    const auth = fakeAuth(signedIn, { send: () => Promise.resolve('no-session' as const) });
    const profile = await runInstanceCheck(config, auth);
    const sessionProbes = profile.notRun.filter((entry) => entry.reason === 'no-session');
    expect(sessionProbes.map((entry) => entry.probe)).toEqual([
      'myWorkObjCode',
      'myWorkPaging',
      ...['v16.0', 'v17.0', 'v18.0', 'v19.0', 'v20.0', 'v21.0', 'v22.0'].map(
        (version) => `apiVersions ${version}`,
      ),
      'issueStatuses',
    ]);
    expect(profile.behaviours.apiVersions).toMatchObject({ answered: [], refused: [] });
  });

  it('tells a session call that failed on the network from one that timed out', async () => {
    serveWorkfront();
    const network = await runInstanceCheck(
      config,
      fakeAuth(signedIn, { send: () => Promise.reject(new TypeError('Failed to fetch')) }),
    );
    expect(network.notRun).toContainEqual({ probe: 'issueStatuses', reason: 'network' });
    const timedOut = await runInstanceCheck(
      config,
      fakeAuth(signedIn, {
        send: () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')),
      }),
    );
    expect(timedOut.notRun).toContainEqual({ probe: 'issueStatuses', reason: 'timeout' });
  });

  it('sees a work/myWork that ignores paging', async () => {
    serveWorkfront({ paging: 'ignored' });
    const profile = await runInstanceCheck(config, fakeAuth());
    expect(profile.behaviours.myWorkPaging.value).toBe('ignored');
  });
});

describe('tokenErrorStyleOf', () => {
  it.each<[unknown, string]>([
    [{ error: 'invalid_grant', error_description: 'x' }, 'rfc6749'],
    [{ statusCode: 400, error: 'Bad Request', type: 'invalid_grant', message: 'x' }, 'workfront'],
    [{ statusCode: 400, error: true, type: 'invalid_grant', message: 'x' }, 'workfront-boolean'],
    [{ message: 'no' }, 'unknown'],
    [null, 'unknown'],
  ])('reads %j as %s', (body, style) => {
    expect(tokenErrorStyleOf({ status: 400, headerNames: [], body })).toBe(style);
  });

  it('calls a success to a made-up refresh token unknown', () => {
    expect(tokenErrorStyleOf({ status: 200, headerNames: [], body: { error: 'x' } })).toBe(
      'unknown',
    );
  });
});

describe('myWorkPagingOf', () => {
  const item = (ID: string) => ({ ID, objCode: 'TASK' });
  it.each<[string, string[], string[], string]>([
    ['one item, then another', ['a'], ['b'], 'honoured'],
    ['a single item in all', ['a'], [], 'honoured'],
    ['the same item twice', ['a'], ['a'], 'limit-only'],
    ['more than the limit', ['a', 'b'], ['a', 'b'], 'ignored'],
    ['no work at all', [], [], 'unknown'],
  ])('%s: %s', (_, first, second, paging) => {
    expect(myWorkPagingOf(first.map(item), second.map(item)).value).toBe(paging);
  });
});
