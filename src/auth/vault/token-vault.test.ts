import { afterEach, describe, expect, it, vi } from 'vitest';
import { fingerprint, recordStep } from './flow-recorder';
import type { FlowEvent } from '../flow-events';
import { createTokenVault, type TokenVault } from './token-vault';
import type { FlowStep } from './vault-events';
import { deferred, failureOf } from '../test/vault-fixtures';
import {
  appOrigin,
  createRealStack,
  demoUser,
  stackApiUrl as apiUrl,
  stackSettings as settings,
  type RealStack,
} from '../test/real-stack';

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

type Grant = () => Promise<Response>;
type TokenHandler = (form: URLSearchParams, grant: Grant) => Promise<Response>;

interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  keepalive: boolean | undefined;
}

/**
 * Workfront, the emulator's, as the vault reaches it through `fetch`, with what it was sent
 * recorded and what it issued noted. A token request may be handled otherwise (`hold`,
 * `loseAnswer`, `answer`: an answer on its way held, lost, or one the emulator would not give),
 * as may the API (`onApi`); the rest is the emulator's.
 * `expiresIn`: the access tokens' lifetime, sent as such; null or less than 1 is written into
 * (or left out of) the emulator's answers, which never say so.
 */
function workfront(stack: RealStack, expiresIn: number | null) {
  const real = globalThis.fetch;
  const issuedAccess: string[] = [];
  const issuedRefresh: string[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const revokes: SentRequest[] = [];
  const logouts: SentRequest[] = [];
  const apiCalls: SentRequest[] = [];
  const overrides: TokenHandler[] = [];
  let apiHandler: ((signal: AbortSignal | undefined) => Promise<Response>) | undefined;
  let withoutUser = false;
  /** The emulator's users by the names the tests give them: the demo user, then others. */
  const names = new Map<string, { ID: string; emailAddr: string }>();
  let user = demoUser;

  const sent = (url: string, init: RequestInit): SentRequest => ({
    url,
    method: init.method ?? 'GET',
    headers: new Headers(init.headers),
    body: init.body,
    keepalive: init.keepalive,
  });

  /** The emulator's answer, as this test's Workfront words it; its tokens noted. */
  async function noted(response: Response): Promise<Response> {
    if (!response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    if (typeof body.access_token === 'string') issuedAccess.push(body.access_token);
    if (typeof body.refresh_token === 'string') issuedRefresh.push(body.refresh_token);
    if (expiresIn === null) delete body.expires_in;
    else if (expiresIn < 1) body.expires_in = expiresIn;
    if (withoutUser) delete body.wid;
    return Response.json(body, { status: response.status, headers: response.headers });
  }

  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init = {}) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url === settings.tokenEndpoint) {
      const form = new URLSearchParams(init.body as URLSearchParams);
      tokenRequests.push(form);
      const grant = () => real(input, init).then(noted);
      const override = overrides.shift();
      return override ? override(form, grant) : grant();
    }
    if (url === settings.revocationEndpoint) revokes.push(sent(url, init));
    else if (url === `${settings.apiBase}/logout`) logouts.push(sent(url, init));
    else if (url.startsWith(`${appOrigin}/attask/`)) {
      apiCalls.push(sent(url, init));
      if (apiHandler) return apiHandler(init.signal ?? undefined);
    }
    return real(input, init);
  });

  return {
    fetch,
    issuedAccess,
    issuedRefresh,
    tokenRequests,
    revokes,
    logouts,
    apiCalls,
    /** Workfront's ID of a user the test names: `dana`, `priya` (the emulator's users). */
    async idOf(name: string) {
      if (names.size === 0) {
        const response = await stack.control('GET', '/users');
        const users = (await response.json()) as { ID: string; emailAddr: string }[];
        ['dana', 'priya'].forEach((known, index) => {
          const found = users[index];
          if (found) names.set(known, found);
        });
      }
      return names.get(name)?.ID ?? '';
    },
    /** Who signs in at Workfront's login page from now on. */
    async actAs(name: string) {
      await this.idOf(name);
      const found = names.get(name);
      user = { email: found?.emailAddr ?? '', password: demoUser.password };
    },
    /** Workfront's answers name no user (no `wid`), as the PKCE guide's do. */
    namesNoUser() {
      withoutUser = true;
    },
    /** Where Workfront sends the browser back after the user signs in and agrees. */
    authorize: (authorizeUrl: string) => stack.authorize(authorizeUrl, user),
    refreshRequests: () =>
      tokenRequests.filter((form) => form.get('grant_type') === 'refresh_token'),
    revokedTokens: () =>
      revokes.map(
        (request) => (JSON.parse(String(request.body)) as { refresh_token: string }).refresh_token,
      ),
    /** Every session revoked at Workfront: no refresh token it issued is taken any more. */
    revokeAll: () => stack.control('POST', '/sessions/revoke'),
    /** The emulator's fault switches (emulator/src/http/faults.ts). */
    fault: stack.fault,
    /**
     * The refresh tokens Workfront still takes, asked newest first as any client could: asking
     * spends them, so only at a test's end.
     */
    async live() {
      const taken: string[] = [];
      for (const token of [...issuedRefresh].reverse()) {
        if ((await stack.redeem(token)).ok) taken.push(token);
      }
      return taken;
    },
    /**
     * Workfront handles the next token request as it arrives, but its answer waits for `release`;
     * `seen` settles once it was handled.
     */
    hold(answer?: () => Response) {
      const seen = deferred();
      const gate = deferred();
      overrides.push(async (_form, grantIt) => {
        const outcome = answer ? Promise.resolve().then(answer) : grantIt();
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
      overrides.push(async (_form, grantIt) => {
        await grantIt();
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
type FakeWorkfront = ReturnType<typeof workfront>;

function setUp({
  rotate = true,
  expiresIn = 300,
}: { rotate?: boolean; expiresIn?: number | null } = {}) {
  const stack = createRealStack({
    rotateRefreshToken: rotate,
    settings: { accessTokenTtlSeconds: expiresIn !== null && expiresIn >= 1 ? expiresIn : 300 },
  });
  const wf = workfront(stack, expiresIn);
  // The vault wraps the global fetch when it is made: Workfront must be in place first.
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
  return vault.finishSignIn(await wf.authorize(started.url), started.pendingSignIn);
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

    const started = await vault.beginSignIn('/projects?view=mine', false);
    const callback = await wf.authorize(started.url);
    await expect(vault.finishSignIn(callback, started.pendingSignIn)).resolves.toEqual({
      returnTo: '/projects?view=mine',
    });

    expect(wf.tokenRequests).toHaveLength(1);
    const { code_verifier: verifier } = JSON.parse(started.pendingSignIn) as {
      code_verifier: string;
    };
    expect(Object.fromEntries(wf.tokenRequests[0] ?? [])).toMatchObject({
      grant_type: 'authorization_code',
      client_id: settings.clientId,
      redirect_uri: settings.redirectUri,
      code: new URL(callback).searchParams.get('code'),
      code_verifier: verifier,
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
        answerKeys: ['access_token', 'expires_in', 'refresh_token', 'token_type', 'wid'],
        expiresInSent: 300,
      },
    ]);
  });

  it('refuses a callback whose state is not the pending sign-in’s, and sends no code', async () => {
    const { vault, wf } = setUp();
    const first = await vault.beginSignIn('/', false);
    const second = await vault.beginSignIn('/', false);
    const failure = await failureOf(
      vault.finishSignIn(await wf.authorize(first.url), second.pendingSignIn),
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
    const failure = await failureOf(
      vault.finishSignIn(await wf.authorize(started.url), '{not json'),
    );
    expect(failure).toMatchObject({ kind: 'problem', problem: { kind: 'state-mismatch' } });
    expect(wf.tokenRequests).toHaveLength(0);
  });

  it('does not keep a pending sign-in itself: the page must hand it back', async () => {
    const { vault, wf } = setUp();
    const started = await vault.beginSignIn('/', false);
    const failure = await failureOf(vault.finishSignIn(await wf.authorize(started.url), ''));
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
    const callback = new URL(await wf.authorize(started.url));
    callback.searchParams.set('code', 'code-forged');
    const failure = await failureOf(vault.finishSignIn(callback.href, started.pendingSignIn));
    expect(failure).toMatchObject({
      kind: 'problem',
      problem: { kind: 'code-rejected', description: expect.any(String) as string },
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
    const callback = await wf.authorize(started.url);
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
    await wf.revokeAll();
    const failure = await failureOf(vault.refresh('expiring', 1));
    expect(failure).toMatchObject({ kind: 'problem', endsSession: true, afterBounce: false });
    expect(vault.state()).toEqual({ status: 'signed-out', reason: 'session-ended' });
    expect(flows.at(-1)).toMatchObject({ type: 'refresh', reason: 'expiring', ok: false });
  });

  it('keeps the tokens through a server error, with the wait Workfront asked for', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    // Workfront busy: 429, temporarily_unavailable, Retry-After 7.
    await wf.fault({ target: 'token', count: 1, retryAfterSeconds: 7 });
    expect(await failureOf(vault.refresh('expiring', 1))).toEqual({
      kind: 'problem',
      problem: {
        kind: 'token-error',
        error: 'temporarily_unavailable',
        description: 'Too many requests: retry later',
      },
      afterBounce: false,
      endsSession: false,
      retryAfterMs: 7_000,
    });
    expect(vault.state()).toMatchObject({ status: 'signed-in', credential: 1 });

    // The next failure does not inherit that wait.
    await wf.fault({ target: 'token', count: 1, status: 503 });
    const next = await failureOf(vault.refresh('expiring', 1));
    expect(next).toMatchObject({ kind: 'problem', endsSession: false });
    expect(next).not.toHaveProperty('retryAfterMs');
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
  it.each<[string, (wf: FakeWorkfront) => Promise<unknown>]>([
    // The emulator's: the refresh handled, the connection dropped before its answer.
    [
      'a dropped connection',
      (wf) => wf.fault({ target: 'token', count: 1, dropAfterProcessing: true }),
    ],
    [
      'a timeout',
      (wf) => {
        wf.loseAnswer(new DOMException('The operation timed out.', 'TimeoutError'));
        return Promise.resolve();
      },
    ],
  ])('is a network failure after %s, and the refusal that follows a bounce', async (_, lose) => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    await lose(wf);
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
    await wf.fault({ target: 'token', count: 1, dropAfterProcessing: true });
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
    await wf.fault({ target: 'token', count: 1, drop: true });
    await failureOf(vault.refresh('expiring', 1));
    await vault.refresh('expiring', 1);
    await wf.revokeAll();
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

    // Workfront's answer as it came, its headers by name only, and no token in it.
    const direct = await fetch(apiUrl, { headers: { sessionID: wf.issuedAccess[0] ?? '' } });
    expect(answer).toEqual({
      status: 200,
      retryAfter: null,
      headerNames: [...direct.headers.keys()].sort(),
      body: await direct.text(),
      credential: 1,
    });
    expect(answer.body).toMatch(/^\{"data":\[\{/);
    expect(JSON.stringify(answer)).not.toContain(wf.issuedAccess[0]);
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

  it('passes on the wait Workfront asks for, and the names of its headers', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    // Workfront's limit on concurrent requests: a 429 with Retry-After.
    await wf.fault({ target: 'api', count: 1, retryAfterSeconds: 5 });
    const answer = await vault.callApi(
      { method: 'GET', url: apiUrl },
      new AbortController().signal,
    );
    expect(answer).toMatchObject({ status: 429, retryAfter: '5', credential: 1 });
    expect(answer.headerNames).toEqual(expect.arrayContaining(['content-type', 'retry-after']));
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
    ['a path outside the API', `${appOrigin}/index.html`],
    ['a dot segment out of the API', `${appOrigin}/attask/api/../../evil`],
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
    // Workfront takes its time, longer than the page waits.
    await wf.fault({ target: 'api', count: 1, delayMs: 60_000 });
    const controller = new AbortController();
    const call = vault.callApi({ method: 'GET', url: apiUrl }, controller.signal);
    controller.abort();
    expect(await failureOf(call)).toEqual({ kind: 'cancelled' });
  });

  it('reports a network failure as one', async () => {
    const { vault, wf } = setUp();
    await signIn(vault, wf);
    await wf.fault({ target: 'api', count: 1, drop: true });
    const failure = await failureOf(
      vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal),
    );
    expect(failure).toEqual({ kind: 'network', detail: 'TypeError: Failed to fetch' });
  });
});

describe('a sign-in while signed in', () => {
  it('as another user is a sign-out of the first: its session ended, its chain revoked, then the second user', async () => {
    const { vault, wf, events } = setUp();
    await wf.actAs('dana');
    await signIn(vault, wf);
    const [danaAccess, danaRefresh] = [wf.issuedAccess[0], wf.issuedRefresh[0]];
    const seen: unknown[] = [];
    events.changed.mockImplementation(() => seen.push(vault.state()));

    await wf.actAs('priya');
    await signIn(vault, wf);

    expect(seen).toEqual([
      { status: 'signed-out', reason: 'signed-out' },
      expect.objectContaining({ status: 'signed-in', userId: await wf.idOf('priya') }),
    ]);
    expect(events.signedOut).toHaveBeenCalledOnce();
    await vi.waitFor(() => {
      expect(wf.revokedTokens()).toEqual([danaRefresh]);
    });
    expect(wf.logouts.map((sent) => sent.headers.get('sessionID'))).toEqual([danaAccess]);
  });

  it('by a Workfront that names no user is taken for another user', async () => {
    const { vault, wf, events } = setUp();
    wf.namesNoUser();
    await signIn(vault, wf);
    await signIn(vault, wf);
    expect(events.signedOut).toHaveBeenCalledOnce();
    await vi.waitFor(() => {
      expect(wf.revokedTokens()).toEqual([wf.issuedRefresh[0]]);
    });
  });

  it('tells the other vaults who signed in; one that holds another user signs that user out', async () => {
    const here = setUp();
    await here.wf.actAs('dana');
    await signIn(here.vault, here.wf);
    const [dana, priya] = [await here.wf.idOf('dana'), await here.wf.idOf('priya')];
    expect(here.events.signedIn).toHaveBeenCalledWith(dana);

    here.vault.signedInElsewhere(dana);
    expect(here.vault.state()).toMatchObject({ status: 'signed-in', userId: dana });
    here.vault.signedInElsewhere(priya);
    expect(here.vault.state()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    // Told by another vault: not announced back.
    expect(here.events.signedOut).not.toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(here.wf.revokedTokens()).toEqual([here.wf.issuedRefresh[0]]);
    });
  });

  it('as the same user replaces the tokens, and revokes the refresh token it replaced', async () => {
    const { vault, wf, events } = setUp();
    await wf.actAs('dana');
    await signIn(vault, wf);
    await signIn(vault, wf);
    expect(vault.state()).toMatchObject({
      status: 'signed-in',
      userId: await wf.idOf('dana'),
      credential: 2,
    });
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
      await wf.actAs('dana');
      await signIn(vault, wf);
      const held = wf.hold(answer);
      const refresh = vault.refresh('expiring', 1);
      await held.seen;
      await signIn(vault, wf);
      const credential = credentialOf(vault);
      held.release();
      await failureOf(refresh);

      expect(vault.state()).toMatchObject({
        status: 'signed-in',
        userId: await wf.idOf('dana'),
        credential,
      });
      // Whatever the old chain brought is revoked too: only the new session's token lives.
      await vi.waitFor(() => {
        expect(wf.revokedTokens()).toHaveLength(wf.issuedRefresh.length - 1);
      });
      expect(await wf.live()).toEqual([wf.issuedRefresh.at(-1)]);
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
    // The late one at once; the sign-out's after its logout.
    expect(wf.issuedRefresh).toHaveLength(2);
    await vi.waitFor(() => {
      expect(wf.revokedTokens().toSorted()).toEqual(wf.issuedRefresh.toSorted());
    });
    const late = wf.revokes.find((revoke) =>
      String(revoke.body).includes(wf.issuedRefresh[1] ?? '-'),
    );
    expect(JSON.parse(String(late?.body))).toEqual({
      client_id: settings.clientId,
      refresh_token: wf.issuedRefresh[1],
      redirect_uri: settings.redirectUri,
    });
    expect(late?.method).toBe('POST');
    expect(await wf.live()).toEqual([]);
    expect(
      await failureOf(vault.callApi({ method: 'GET', url: apiUrl }, new AbortController().signal)),
    ).toEqual({ kind: 'signed-out' });
  });

  it('a code exchange in flight at a sign-out elsewhere never keeps its tokens', async () => {
    const { vault, wf, events } = setUp();
    const started = await vault.beginSignIn('/work', false);
    const held = wf.hold();
    const finishing = vault.finishSignIn(await wf.authorize(started.url), started.pendingSignIn);
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
    await wf.revokeAll();
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
    wf.onApi(() => Promise.resolve(Response.redirect(`${appOrigin}/index.html`, 302)));
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
