import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config';
import {
  apiBase,
  authenticationError,
  createFakeSession,
  json,
  never,
  workfrontError,
  type FakeAnswer,
  type FakeWorkfront,
} from './test/test-support';
import { createWorkfrontClient, readEnvelope, workfrontApiBase } from './workfront-client';
import { WorkfrontApiError } from './workfront-errors';

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

/** Answers each request with the next of `answers`; a function may throw, as the network does. */
function answerInTurn(...answers: (FakeAnswer | FakeWorkfront)[]): FakeWorkfront {
  let count = 0;
  return (request, signal) => {
    const next = answers[count];
    count += 1;
    if (!next) throw new Error(`Unexpected request number ${String(count)}`);
    return typeof next === 'function' ? next(request, signal) : next;
  };
}

const ok = json({ data: [{ ID: 'me' }] });
const notLoggedIn = (status: number) => json(authenticationError, status);
const text = (body: string, status = 200): FakeAnswer => ({ status, body });
const dropped: FakeWorkfront = () => Promise.reject(new TypeError('Failed to fetch'));

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
  it('hands the session a request that carries no token: method and absolute URL only', async () => {
    const session = createFakeSession(answerInTurn(ok));

    await createWorkfrontClient(apiBase, session).get('user/search');

    expect(session.send).toHaveBeenCalledOnce();
    const [request] = session.send.mock.calls[0] ?? [];
    expect(request).toEqual({ method: 'GET', url: `${apiBase}/user/search` });
  });

  it("resolves a same-origin base against the page's origin", async () => {
    const session = createFakeSession(answerInTurn(ok));

    await createWorkfrontClient('/attask/api/v20.0', session).get('user/search');

    expect(session.sent[0]?.url).toBe(`${window.location.origin}/attask/api/v20.0/user/search`);
  });

  it('sends every request through the session, with the credential current at the time', async () => {
    const session = createFakeSession(answerInTurn(ok, ok));
    const client = createWorkfrontClient(apiBase, session);

    await client.get('user/search');
    session.refreshElsewhere();
    await client.get('user/search');

    expect(session.sent.map((request) => request.credential)).toEqual([1, 2]);
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it('encodes parameters, repeating a name for each value of an array', async () => {
    const session = createFakeSession(answerInTurn(ok));

    await createWorkfrontClient(apiBase, session).get('user/search', {
      ID: '$$USER.ID',
      fields: 'emailAddr,title,role:name',
      status: ['CUR', 'PLN'],
      $$LIMIT: 2000,
    });

    const url = new URL(session.sent[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(`${apiBase}/user/search`);
    expect(url.searchParams.get('ID')).toBe('$$USER.ID');
    expect(url.searchParams.get('fields')).toBe('emailAddr,title,role:name');
    expect(url.searchParams.getAll('status')).toEqual(['CUR', 'PLN']);
    expect(url.searchParams.get('$$LIMIT')).toBe('2000');
  });

  it('sends no query string when there are no parameters', async () => {
    const session = createFakeSession(answerInTurn(ok));
    await createWorkfrontClient(apiBase, session).get('user/search');
    expect(session.sent[0]?.url).toBe(`${apiBase}/user/search`);
  });

  it('sends writes as PUT with the parameters in the URL', async () => {
    const session = createFakeSession(answerInTurn(json({ data: { ID: 't1' } })));

    const data = await createWorkfrontClient(apiBase, session).put('TASK/t1', {
      updates: '{"status":"CPL"}',
    });

    expect(data).toEqual({ ID: 't1' });
    const [seen] = session.sent;
    expect(seen?.method).toBe('PUT');
    expect(seen?.form).toBeUndefined();
    expect(new URL(seen?.url ?? '').searchParams.get('updates')).toBe('{"status":"CPL"}');
  });

  it('sends a long query as a POST with a form body and method=GET, nothing in the URL', async () => {
    const session = createFakeSession(answerInTurn(json({ data: [] })));
    const ids = Array.from({ length: 400 }, (_, n) => n.toString(16).padStart(32, '0'));

    await createWorkfrontClient(apiBase, session).getByPost('OPTASK/search', {
      ID: ids.join(','),
      ID_Mod: 'in',
    });

    const [seen] = session.sent;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe(`${apiBase}/OPTASK/search`);
    const body = new URLSearchParams(seen?.form);
    expect(body.get('method')).toBe('GET');
    expect(body.get('ID_Mod')).toBe('in');
    expect(body.get('ID')?.split(',')).toHaveLength(400);
  });

  it('answers a signed-out session with a session error, sending nothing', async () => {
    const session = createFakeSession(answerInTurn());
    session.signOut();

    const error = await apiErrorOf(createWorkfrontClient(apiBase, session).get('user/search'));

    expect(error.kind).toBe('session');
    expect(session.sent).toHaveLength(0);
    expect(session.refresh).not.toHaveBeenCalled();
  });
});

describe('createWorkfrontClient: the envelope', () => {
  const clientAnswering = (answer: FakeAnswer | FakeWorkfront) =>
    createWorkfrontClient(apiBase, createFakeSession(answerInTurn(answer)));

  it('returns the data of a success envelope', async () => {
    const client = clientAnswering(json({ data: [{ ID: 'u1', name: 'Zoë' }] }));
    await expect(client.get('user/search')).resolves.toEqual([{ ID: 'u1', name: 'Zoë' }]);
  });

  it('returns a null data as null rather than calling it malformed', async () => {
    await expect(clientAnswering(json({ data: null })).get('user/search')).resolves.toBeNull();
  });

  it.each([200, 400, 422, 500])(
    "turns an error envelope with status %i into an error carrying Workfront's class and message",
    async (status) => {
      const client = clientAnswering(
        json(
          workfrontError(
            'com.attask.common.InvalidParameterException',
            '$$LIMIT may not be more than 2000',
          ),
          status,
        ),
      );

      const error = await apiErrorOf(client.get('user/search'));

      expect(error.kind).toBe('workfront');
      expect(error.message).toBe('$$LIMIT may not be more than 2000');
      expect(error.details).toEqual({
        status,
        errorClass: 'com.attask.common.InvalidParameterException',
      });
    },
  );

  it('checks for an error even when the envelope also carries data', async () => {
    const client = clientAnswering(
      json({ data: [], ...workfrontError('com.attask.common.X', 'Nope') }),
    );
    const error = await apiErrorOf(client.get('user/search'));
    expect(error.kind).toBe('workfront');
    expect(error.message).toBe('Nope');
  });

  it.each([
    ['no message', { class: 'com.attask.common.X' }],
    ['an empty message', { class: 'com.attask.common.X', message: '' }],
    ['a numeric message', { class: 'com.attask.common.X', message: 42 }],
  ])('gives an error envelope with %s a message naming the status', async (_name, error) => {
    const thrown = await apiErrorOf(clientAnswering(json({ error }, 200)).get('user/search'));
    expect(thrown.kind).toBe('workfront');
    expect(thrown.message).toBe('Workfront reported an error (HTTP 200).');
    expect(thrown.details.errorClass).toBe('com.attask.common.X');
  });

  it('reads an error envelope whose error is not an object', async () => {
    const error = await apiErrorOf(
      clientAnswering(json({ error: 'boom' }, 503)).get('user/search'),
    );
    expect(error.kind).toBe('workfront');
    expect(error.message).toBe('Workfront reported an error (HTTP 503).');
    expect(error.details).toEqual({ status: 503, errorClass: undefined });
  });

  it('gives an error envelope the wait Workfront asked for with Retry-After', async () => {
    const error = await apiErrorOf(
      clientAnswering(
        json(workfrontError('com.attask.common.TooManyRequests', 'Slow down'), 429, '7'),
      ).get('user/search'),
    );
    expect(error.kind).toBe('workfront');
    expect(error.details.retryAfterMs).toBe(7_000);
  });

  it.each([
    ['HTML', '<html><body>Welcome</body></html>'],
    ['truncated JSON', '{"data":[{"ID":"u1"'],
    ['an empty body', ''],
  ])('calls a 200 with %s malformed', async (_name, body) => {
    const error = await apiErrorOf(clientAnswering(text(body)).get('user/search'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe('Workfront sent a response that is not JSON (HTTP 200).');
  });

  it.each([
    [500, '<html><body><h1>500 Error</h1></body></html>'],
    [502, '<html><body>Bad Gateway</body></html>'],
    [504, ''],
  ])('calls a %i without JSON an HTTP error, not malformed data', async (status, body) => {
    const error = await apiErrorOf(clientAnswering(text(body, status)).get('user/search'));
    expect(error.kind).toBe('http');
    expect(error.details.status).toBe(status);
  });

  it('calls a JSON answer with an error status and no error envelope an HTTP error', async () => {
    const error = await apiErrorOf(clientAnswering(json({ data: [] }, 500)).get('user/search'));
    expect(error.kind).toBe('http');
    expect(error.message).toBe('Workfront answered HTTP 500.');
    expect(error.details.status).toBe(500);
  });

  it("gives an HTTP error the wait of the answer's Retry-After", async () => {
    const error = await apiErrorOf(
      clientAnswering({ status: 503, body: '', retryAfter: '3' }).get('user/search'),
    );
    expect(error.kind).toBe('http');
    expect(error.details.retryAfterMs).toBe(3_000);
  });

  it.each([
    ['an object without data', { result: [] }],
    ['an array', [{ ID: 'u1' }]],
    ['a string', 'data'],
    ['null', null],
  ])('calls a 200 with %s malformed', async (_name, body) => {
    const error = await apiErrorOf(clientAnswering(json(body)).get('user/search'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe('Workfront sent a response without data.');
  });

  it('turns a dropped connection into a network error', async () => {
    const error = await apiErrorOf(clientAnswering(dropped).get('user/search'));
    expect(error.kind).toBe('network');
    expect(error.message).toBe('Workfront could not be reached.');
  });
});

describe('readEnvelope', () => {
  it('reads a raw answer: the body decides, not the status', () => {
    expect(readEnvelope({ status: 200, retryAfter: null, body: '{"data":[1]}' })).toEqual([1]);
    expect(() =>
      readEnvelope({ status: 200, retryAfter: null, body: JSON.stringify(authenticationError) }),
    ).toThrow(expect.objectContaining({ kind: 'authentication' }) as Error);
  });
});

describe('createWorkfrontClient: refresh and retry', () => {
  it.each([401, 200, 500])(
    'refreshes once, naming the credential refused, and retries when Workfront answers %i with AuthenticationException',
    async (status) => {
      const session = createFakeSession(answerInTurn(notLoggedIn(status), ok));

      const data = await createWorkfrontClient(apiBase, session).get('user/search', { ID: 'x' });

      expect(data).toEqual([{ ID: 'me' }]);
      expect(session.refresh).toHaveBeenCalledTimes(1);
      expect(session.refresh).toHaveBeenCalledWith('rejected-by-workfront', 1);
      expect(session.sessionEnded).not.toHaveBeenCalled();
      expect(session.sent.map((request) => request.credential)).toEqual([1, 2]);
      expect(session.sent.map((request) => request.url)).toEqual([
        `${apiBase}/user/search?ID=x`,
        `${apiBase}/user/search?ID=x`,
      ]);
    },
  );

  it('ends the session when Workfront refuses the refreshed token too, and retries no more', async () => {
    const session = createFakeSession(answerInTurn(notLoggedIn(401), notLoggedIn(401)));

    const error = await apiErrorOf(createWorkfrontClient(apiBase, session).get('user/search'));

    expect(error.kind).toBe('authentication');
    expect(error.message).toBe('You are not currently logged in.');
    expect(error.details.errorClass).toBe('com.attask.common.AuthenticationException');
    expect(session.refresh).toHaveBeenCalledTimes(1);
    expect(session.sessionEnded).toHaveBeenCalledTimes(1);
    expect(session.sent).toHaveLength(2);
  });

  it('names the refused credential, so that a refresh another caller made is not repeated', async () => {
    const session = createFakeSession(
      answerInTurn(() => {
        // Another request's refresh lands while this one is being refused.
        session.refreshElsewhere();
        return notLoggedIn(401);
      }, ok),
    );

    await expect(createWorkfrontClient(apiBase, session).get('user/search')).resolves.toEqual([
      { ID: 'me' },
    ]);

    // The session is told which credential was refused: 1, no longer current, so it keeps 2.
    expect(session.refresh).toHaveBeenCalledExactlyOnceWith('rejected-by-workfront', 1);
    expect(session.credential()).toBe(2);
    expect(session.sessionEnded).not.toHaveBeenCalled();
    expect(session.sent.map((request) => request.credential)).toEqual([1, 2]);
  });

  it('still ends the session when the token another caller refreshed is refused as well', async () => {
    const session = createFakeSession(
      answerInTurn(() => {
        session.refreshElsewhere();
        return notLoggedIn(401);
      }, notLoggedIn(401)),
    );

    const error = await apiErrorOf(createWorkfrontClient(apiBase, session).get('user/search'));

    expect(error.kind).toBe('authentication');
    expect(session.sent).toHaveLength(2);
    expect(session.credential()).toBe(2);
    expect(session.sessionEnded).toHaveBeenCalledTimes(1);
  });

  it.each<[string, FakeAnswer | FakeWorkfront]>([
    ['a Workfront error', json(workfrontError('com.attask.common.X', 'No'))],
    ['an HTTP 500', text('', 500)],
    ['a dropped connection', dropped],
  ])('neither refreshes nor retries after %s', async (_name, answer) => {
    const session = createFakeSession(answerInTurn(answer));

    await apiErrorOf(createWorkfrontClient(apiBase, session).get('user/search'));

    expect(session.sent).toHaveLength(1);
    expect(session.refresh).not.toHaveBeenCalled();
    expect(session.sessionEnded).not.toHaveBeenCalled();
  });

  it('keeps the session when the retry fails for another reason than authentication', async () => {
    const session = createFakeSession(answerInTurn(notLoggedIn(401), text('', 500)));

    const error = await apiErrorOf(createWorkfrontClient(apiBase, session).get('user/search'));

    expect(error.kind).toBe('http');
    expect(session.refresh).toHaveBeenCalledTimes(1);
    expect(session.sessionEnded).not.toHaveBeenCalled();
  });

  it('passes on a failed refresh as a session error, without retrying', async () => {
    const session = createFakeSession(answerInTurn(notLoggedIn(401)));
    const refreshFailure = new Error('refresh token expired');
    session.refresh.mockRejectedValueOnce(refreshFailure);

    const error = await apiErrorOf(createWorkfrontClient(apiBase, session).get('user/search'));

    expect(error.kind).toBe('session');
    expect(error.cause).toBe(refreshFailure);
    expect(session.sent).toHaveLength(1);
    expect(session.sessionEnded).not.toHaveBeenCalled();
  });

  it('answers a session gone by the retry with a session error', async () => {
    const session = createFakeSession(answerInTurn(notLoggedIn(401)));
    session.refresh.mockImplementationOnce(() => {
      session.signOut();
      return Promise.resolve();
    });

    const error = await apiErrorOf(createWorkfrontClient(apiBase, session).get('user/search'));

    expect(error.kind).toBe('session');
    expect(session.sent).toHaveLength(1);
  });

  it('refreshes and retries a write as well', async () => {
    const session = createFakeSession(answerInTurn(notLoggedIn(401), json({ data: { ID: 't1' } })));

    await expect(createWorkfrontClient(apiBase, session).put('TASK/t1')).resolves.toEqual({
      ID: 't1',
    });
    expect(session.sent.map((request) => [request.method, request.credential])).toEqual([
      ['PUT', 1],
      ['PUT', 2],
    ]);
  });
});

describe('createWorkfrontClient: aborting', () => {
  it('rejects with the abort, not a network error, when the caller aborts', async () => {
    const session = createFakeSession(answerInTurn((_request, signal) => never(signal)));
    const controller = new AbortController();

    const request = createWorkfrontClient(apiBase, session).get(
      'user/search',
      {},
      controller.signal,
    );
    controller.abort();
    const error = await rejectionOf(request);

    expect(error).not.toBeInstanceOf(WorkfrontApiError);
    expect((error as Error).name).toBe('AbortError');
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it('hands the session an aborted signal when the caller has aborted already', async () => {
    const session = createFakeSession(answerInTurn(ok));
    const controller = new AbortController();
    controller.abort();

    const error = await rejectionOf(
      createWorkfrontClient(apiBase, session).get('user/search', {}, controller.signal),
    );

    expect((error as Error).name).toBe('AbortError');
    expect(session.send.mock.calls[0]?.[1]?.aborted).toBe(true);
    expect(session.sent).toHaveLength(0);
  });
});

describe('createWorkfrontClient: timeouts', () => {
  it('gives up on a request that Workfront never answers, as a timeout', async () => {
    const session = createFakeSession(answerInTurn((_request, signal) => never(signal)));
    const client = createWorkfrontClient(apiBase, session, 50);

    const error = await apiErrorOf(client.get('user/search'));

    expect(error.kind).toBe('timeout');
    expect(error.details.timeoutSeconds).toBe(0.05);
    expect(error.message).toBe('Workfront did not answer within 0.05 seconds.');
    expect(session.refresh).not.toHaveBeenCalled();
  });

  it("still reports the caller's own abort as an abort", async () => {
    const session = createFakeSession(answerInTurn((_request, signal) => never(signal)));
    const controller = new AbortController();
    const request = createWorkfrontClient(apiBase, session, 10_000).get(
      'user/search',
      {},
      controller.signal,
    );
    controller.abort();
    const error = await rejectionOf(request);
    expect(error).not.toBeInstanceOf(WorkfrontApiError);
  });
});
