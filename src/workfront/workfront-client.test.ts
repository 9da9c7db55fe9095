import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config';
import {
  apiBase,
  authenticationError,
  createFakeAuth,
  setupWorkfrontServer,
  workfrontError,
} from './test-support';
import { createWorkfrontClient, logout, workfrontApiBase } from './workfront-client';
import { WorkfrontApiError } from './workfront-errors';

const server = setupWorkfrontServer();

/** Awaits a promise that must reject, and returns what it rejected with. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved.');
}

async function apiErrorOf(promise: Promise<unknown>): Promise<WorkfrontApiError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WorkfrontApiError);
  return error as WorkfrontApiError;
}

/** Answers `GET <apiBase>/user/search` with each response in turn, and records every request. */
function answerInTurn(...responses: (() => Response)[]) {
  const requests: Request[] = [];
  server.use(
    http.get(`${apiBase}/user/search`, ({ request }) => {
      requests.push(request);
      const respond = responses[requests.length - 1];
      if (!respond) throw new Error(`Unexpected request number ${requests.length}`);
      return respond();
    }),
  );
  return requests;
}

const ok = () => HttpResponse.json({ data: [{ ID: 'me' }] });
const notLoggedIn = (status: number) => () => HttpResponse.json(authenticationError, { status });

describe('workfrontApiBase', () => {
  const config = {
    workfrontUrl: 'https://acme.my.workfront.com',
    apiVersion: 'v20.0',
  } as AppConfig;

  it('is a same-origin path in proxy mode', () => {
    expect(workfrontApiBase({ ...config, apiMode: 'proxy' })).toBe('/attask/api/v20.0');
  });

  it("is on Workfront's origin in direct mode", () => {
    expect(workfrontApiBase({ ...config, apiMode: 'direct' })).toBe(
      'https://acme.my.workfront.com/attask/api/v20.0',
    );
  });
});

describe('createWorkfrontClient: requests', () => {
  it('sends the access token as a sessionID header, with X-Requested-With and Accept JSON', async () => {
    const requests = answerInTurn(ok);
    const client = createWorkfrontClient(apiBase, createFakeAuth('token-abc'));

    await client.get('user/search');

    const headers = requests[0]?.headers;
    expect(headers?.get('sessionID')).toBe('token-abc');
    expect(headers?.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(headers?.get('Accept')).toBe('application/json');
    expect(headers?.has('Authorization')).toBe(false);
  });

  it('asks the auth module for the token on every request', async () => {
    const requests = answerInTurn(ok, ok);
    const auth = createFakeAuth('token-1');
    const client = createWorkfrontClient(apiBase, auth);

    await client.get('user/search');
    auth.replaceToken('token-9');
    await client.get('user/search');

    expect(requests.map((request) => request.headers.get('sessionID'))).toEqual([
      'token-1',
      'token-9',
    ]);
  });

  it('encodes parameters, repeating a name for each value of an array', async () => {
    const requests = answerInTurn(ok);
    const client = createWorkfrontClient(apiBase, createFakeAuth());

    await client.get('user/search', {
      ID: '$$USER.ID',
      fields: 'emailAddr,title,role:name',
      status: ['CUR', 'PLN'],
      $$LIMIT: 2000,
    });

    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/attask/api/v20.0/user/search');
    expect(url.searchParams.get('ID')).toBe('$$USER.ID');
    expect(url.searchParams.get('fields')).toBe('emailAddr,title,role:name');
    expect(url.searchParams.getAll('status')).toEqual(['CUR', 'PLN']);
    expect(url.searchParams.get('$$LIMIT')).toBe('2000');
  });

  it('sends no query string when there are no parameters', async () => {
    const requests = answerInTurn(ok);
    await createWorkfrontClient(apiBase, createFakeAuth()).get('user/search');
    expect(requests[0]?.url).toBe(`${apiBase}/user/search`);
  });

  it('sends writes as PUT with the parameters in the URL', async () => {
    let seen: Request | undefined;
    server.use(
      http.put(`${apiBase}/TASK/t1`, ({ request }) => {
        seen = request;
        return HttpResponse.json({ data: { ID: 't1' } });
      }),
    );

    const data = await createWorkfrontClient(apiBase, createFakeAuth('token-w')).put('TASK/t1', {
      updates: '{"status":"CPL"}',
    });

    expect(data).toEqual({ ID: 't1' });
    expect(seen?.method).toBe('PUT');
    expect(seen?.headers.get('sessionID')).toBe('token-w');
    expect(new URL(seen?.url ?? '').searchParams.get('updates')).toBe('{"status":"CPL"}');
  });

  it('sends a long query as a POST with a form body and method=GET, nothing in the URL', async () => {
    let seen: { url: string; method: string; type: string | null; body: string } | undefined;
    server.use(
      http.post(`${apiBase}/OPTASK/search`, async ({ request }) => {
        seen = {
          url: request.url,
          method: request.method,
          type: request.headers.get('Content-Type'),
          body: await request.text(),
        };
        return HttpResponse.json({ data: [] });
      }),
    );
    const ids = Array.from({ length: 400 }, (_, n) => n.toString(16).padStart(32, '0'));

    await createWorkfrontClient(apiBase, createFakeAuth('token-p')).getByPost('OPTASK/search', {
      ID: ids.join(','),
      ID_Mod: 'in',
    });

    expect(seen?.url).toBe(`${apiBase}/OPTASK/search`);
    expect(seen?.type).toBe('application/x-www-form-urlencoded');
    const body = new URLSearchParams(seen?.body);
    expect(body.get('method')).toBe('GET');
    expect(body.get('ID')?.split(',')).toHaveLength(400);
  });
});

describe('createWorkfrontClient: the envelope', () => {
  const client = () => createWorkfrontClient(apiBase, createFakeAuth());

  it('returns the data of a success envelope', async () => {
    answerInTurn(() => HttpResponse.json({ data: [{ ID: 'u1', name: 'Zoë' }] }));
    await expect(client().get('user/search')).resolves.toEqual([{ ID: 'u1', name: 'Zoë' }]);
  });

  it('returns a null data as null rather than calling it malformed', async () => {
    answerInTurn(() => HttpResponse.json({ data: null }));
    await expect(client().get('user/search')).resolves.toBeNull();
  });

  it.each([200, 400, 422, 500])(
    "turns an error envelope with status %i into an error carrying Workfront's class and message",
    async (status) => {
      answerInTurn(() =>
        HttpResponse.json(
          workfrontError(
            'com.attask.common.InvalidParameterException',
            '$$LIMIT may not be more than 2000',
          ),
          { status },
        ),
      );

      const error = await apiErrorOf(client().get('user/search'));

      expect(error.kind).toBe('workfront');
      expect(error.message).toBe('$$LIMIT may not be more than 2000');
      expect(error.details).toEqual({
        status,
        errorClass: 'com.attask.common.InvalidParameterException',
      });
    },
  );

  it('checks for an error even when the envelope also carries data', async () => {
    answerInTurn(() =>
      HttpResponse.json({ data: [], ...workfrontError('com.attask.common.X', 'Nope') }),
    );
    const error = await apiErrorOf(client().get('user/search'));
    expect(error.kind).toBe('workfront');
    expect(error.message).toBe('Nope');
  });

  it.each([
    ['no message', { class: 'com.attask.common.X' }],
    ['an empty message', { class: 'com.attask.common.X', message: '' }],
    ['a numeric message', { class: 'com.attask.common.X', message: 42 }],
  ])('gives an error envelope with %s a message naming the status', async (_name, error) => {
    answerInTurn(() => HttpResponse.json({ error }, { status: 200 }));
    const thrown = await apiErrorOf(client().get('user/search'));
    expect(thrown.kind).toBe('workfront');
    expect(thrown.message).toBe('Workfront reported an error (HTTP 200).');
    expect(thrown.details.errorClass).toBe('com.attask.common.X');
  });

  it('reads an error envelope whose error is not an object', async () => {
    answerInTurn(() => HttpResponse.json({ error: 'boom' }, { status: 503 }));
    const error = await apiErrorOf(client().get('user/search'));
    expect(error.kind).toBe('workfront');
    expect(error.message).toBe('Workfront reported an error (HTTP 503).');
    expect(error.details).toEqual({ status: 503, errorClass: undefined });
  });

  it.each([
    ['HTML', '<html><body>Welcome</body></html>'],
    ['truncated JSON', '{"data":[{"ID":"u1"'],
    ['an empty body', ''],
  ])('calls a 200 with %s malformed', async (_name, body) => {
    answerInTurn(() => new HttpResponse(body, { status: 200 }));
    const error = await apiErrorOf(client().get('user/search'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe('Workfront sent a response that is not JSON (HTTP 200).');
  });

  it.each([
    [500, '<html><body><h1>500 Error</h1></body></html>'],
    [502, '<html><body>Bad Gateway</body></html>'],
    [504, ''],
  ])('calls a %i without JSON an HTTP error, not malformed data', async (status, body) => {
    answerInTurn(
      () => new HttpResponse(body, { status, headers: { 'Content-Type': 'text/html' } }),
    );
    const error = await apiErrorOf(client().get('user/search'));
    expect(error.kind).toBe('http');
    expect(error.details.status).toBe(status);
  });

  it('calls a JSON answer with an error status and no error envelope an HTTP error', async () => {
    answerInTurn(() => HttpResponse.json({ data: [] }, { status: 500 }));
    const error = await apiErrorOf(client().get('user/search'));
    expect(error.kind).toBe('http');
    expect(error.message).toBe('Workfront answered HTTP 500.');
    expect(error.details.status).toBe(500);
  });

  it.each([
    ['an object without data', { result: [] }],
    ['an array', [{ ID: 'u1' }]],
    ['a string', 'data'],
    ['null', null],
  ])('calls a 200 with %s malformed', async (_name, body) => {
    answerInTurn(() => HttpResponse.json(body));
    const error = await apiErrorOf(client().get('user/search'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe('Workfront sent a response without data.');
  });

  it('turns a dropped connection into a network error', async () => {
    answerInTurn(() => HttpResponse.error());
    const error = await apiErrorOf(client().get('user/search'));
    expect(error.kind).toBe('network');
    expect(error.message).toBe('Workfront could not be reached.');
  });
});

describe('createWorkfrontClient: refresh and retry', () => {
  it.each([401, 200, 500])(
    'refreshes once and retries with the new token when Workfront answers %i with AuthenticationException',
    async (status) => {
      const requests = answerInTurn(notLoggedIn(status), ok);
      const auth = createFakeAuth('token-1');

      const data = await createWorkfrontClient(apiBase, auth).get('user/search', { ID: 'x' });

      expect(data).toEqual([{ ID: 'me' }]);
      expect(auth.refresh).toHaveBeenCalledTimes(1);
      expect(auth.endSession).not.toHaveBeenCalled();
      expect(requests.map((request) => request.headers.get('sessionID'))).toEqual([
        'token-1',
        'token-2',
      ]);
      expect(requests.map((request) => request.url)).toEqual([
        `${apiBase}/user/search?ID=x`,
        `${apiBase}/user/search?ID=x`,
      ]);
    },
  );

  it('ends the session when Workfront refuses the refreshed token too, and retries no more', async () => {
    const requests = answerInTurn(notLoggedIn(401), notLoggedIn(401));
    const auth = createFakeAuth('token-1');

    const error = await apiErrorOf(createWorkfrontClient(apiBase, auth).get('user/search'));

    expect(error.kind).toBe('authentication');
    expect(error.message).toBe('You are not currently logged in.');
    expect(error.details.errorClass).toBe('com.attask.common.AuthenticationException');
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(auth.endSession).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(2);
  });

  it('does not refresh again when another caller already replaced the token', async () => {
    const auth = createFakeAuth('token-1');
    const requests: Request[] = [];
    server.use(
      http.get(`${apiBase}/user/search`, ({ request }) => {
        requests.push(request);
        if (requests.length > 1) return ok();
        // Another request's refresh lands while this one is being refused.
        auth.replaceToken('token-from-elsewhere');
        return notLoggedIn(401)();
      }),
    );

    await expect(createWorkfrontClient(apiBase, auth).get('user/search')).resolves.toEqual([
      { ID: 'me' },
    ]);

    expect(auth.refresh).not.toHaveBeenCalled();
    expect(auth.endSession).not.toHaveBeenCalled();
    expect(requests.map((request) => request.headers.get('sessionID'))).toEqual([
      'token-1',
      'token-from-elsewhere',
    ]);
  });

  it('still ends the session when the token another caller refreshed is refused as well', async () => {
    const auth = createFakeAuth('token-1');
    let count = 0;
    server.use(
      http.get(`${apiBase}/user/search`, () => {
        count += 1;
        if (count === 1) auth.replaceToken('token-from-elsewhere');
        return notLoggedIn(401)();
      }),
    );

    const error = await apiErrorOf(createWorkfrontClient(apiBase, auth).get('user/search'));

    expect(error.kind).toBe('authentication');
    expect(count).toBe(2);
    expect(auth.refresh).not.toHaveBeenCalled();
    expect(auth.endSession).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a Workfront error', () => HttpResponse.json(workfrontError('com.attask.common.X', 'No'))],
    ['an HTTP 500', () => new HttpResponse('', { status: 500 })],
    ['a dropped connection', () => HttpResponse.error()],
  ])('neither refreshes nor retries after %s', async (_name, respond) => {
    const requests = answerInTurn(respond);
    const auth = createFakeAuth();

    await apiErrorOf(createWorkfrontClient(apiBase, auth).get('user/search'));

    expect(requests).toHaveLength(1);
    expect(auth.refresh).not.toHaveBeenCalled();
    expect(auth.endSession).not.toHaveBeenCalled();
  });

  it('keeps the session when the retry fails for another reason than authentication', async () => {
    answerInTurn(notLoggedIn(401), () => new HttpResponse('', { status: 500 }));
    const auth = createFakeAuth();

    const error = await apiErrorOf(createWorkfrontClient(apiBase, auth).get('user/search'));

    expect(error.kind).toBe('http');
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    expect(auth.endSession).not.toHaveBeenCalled();
  });

  it('passes on a failed refresh as a session error, without retrying', async () => {
    const requests = answerInTurn(notLoggedIn(401));
    const auth = createFakeAuth();
    const refreshFailure = new Error('refresh token expired');
    auth.refresh.mockRejectedValueOnce(refreshFailure);

    const error = await apiErrorOf(createWorkfrontClient(apiBase, auth).get('user/search'));
    expect(error.kind).toBe('session');
    expect(error.cause).toBe(refreshFailure);
    expect(requests).toHaveLength(1);
  });

  it('refreshes and retries a write as well', async () => {
    const tokens: (string | null)[] = [];
    server.use(
      http.put(`${apiBase}/TASK/t1`, ({ request }) => {
        tokens.push(request.headers.get('sessionID'));
        return tokens.length === 1
          ? HttpResponse.json(authenticationError, { status: 401 })
          : HttpResponse.json({ data: { ID: 't1' } });
      }),
    );
    const auth = createFakeAuth('token-1');

    await expect(createWorkfrontClient(apiBase, auth).put('TASK/t1')).resolves.toEqual({
      ID: 't1',
    });
    expect(tokens).toEqual(['token-1', 'token-2']);
  });
});

describe('createWorkfrontClient: aborting', () => {
  it('rejects with the abort, not a network error, when the caller aborts', async () => {
    server.use(
      http.get(`${apiBase}/user/search`, async () => {
        await delay('infinite');
        return ok();
      }),
    );
    const auth = createFakeAuth();
    const controller = new AbortController();

    const request = createWorkfrontClient(apiBase, auth).get('user/search', {}, controller.signal);
    controller.abort();
    const error = await rejectionOf(request);

    expect(error).not.toBeInstanceOf(WorkfrontApiError);
    expect((error as Error).name).toBe('AbortError');
    expect(auth.refresh).not.toHaveBeenCalled();
  });

  it('sends nothing when the signal is already aborted', async () => {
    const requests = answerInTurn(ok);
    const controller = new AbortController();
    controller.abort();

    const error = await rejectionOf(
      createWorkfrontClient(apiBase, createFakeAuth()).get('user/search', {}, controller.signal),
    );

    expect((error as Error).name).toBe('AbortError');
    expect(requests).toHaveLength(0);
  });
});

describe('createWorkfrontClient: timeouts', () => {
  it('gives up on a request that Workfront never answers, as a timeout', async () => {
    server.use(http.get(`${apiBase}/user/search`, () => delay('infinite')));
    const client = createWorkfrontClient(apiBase, createFakeAuth(), 50);

    const error = await apiErrorOf(client.get('user/search'));

    expect(error.kind).toBe('timeout');
    expect(error.details.timeoutSeconds).toBe(0.05);
    expect(error.message).toBe('Workfront did not answer within 0.05 seconds.');
  });

  it("still reports the caller's own abort as an abort", async () => {
    server.use(http.get(`${apiBase}/user/search`, () => delay('infinite')));
    const controller = new AbortController();
    const request = createWorkfrontClient(apiBase, createFakeAuth(), 10_000).get(
      'user/search',
      {},
      controller.signal,
    );
    controller.abort();
    const error = await rejectionOf(request);
    expect(error).not.toBeInstanceOf(WorkfrontApiError);
  });
});

describe('logout', () => {
  it('ends the session with a GET of logout carrying the session ID', async () => {
    let seen: Request | undefined;
    server.use(
      http.get(`${apiBase}/logout`, ({ request }) => {
        seen = request;
        return HttpResponse.json({ data: { success: true } });
      }),
    );

    await logout(apiBase, 'token-out');

    expect(seen?.headers.get('sessionID')).toBe('token-out');
  });

  it('reports an error envelope from logout', async () => {
    server.use(http.get(`${apiBase}/logout`, () => HttpResponse.json(authenticationError)));
    const error = await apiErrorOf(logout(apiBase, 'token-out'));
    expect(error.kind).toBe('authentication');
  });
});
