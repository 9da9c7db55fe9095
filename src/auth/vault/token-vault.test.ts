import { afterEach, describe, expect, it, vi } from 'vitest';
import { fingerprint, recordStep } from './flow-recorder';
import type { FlowEvent } from '../flow-events';
import { createTokenVault, type TokenVault } from './token-vault';
import type { FlowStep } from './vault-events';
import { apiUrl, deferred, failureOf, settings } from '../test/vault-fixtures';

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

type Grant = (form: URLSearchParams) => Promise<Response>;
type TokenHandler = (form: URLSearchParams, grant: Grant) => Promise<Response>;

interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  keepalive: boolean | undefined;
}

/**
 * A Workfront that keeps its word: codes bound to their PKCE challenge, refresh tokens valid once
 * (rotating by default), a revoke that kills a refresh token, and a REST API.
 */
/** `expiresIn: null` leaves `expires_in` out of the answers. */
function fakeWorkfront({
  rotate = true,
  expiresIn = 300,
}: { rotate?: boolean; expiresIn?: number | null } = {}) {
  const issuedAccess: string[] = [];
  const issuedRefresh: string[] = [];
  const liveRefresh = new Set<string>();
  const challenges = new Map<string, string>();
  const tokenRequests: URLSearchParams[] = [];
  const revokes: SentRequest[] = [];
  const logouts: SentRequest[] = [];
  const apiCalls: SentRequest[] = [];
  const overrides: TokenHandler[] = [];
  let apiHandler: (signal: AbortSignal | undefined) => Promise<Response> = () =>
    Promise.resolve(
      Response.json(
        { data: [{ ID: 'task-1', name: 'Write the tests' }] },
        {
          headers: { 'X-Workfront-Trace': 'abc', 'Retry-After': '5' },
        },
      ),
    );
  let codes = 0;
  let serial = 0;
  /** Workfront's ID of the user whom the next code is for (`wid`), if it names one. */
  let user: string | undefined;

  const newToken = (kind: string) => `${kind}-${++serial}-${crypto.randomUUID()}`;
  const refusal = () =>
    Response.json(
      { statusCode: 400, error: true, type: 'invalid_grant', message: 'The grant is invalid' },
      { status: 400 },
    );

  const grant: Grant = async (form) => {
    if (form.get('grant_type') === 'authorization_code') {
      const challenge = challenges.get(form.get('code') ?? '');
      if (!challenge || challenge !== (await s256(form.get('code_verifier') ?? ''))) {
        return refusal();
      }
      challenges.delete(form.get('code') ?? '');
    } else {
      const presented = form.get('refresh_token') ?? '';
      if (!liveRefresh.has(presented)) return refusal();
      if (rotate) liveRefresh.delete(presented);
    }
    const access = newToken('access');
    issuedAccess.push(access);
    const body: Record<string, unknown> = { access_token: access, token_type: 'sessionID' };
    if (user && form.get('grant_type') === 'authorization_code') body.wid = user;
    if (expiresIn !== null) body.expires_in = expiresIn;
    if (rotate || form.get('grant_type') === 'authorization_code') {
      const refresh = newToken('refresh');
      issuedRefresh.push(refresh);
      liveRefresh.add(refresh);
      body.refresh_token = refresh;
    }
    return Response.json(body);
  };

  const sent = (url: string, init: RequestInit): SentRequest => ({
    url,
    method: init.method ?? 'GET',
    headers: new Headers(init.headers),
    body: init.body,
    keepalive: init.keepalive,
  });

  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init = {}) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url === settings.tokenEndpoint) {
      const form = new URLSearchParams(init.body as URLSearchParams);
      tokenRequests.push(form);
      const override = overrides.shift();
      return override ? override(form, grant) : grant(form);
    }
    if (url === settings.revocationEndpoint) {
      revokes.push(sent(url, init));
      const { refresh_token: token } = JSON.parse(init.body as string) as { refresh_token: string };
      liveRefresh.delete(token);
      return Response.json({});
    }
    if (url === `${settings.apiBase}/logout`) {
      logouts.push(sent(url, init));
      return Response.json({ data: { success: true } });
    }
    if (url.startsWith(new URL(settings.apiBase).origin)) {
      apiCalls.push(sent(url, init));
      return apiHandler(init.signal ?? undefined);
    }
    throw new TypeError(`Failed to fetch ${url}`);
  });

  return {
    fetch,
    issuedAccess,
    issuedRefresh,
    liveRefresh,
    tokenRequests,
    revokes,
    logouts,
    apiCalls,
    /** Who signs in at Workfront's login page from now on. */
    actAs(id: string | undefined) {
      user = id;
    },
    /** Where Workfront sends the browser back after the user agrees. */
    authorize(authorizeUrl: string) {
      const params = new URL(authorizeUrl).searchParams;
      const code = `code-${++codes}`;
      challenges.set(code, params.get('code_challenge') ?? '');
      return `${params.get('redirect_uri') ?? ''}?code=${code}&state=${params.get('state') ?? ''}`;
    },
    refreshRequests: () =>
      tokenRequests.filter((form) => form.get('grant_type') === 'refresh_token'),
    revokedTokens: () =>
      revokes.map(
        (request) => (JSON.parse(String(request.body)) as { refresh_token: string }).refresh_token,
      ),
    /**
     * Workfront handles the next token request as it arrives, but its answer waits for `release`;
     * `seen` settles once it was handled.
     */
    hold(answer?: () => Response) {
      const seen = deferred();
      const gate = deferred();
      overrides.push(async (form, grantIt) => {
        const outcome = answer ? Promise.resolve().then(answer) : grantIt(form);
        await outcome.catch(() => undefined);
        seen.resolve();
        await gate.promise;
        return outcome;
      });
      return {
        seen: seen.promise,
        release: () => {
          gate.resolve();
        },
      };
    },
    /** Workfront handles the next token request, rotating the token, but the answer is lost. */
    loseAnswer(error: unknown = new TypeError('Failed to fetch')) {
      overrides.push(async (form, grantIt) => {
        await grantIt(form);
        throw error;
      });
    },
    /** The next token request gets this answer instead, and changes nothing. */
    answer(response: () => Response) {
      overrides.push(() => Promise.resolve(response()));
    },
    onApi(handler: (signal: AbortSignal | undefined) => Promise<Response>) {
      apiHandler = handler;
    },
  };
}
type FakeWorkfront = ReturnType<typeof fakeWorkfront>;

function setUp(options?: Parameters<typeof fakeWorkfront>[0]) {
  const wf = fakeWorkfront(options);
  // The vault wraps the global fetch when it is made: the fake must be in place first.
  vi.stubGlobal('fetch', wf.fetch);
  const flows: FlowEvent[] = [];
  const events = {
    changed: vi.fn(),
    signedIn: vi.fn(),
    flow: async (step: FlowStep) => {
      flows.push(await recordStep(step));
    },
    signedOut: vi.fn(),
  };
  const vault = createTokenVault(settings, events);
  return { wf, vault, flows, events };
}

async function signIn(vault: TokenVault, wf: FakeWorkfront, returnTo = '/work', bounce = false) {
  const started = await vault.beginSignIn(returnTo, bounce);
  return vault.finishSignIn(wf.authorize(started.url), started.pendingSignIn);
}

const credentialOf = (vault: TokenVault) => {
  const state = vault.state();
  return state.status === 'signed-in' ? state.credential : null;
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('beginning a sign-in', () => {
  it('builds an authorize URL with PKCE (S256) and the state it hands back', async () => {
    const { vault } = setUp();
    const started = await vault.beginSignIn('/projects', false);
    const url = new URL(started.url);
    expect(`${url.origin}${url.pathname}`).toBe(settings.authorizationEndpoint);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: settings.clientId,
      redirect_uri: settings.redirectUri,
      response_type: 'code',
      scope: 'offline_access',
      state: started.stateId,
      code_challenge_method: 'S256',
    });
    const pending = JSON.parse(started.pendingSignIn) as { id: string; code_verifier: string };
    expect(pending.id).toBe(started.stateId);
    expect(url.searchParams.get('code_challenge')).toBe(await s256(pending.code_verifier));
  });

  it('makes a new state and verifier for every sign-in', async () => {
    const { vault } = setUp();
    const first = await vault.beginSignIn('/', false);
    const second = await vault.beginSignIn('/', false);
    expect(second.stateId).not.toBe(first.stateId);
    expect(second.pendingSignIn).not.toBe(first.pendingSignIn);
  });
});

describe('finishing a sign-in', () => {
  it('exchanges the code with its verifier, keeps the tokens and returns where to go', async () => {
    const { vault, wf, events } = setUp();
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'none' });

    await expect(signIn(vault, wf, '/projects?view=mine')).resolves.toEqual({
      returnTo: '/projects?view=mine',
    });

    expect(wf.tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(wf.tokenRequests[0] ?? [])).toMatchObject({
      grant_type: 'authorization_code',
      client_id: settings.clientId,
      redirect_uri: settings.redirectUri,
      code: 'code-1',
    });
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 1 });
    expect(events.changed).toHaveBeenCalledOnce();
  });

  it('records the exchange for the inspector with fingerprints, never the tokens', async () => {
    const { vault, wf, flows } = setUp();
    await signIn(vault, wf);
    const [access, refresh] = [wf.issuedAccess[0] ?? '', wf.issuedRefresh[0] ?? ''];
    expect(flows).toEqual([
      {
        type: 'token-exchange',
        at: expect.any(Number) as number,
        ok: true,
        tokenType: 'sessionID',
        expiresIn: 300,
        scope: 'offline_access',
        accessFingerprint: await fingerprint(access),
        refreshFingerprint: await fingerprint(refresh),
        answerKeys: ['access_token', 'expires_in', 'refresh_token', 'token_type'],
        expiresInSent: 300,
      },
    ]);
  });

  it('refuses a callback whose state is not the pending sign-in’s, and sends no code', async () => {
    const { vault, wf } = setUp();
    const first = await vault.beginSignIn('/', false);
    const second = await vault.beginSignIn('/', false);
    const failure = await failureOf(
      vault.finishSignIn(wf.authorize(first.url), second.pendingSignIn),
    );
    expect(failure).toEqual({
      kind: 'problem',
      problem: { kind: 'state-mismatch', detail: 'unknown-state' },
      afterBounce: false,
      endsSession: false,
    });
    expect(wf.tokenRequests).toHaveLength(0);
    expect(vault.state().status).toBe('signed-out');
  });

  it('refuses a pending sign-in that is not one (tampered storage)', async () => {
    const { vault, wf } = setUp();
    const started = await vault.beginSignIn('/', false);
    const failure = await failureOf(vault.finishSignIn(wf.authorize(started.url), '{not json'));
    expect(failure).toMatchObject({ kind: 'problem', problem: { kind: 'state-mismatch' } });
    expect(wf.tokenRequests).toHaveLength(0);
  });

  it('does not keep a pending sign-in itself: the page must hand it back', async () => {
    const { vault, wf } = setUp();
    const started = await vault.beginSignIn('/', false);
    const failure = await failureOf(vault.finishSignIn(wf.authorize(started.url), ''));
    expect(failure).toMatchObject({ kind: 'problem', problem: { kind: 'state-mismatch' } });
  });

  it('reports a refusal at the authorize step, telling whether it was a bounce', async () => {
    const { vault } = setUp();
    const started = await vault.beginSignIn('/work', true);
    const callback = `${settings.redirectUri}?error=login_required&state=${started.stateId}`;
    expect(await failureOf(vault.finishSignIn(callback, started.pendingSignIn))).toEqual({
      kind: 'problem',
      problem: { kind: 'authorization-error', error: 'login_required', description: null },
      afterBounce: true,
      endsSession: false,
    });

    const denied = await vault.beginSignIn('/work', false);
    const deniedUrl = `${settings.redirectUri}?error=access_denied&state=${denied.stateId}`;
    expect(await failureOf(vault.finishSignIn(deniedUrl, denied.pendingSignIn))).toMatchObject({
      problem: { kind: 'access-denied' },
      afterBounce: false,
    });
  });

  it('reports a code the token endpoint refuses, and logs the failed exchange', async () => {
    const { vault, wf, flows } = setUp();
    const started = await vault.beginSignIn('/', false);
    const callback = wf.authorize(started.url).replace('code-1', 'code-forged');
    const failure = await failureOf(vault.finishSignIn(callback, started.pendingSignIn));
    expect(failure).toMatchObject({
      kind: 'problem',
      problem: { kind: 'code-rejected', description: 'The grant is invalid' },
      afterBounce: false,
    });
    expect(flows).toEqual([
      {
        type: 'token-exchange',
        at: expect.any(Number) as number,
        ok: false,
        error: expect.any(String) as string,
      },
    ]);
    expect(vault.state().status).toBe('signed-out');
  });

  it('refuses an answer without an access token', async () => {
    const { vault, wf, events } = setUp();
    wf.answer(() => Response.json({ token_type: 'sessionID', refresh_token: 'r' }));
    const failure = await failureOf(signIn(vault, wf));
    expect(failure).toMatchObject({
      kind: 'problem',
      problem: { kind: 'invalid-token-response', detail: 'no access_token' },
    });
    expect(vault.state().status).toBe('signed-out');
    expect(events.changed).not.toHaveBeenCalled();
  });

  it('cannot be finished twice with the same callback after the page dropped the request', async () => {
    const { vault, wf } = setUp();
    const started = await vault.beginSignIn('/', false);
    const callback = wf.authorize(started.url);
    await vault.finishSignIn(callback, started.pendingSignIn);
    // Workfront spends a code once: the replay is refused there, and the session stays as it was.
    const failure = await failureOf(vault.finishSignIn(callback, started.pendingSignIn));
    expect(failure).toMatchObject({ kind: 'problem', problem: { kind: 'code-rejected' } });
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 1 });
  });
});

describe('the token lifetime', () => {
  it.each<[string, number | null, number]>([
    ['as Workfront sent it', 3600, 3_600_000],
    ['as Workfront sent it when just long enough to use', 11, 11_000],
    ['assumed at five minutes when missing', null, 300_000],
    ['assumed at five minutes when too short to use', 10, 300_000],
    ['assumed at five minutes when negative', -5, 300_000],
  ])('is %s', async (_, expiresIn, expected) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { vault, wf } = setUp({ expiresIn });
    await signIn(vault, wf);
    expect(vault.state()).toMatchObject({
      status: 'signed-in',
      expiresInMs: expected,
      credential: 1,
    });
  });

  it('counts down on the vault’s clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    vi.advanceTimersByTime(120_000);
    expect(vault.state()).toMatchObject({ expiresInMs: 180_000 });
  });
});

describe('a refresh', () => {
  it('sends the refresh token, rotates it, and names the new tokens with a new credential', async () => {
    const { vault, wf, flows, events } = setUp();
    await signIn(vault, wf);
    await vault.refresh('expiring', 1);

    expect(Object.fromEntries(wf.refreshRequests()[0] ?? [])).toMatchObject({
      grant_type: 'refresh_token',
      client_id: settings.clientId,
      refresh_token: wf.issuedRefresh[0],
      redirect_uri: settings.redirectUri,
    });
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 2 });
    expect(events.changed).toHaveBeenCalledTimes(2);
    expect(flows.at(-1)).toEqual({
      type: 'refresh',
      at: expect.any(Number) as number,
      reason: 'expiring',
      ok: true,
      accessFingerprint: await fingerprint(wf.issuedAccess[1] ?? ''),
      refreshFingerprint: await fingerprint(wf.issuedRefresh[1] ?? ''),
      rotated: true,
      tokenType: 'sessionID',
      expiresIn: 300,
    });

    // The rotated token is the one sent next: the old one is never sent twice.
    await vault.refresh('manual', 2);
    expect(wf.refreshRequests()[1]?.get('refresh_token')).toBe(wf.issuedRefresh[1]);
    expect(vault.state()).toMatchObject({ credential: 3 });
  });

  it('keeps the refresh token when Workfront does not rotate it', async () => {
    const { vault, wf, flows } = setUp({ rotate: false });
    await signIn(vault, wf);
    await vault.refresh('manual', null);
    await vault.refresh('manual', null);
    expect(wf.refreshRequests().map((form) => form.get('refresh_token'))).toEqual([
      wf.issuedRefresh[0],
      wf.issuedRefresh[0],
    ]);
    expect(flows.at(-1)).toMatchObject({ type: 'refresh', ok: true, rotated: false });
    expect(vault.state()).toMatchObject({ credential: 3 });
  });

  it('shares one token request between callers that saw the same credential', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    const held = wf.hold();
    const first = vault.refresh('expiring', 1);
    const second = vault.refresh('rejected-by-workfront', 1);
    await held.seen;
    held.release();
    await Promise.all([first, second]);
    expect(wf.refreshRequests()).toHaveLength(1);
    expect(vault.state()).toMatchObject({ credential: 2 });
  });

  it('makes no token request for a caller that names a credential already replaced', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    await vault.refresh('expiring', 1);
    await vault.refresh('rejected-by-workfront', 1);
    expect(wf.refreshRequests()).toHaveLength(1);
    expect(vault.state()).toMatchObject({ credential: 2 });
  });

  it('always refreshes when the caller names no credential', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    await vault.refresh('manual', null);
    await vault.refresh('manual', null);
    expect(wf.refreshRequests()).toHaveLength(2);
  });

  it('is refused when signed out, without a token request', async () => {
    const { vault, wf } = setUp();
    expect(await failureOf(vault.refresh('manual', null))).toEqual({ kind: 'signed-out' });
    expect(wf.tokenRequests).toHaveLength(0);
  });

  it('ends the session when Workfront refuses the grant', async () => {
    const { vault, wf, flows } = setUp();
    await signIn(vault, wf);
    wf.liveRefresh.clear(); // revoked at Workfront
    const failure = await failureOf(vault.refresh('expiring', 1));
    expect(failure).toMatchObject({ kind: 'problem', endsSession: true, afterBounce: false });
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'session-ended' });
    expect(flows.at(-1)).toMatchObject({ type: 'refresh', reason: 'expiring', ok: false });
  });

  it('keeps the tokens through a server error, with the wait Workfront asked for', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    wf.answer(() =>
      Response.json(
        { error: 'temporarily_unavailable' },
        { status: 503, headers: { 'Retry-After': '7' } },
      ),
    );
    expect(await failureOf(vault.refresh('expiring', 1))).toEqual({
      kind: 'problem',
      problem: { kind: 'token-error', error: 'temporarily_unavailable', description: null },
      afterBounce: false,
      endsSession: false,
      retryAfterMs: 7_000,
    });
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 1 });

    // The next failure does not inherit that wait.
    wf.answer(() => Response.json({ error: 'temporarily_unavailable' }, { status: 503 }));
    expect(await failureOf(vault.refresh('expiring', 1))).not.toHaveProperty('retryAfterMs');
  });

  it('ends the session when Workfront issued no refresh token, without a token request', async () => {
    const { vault, wf } = setUp();
    wf.answer(() =>
      Response.json({ access_token: 'only-an-access-token', token_type: 'sessionID' }),
    );
    await signIn(vault, wf);
    const failure = await failureOf(vault.refresh('expiring', 1));
    expect(failure).toMatchObject({
      kind: 'problem',
      problem: { kind: 'token-error', error: 'no_refresh_token' },
      endsSession: true,
    });
    expect(wf.refreshRequests()).toHaveLength(0);
  });

  it('runs the exchange inside the Web Lock of this client when the browser has locks', async () => {
    const names: string[] = [];
    let holding = false;
    const locks = {
      request: async (name: string, task: () => Promise<void>) => {
        names.push(name);
        holding = true;
        try {
          await task();
        } finally {
          holding = false;
        }
      },
    };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    try {
      const { vault, wf } = setUp();
      await signIn(vault, wf);
      const heldAtRequest: boolean[] = [];
      wf.fetch.mockImplementationOnce(async (input, init) => {
        heldAtRequest.push(holding);
        return wf.fetch.getMockImplementation()?.(input, init) ?? Response.error();
      });
      await vault.refresh('manual', 1);
      expect(names).toEqual([`workfront-refresh:${settings.clientId}`]);
      expect(heldAtRequest).toEqual([true]);
      expect(vault.state()).toMatchObject({ credential: 2 });
    } finally {
      Reflect.deleteProperty(navigator, 'locks');
    }
  });
});

describe('a refresh whose answer was lost', () => {
  it.each<[string, unknown]>([
    ['a dropped connection', new TypeError('Failed to fetch')],
    ['a timeout', new DOMException('The operation timed out.', 'TimeoutError')],
  ])('is a network failure after %s, and the refusal that follows a bounce', async (_, error) => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    wf.loseAnswer(error);
    expect(await failureOf(vault.refresh('expiring', 1))).toMatchObject({ kind: 'network' });
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 1 });

    // Workfront rotated the token meanwhile: the one the vault holds is spent.
    expect(await failureOf(vault.refresh('expiring', 1))).toEqual({ kind: 'bounce' });
    // Not a real refusal: nothing is signed out, the bounce's sign-in replaces the tokens.
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 1 });
    await signIn(vault, wf, '/work', true);
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 2 });
  });

  it('bounces once only: a second refusal ends the session', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    wf.loseAnswer();
    await failureOf(vault.refresh('expiring', 1));
    expect(await failureOf(vault.refresh('expiring', 1))).toEqual({ kind: 'bounce' });
    expect(await failureOf(vault.refresh('expiring', 1))).toMatchObject({
      kind: 'problem',
      endsSession: true,
    });
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'session-ended' });
  });

  it('is forgotten once a refresh succeeds: a later refusal is real', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    // Lost before it reached Workfront: the token is still good.
    wf.answer(() => {
      throw new TypeError('Failed to fetch');
    });
    await failureOf(vault.refresh('expiring', 1));
    await vault.refresh('expiring', 1);
    wf.liveRefresh.clear();
    expect(await failureOf(vault.refresh('expiring', 2))).toMatchObject({
      kind: 'problem',
      endsSession: true,
    });
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'session-ended' });
  });
});

describe('an API call', () => {
  it('sends the access token as a session ID to Workfront’s API, and answers without it', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    const answer = await vault.callApi(
      { method: 'GET', url: apiUrl },
      new AbortController().signal,
    );

    expect(answer).toEqual({
      status: 200,
      retryAfter: '5',
      headerNames: ['content-type', 'retry-after', 'x-workfront-trace'],
      body: JSON.stringify({ data: [{ ID: 'task-1', name: 'Write the tests' }] }),
      credential: 1,
    });
    const [call] = wf.apiCalls;
    expect(call?.url).toBe(apiUrl);
    expect(call?.method).toBe('GET');
    expect(call?.body).toBeUndefined();
    expect(Object.fromEntries(call?.headers ?? [])).toEqual({
      sessionid: wf.issuedAccess[0],
      'x-requested-with': 'XMLHttpRequest',
      accept: 'application/json',
    });
  });

  it('sends a Bearer header only, and no session ID, when asked to', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    await vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal, true);
    expect(Object.fromEntries(wf.apiCalls[0]?.headers ?? [])).toEqual({
      authorization: `Bearer ${wf.issuedAccess[0] ?? ''}`,
      accept: 'application/json',
    });
  });

  it('sends a POST’s form as a form', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    const url = `${settings.apiBase}/task`;
    await vault.callApi(
      { method: 'POST', url, form: 'name=New+task' },
      new AbortController().signal,
    );
    expect(wf.apiCalls[0]?.body).toBe('name=New+task');
    expect(wf.apiCalls[0]?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
  });

  it('uses the newest token, and names it', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    await vault.refresh('manual', 1);
    const answer = await vault.callApi(
      { method: 'GET', url: apiUrl },
      new AbortController().signal,
    );
    expect(answer.credential).toBe(2);
    expect(wf.apiCalls[0]?.headers.get('sessionID')).toBe(wf.issuedAccess[1]);
  });

  it.each([
    ['another origin', 'https://evil.example/attask/api/v20.0/task/search'],
    ['a path outside the API', 'https://app.example/index.html'],
    ['a dot segment out of the API', 'https://app.example/attask/api/../../evil'],
  ])('is refused, with nothing sent, for %s', async (_, url) => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    const failure = await failureOf(
      vault.callApi({ method: 'GET', url }, new AbortController().signal),
    );
    expect(failure.kind).toBe('refused');
    expect(wf.apiCalls).toHaveLength(0);
  });

  it('is refused when signed out, with nothing sent', async () => {
    const { vault, wf } = setUp();
    const failure = await failureOf(
      vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal),
    );
    expect(failure).toEqual({ kind: 'signed-out' });
    expect(wf.apiCalls).toHaveLength(0);
  });

  it('is cancelled by its signal', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    wf.onApi(
      (signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => {
            reject(new DOMException('The user aborted a request.', 'AbortError'));
          });
        }),
    );
    const controller = new AbortController();
    const call = vault.callApi({ method: 'GET', url: apiUrl }, controller.signal);
    controller.abort();
    expect(await failureOf(call)).toEqual({ kind: 'cancelled' });
  });

  it('reports a network failure as one', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    wf.onApi(() => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await failureOf(
      vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal),
    );
    expect(failure).toEqual({ kind: 'network', detail: 'TypeError: Failed to fetch' });
  });
});

describe('a sign-in while signed in', () => {
  it('as another user is a sign-out of the first: its session ended, its chain revoked, then the second user', async () => {
    const { vault, wf, events } = setUp();
    wf.actAs('dana');
    await signIn(vault, wf);
    const [danaAccess, danaRefresh] = [wf.issuedAccess[0], wf.issuedRefresh[0]];
    const seen: unknown[] = [];
    events.changed.mockImplementation(() => seen.push(vault.state()));

    wf.actAs('priya');
    await signIn(vault, wf);

    expect(seen).toEqual([
      { status: 'signed-out', reason: 'signed-out' },
      expect.objectContaining({ status: 'signed-in', userId: 'priya' }),
    ]);
    expect(events.signedOut).toHaveBeenCalledOnce();
    await vi.waitFor(() => {
      expect(wf.revokedTokens()).toEqual([danaRefresh]);
    });
    expect(wf.logouts.map((sent) => sent.headers.get('sessionID'))).toEqual([danaAccess]);
  });

  it('by a Workfront that names no user is taken for another user', async () => {
    const { vault, wf, events } = setUp();
    await signIn(vault, wf);
    await signIn(vault, wf);
    expect(events.signedOut).toHaveBeenCalledOnce();
    await vi.waitFor(() => {
      expect(wf.revokedTokens()).toEqual([wf.issuedRefresh[0]]);
    });
  });

  it('tells the other vaults who signed in; one that holds another user signs that user out', async () => {
    const here = setUp();
    here.wf.actAs('dana');
    await signIn(here.vault, here.wf);
    expect(here.events.signedIn).toHaveBeenCalledWith('dana');

    here.vault.signedInElsewhere('dana');
    expect(here.vault.state()).toMatchObject({ status: 'signed-in', userId: 'dana' });
    here.vault.signedInElsewhere('priya');
    expect(here.vault.state()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    // Told by another vault: not announced back.
    expect(here.events.signedOut).not.toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(here.wf.revokedTokens()).toEqual([here.wf.issuedRefresh[0]]);
    });
  });

  it('as the same user replaces the tokens, and revokes the refresh token it replaced', async () => {
    const { vault, wf, events } = setUp();
    wf.actAs('dana');
    await signIn(vault, wf);
    await signIn(vault, wf);
    expect(vault.state()).toMatchObject({ status: 'signed-in', userId: 'dana', credential: 2 });
    expect(events.signedOut).not.toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(wf.revokedTokens()).toEqual([wf.issuedRefresh[0]]);
    });
    expect(wf.logouts).toEqual([]);
  });

  it.each<[string, (() => Response) | undefined]>([
    [
      'refused, its token revoked meanwhile',
      () => Response.json({ error: 'invalid_grant' }, { status: 400 }),
    ],
    ['answered with new tokens of the replaced chain', undefined],
  ])(
    'as the same user keeps the new session when a refresh of the replaced tokens comes back %s',
    async (_, answer) => {
      const { vault, wf } = setUp();
      wf.actAs('dana');
      await signIn(vault, wf);
      const held = wf.hold(answer);
      const refresh = vault.refresh('expiring', 1);
      await held.seen;
      await signIn(vault, wf);
      const credential = credentialOf(vault);
      held.release();
      await failureOf(refresh);

      expect(vault.state()).toMatchObject({ status: 'signed-in', userId: 'dana', credential });
      // Whatever the old chain brought is revoked too: only the new session's token lives.
      await vi.waitFor(() => {
        expect([...wf.liveRefresh]).toEqual([wf.issuedRefresh.at(-1)]);
      });
    },
  );
});

describe('signing out', () => {
  it('forgets the tokens at once, then ends the API session and revokes the refresh chain', async () => {
    const { vault, wf, events, flows } = setUp();
    await signIn(vault, wf);
    const [access, refresh] = [wf.issuedAccess[0], wf.issuedRefresh[0]];
    vault.signOut();

    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(events.changed).toHaveBeenCalledTimes(2);
    expect(events.signedOut).toHaveBeenCalledOnce();

    expect(wf.logouts).toHaveLength(1);
    expect(wf.logouts[0]?.headers.get('sessionID')).toBe(access);
    expect(wf.logouts[0]?.keepalive).toBe(true);

    // logout first: a revoke at the same moment may end the session it would end (a 401).
    expect(wf.revokes).toHaveLength(0);
    await vi.waitFor(() => {
      expect(wf.revokes).toHaveLength(1);
    });
    const [revoke] = wf.revokes;
    expect(revoke?.method).toBe('POST');
    expect(revoke?.keepalive).toBe(true);
    expect(revoke?.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(revoke?.body))).toEqual({
      client_id: settings.clientId,
      refresh_token: refresh,
      redirect_uri: settings.redirectUri,
    });
    await vi.waitFor(() => {
      expect(flows.at(-1)).toMatchObject({ type: 'revoke', ok: true, status: 200 });
    });

    expect(
      await failureOf(vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal)),
    ).toEqual({
      kind: 'signed-out',
    });
  });

  it('records a revoke that failed, and signs out all the same', async () => {
    const { vault, wf, flows } = setUp();
    await signIn(vault, wf);
    wf.fetch.mockImplementation((input) =>
      input === settings.revocationEndpoint
        ? Promise.reject(new TypeError('Failed to fetch'))
        : Promise.resolve(Response.json({})),
    );
    vault.signOut();
    expect(vault.state().status).toBe('signed-out');
    await vi.waitFor(() => {
      expect(flows.at(-1)).toMatchObject({
        type: 'revoke',
        ok: false,
        error: expect.stringContaining('Failed') as string,
      });
    });
  });

  it('is a session end, not announced to other tabs, when Workfront refused even a fresh token', async () => {
    const { vault, wf, events } = setUp();
    await signIn(vault, wf);
    vault.signOut(true);
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'session-ended' });
    expect(events.signedOut).not.toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(wf.revokedTokens()).toEqual([wf.issuedRefresh[0]]);
    });
  });

  it('is not announced back when another tab told of it', async () => {
    const { vault, wf, events } = setUp();
    await signIn(vault, wf);
    vault.signOut(false, true);
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(events.signedOut).not.toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(wf.revokedTokens()).toEqual([wf.issuedRefresh[0]]);
    });
  });

  it('sends nothing when there was nothing to sign out of', () => {
    const { vault, wf, events } = setUp();
    vault.signOut();
    expect(wf.fetch).not.toHaveBeenCalled();
    expect(events.changed).not.toHaveBeenCalled();
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'none' });
  });

  it('leaves the way open to sign in again', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    vault.signOut();
    await signIn(vault, wf);
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 2 });
    await vault.refresh('manual', 2);
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 3 });
  });
});

describe('a sign-out racing a token request', () => {
  /**
   * A refresh sent before this tab signs out and signs in again: Workfront's answer to it (`answer`,
   * else the refreshed tokens) waits for `held.release()`.
   */
  async function refreshFromBeforeSignOut(answer?: () => Response) {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    const held = wf.hold(answer);
    const refresh = vault.refresh('expiring', 1);
    await held.seen;
    vault.signOut();
    await signIn(vault, wf);
    return { vault, wf, held, refresh };
  }

  it.each<[string, (vault: TokenVault) => void]>([
    [
      'this tab',
      (vault) => {
        vault.signOut();
      },
    ],
    [
      'another tab',
      (vault) => {
        vault.signOut(false, true);
      },
    ],
    [
      'a session end',
      (vault) => {
        vault.signOut(true);
      },
    ],
  ])('a refresh in flight at sign-out (%s) never brings the tokens back', async (_, signOut) => {
    const { vault, wf, events } = setUp();
    await signIn(vault, wf);
    const held = wf.hold();
    const refresh = vault.refresh('expiring', 1);
    await held.seen;

    signOut(vault);
    const changesAtSignOut = events.changed.mock.calls.length;
    held.release();

    expect(await failureOf(refresh)).toEqual({ kind: 'signed-out' });
    expect(vault.state().status).toBe('signed-out');
    expect(events.changed).toHaveBeenCalledTimes(changesAtSignOut);
    // Both the refresh token of the sign-out and the one the late answer brought are revoked.
    expect(wf.issuedRefresh).toHaveLength(2);
    expect(wf.revokedTokens()).toEqual([wf.issuedRefresh[0], wf.issuedRefresh[1]]);
    expect(JSON.parse(String(wf.revokes[1]?.body))).toEqual({
      client_id: settings.clientId,
      refresh_token: wf.issuedRefresh[1],
      redirect_uri: settings.redirectUri,
    });
    expect(wf.revokes[1]?.method).toBe('POST');
    expect(wf.liveRefresh.size).toBe(0);
    expect(
      await failureOf(vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal)),
    ).toEqual({ kind: 'signed-out' });
  });

  it('a code exchange in flight at a sign-out elsewhere never keeps its tokens', async () => {
    const { vault, wf, events } = setUp();
    const started = await vault.beginSignIn('/work', false);
    const held = wf.hold();
    const finishing = vault.finishSignIn(wf.authorize(started.url), started.pendingSignIn);
    await held.seen;
    vault.signOut(false, true);
    held.release();

    expect(await failureOf(finishing)).toEqual({ kind: 'signed-out' });
    expect(vault.state().status).toBe('signed-out');
    expect(events.changed).not.toHaveBeenCalled();
    expect(wf.revokedTokens()).toEqual([wf.issuedRefresh[0]]);
  });

  it('a sign-in after the sign-out is not spoiled by the late answer', async () => {
    const { vault, wf, held, refresh } = await refreshFromBeforeSignOut();
    const credential = credentialOf(vault);
    held.release();

    expect(await failureOf(refresh)).toEqual({ kind: 'signed-out' });
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential });
    const answer = await vault.callApi(
      { method: 'GET', url: apiUrl },
      new AbortController().signal,
    );
    expect(answer.credential).toBe(credential);
    expect(wf.apiCalls[0]?.headers.get('sessionID')).toBe(wf.issuedAccess.at(-1));
  });

  it('a refusal of a refresh from before the sign-out does not end the session signed in after it', async () => {
    // Workfront got the revoke first, and so refuses the refresh sent just before it.
    const { vault, held, refresh } = await refreshFromBeforeSignOut(() =>
      Response.json({ error: 'invalid_grant', error_description: 'revoked' }, { status: 400 }),
    );
    const credential = credentialOf(vault);
    held.release();
    await failureOf(refresh);

    expect(vault.state()).toMatchObject({ status: 'signed-in', credential });
  });

  it('a lost answer of a refresh from before the sign-out does not make a later refusal a bounce', async () => {
    const { vault, wf, held, refresh } = await refreshFromBeforeSignOut(() => {
      throw new TypeError('Failed to fetch');
    });
    held.release();
    await failureOf(refresh);

    // The new session's refresh token is revoked at Workfront: that is a real end.
    wf.liveRefresh.clear();
    expect(await failureOf(vault.refresh('expiring', credentialOf(vault)))).toMatchObject({
      kind: 'problem',
      endsSession: true,
    });
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'session-ended' });
  });

  it('a refresh of the new session does not join one left over from before the sign-out', async () => {
    const { vault, wf, held, refresh: stale } = await refreshFromBeforeSignOut();
    const credential = credentialOf(vault);
    const fresh = vault.refresh('manual', credential);
    held.release();

    expect(await failureOf(stale)).toEqual({ kind: 'signed-out' });
    await expect(fresh).resolves.toBeUndefined();
    expect(wf.refreshRequests().at(-1)?.get('refresh_token')).toBe(wf.issuedRefresh[2]);
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: (credential ?? 0) + 1 });
  });
});

describe('an API call answered with a redirect', () => {
  it('is not followed: the token goes nowhere but where the page asked, and the page hears a failure', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    wf.onApi(() => Promise.resolve(Response.redirect('https://app.example/index.html', 302)));
    // fetch as a browser's: it follows a redirect, headers and all, unless told otherwise.
    const answer = wf.fetch.getMockImplementation();
    if (!answer) throw new Error('the fake Workfront has no fetch');
    const followedTo: string[] = [];
    wf.fetch.mockImplementation(async (input, init = {}) => {
      const response = await answer(input, init);
      const location = response.headers.get('Location');
      if (location === null || init.redirect === 'manual') return response;
      if (init.redirect === 'error') throw new TypeError('Failed to fetch');
      followedTo.push(location);
      return new Response('<html>the app</html>');
    });

    const failure = await failureOf(
      vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal),
    );
    expect(wf.apiCalls.map((call) => call.url)).toEqual([apiUrl]);
    expect(followedTo).toEqual([]);
    expect(failure.kind).toBe('network');
  });
});
