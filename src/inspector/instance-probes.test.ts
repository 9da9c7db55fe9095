import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAppConfig } from '../config/app-config';
import {
  createInstanceProbes,
  madeUpRefreshToken,
  signInFacts,
  type BearerCall,
} from './instance-probes';
import { VaultError, type ApiAnswer } from '../auth';
import type { ShownEvent } from './flow-log';

const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
});
const redirectUri = `${window.location.origin}/callback`;

const callback = (names: string[]): ShownEvent => ({
  type: 'callback',
  at: 1,
  state: 'value',
  params: names.map((name) => [name, 'value']),
});
const exchange: ShownEvent = {
  type: 'token-exchange',
  at: 2,
  ok: true,
  tokenType: 'Bearer',
  expiresIn: 3599,
  expiresInSent: 3600,
  answerKeys: ['access_token', 'expires_in', 'token_type'],
  refreshFingerprint: 'abcd1234',
};
const refresh = (rotated: boolean): ShownEvent => ({
  type: 'refresh',
  at: 3,
  reason: 'manual',
  ok: true,
  rotated,
});

describe('signInFacts', () => {
  it('reads the last sign-in and the last refresh after it', () => {
    const events: ShownEvent[] = [
      callback(['code', 'state']),
      exchange,
      refresh(true),
      { type: 'signed-out', at: 4, how: 'this-tab' },
      callback(['state', 'code', 'lane']),
      { ...exchange, refreshFingerprint: null },
      refresh(false),
      { type: 'refresh', at: 5, reason: 'expiring', ok: false, error: 'TypeError' },
    ];
    expect(signInFacts(events)).toEqual({
      callbackParamNames: ['code', 'lane', 'state'],
      tokenAnswerKeys: ['access_token', 'expires_in', 'token_type'],
      tokenType: 'Bearer',
      expiresIn: 3600,
      refreshTokenIssued: false,
      rotatedAtLastRefresh: false,
    });
  });

  it('knows no rotation before a refresh, and nothing before a sign-in', () => {
    expect(signInFacts([callback(['code']), exchange])?.rotatedAtLastRefresh).toBeNull();
    expect(signInFacts([callback(['code'])])).toBeNull();
  });
});

describe('the probes that need a token or the raw token endpoint', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const answer = (body: string, status = 200): ApiAnswer => ({
    status,
    retryAfter: null,
    headerNames: ['content-type', 'x-trace'],
    body,
    credential: 3,
  });
  const probesWith = (bearerCall: BearerCall) =>
    createInstanceProbes(config, redirectUri, () => [], bearerCall);

  it('asks the vault for a Bearer-only GET of the absolute URL, with the check’s timeout', async () => {
    const bearerCall = vi.fn<BearerCall>(() =>
      Promise.resolve(answer(JSON.stringify({ data: { count: 1 } }))),
    );
    const url = `${window.location.origin}/attask/api/v20.0/user/count`;
    expect(await probesWith(bearerCall).bearerOnly(url)).toEqual({
      status: 200,
      headerNames: ['content-type', 'x-trace'],
      body: { data: { count: 1 } },
    });
    const [request, signal] = bearerCall.mock.calls[0] ?? [];
    expect(request).toEqual({ method: 'GET', url });
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal?.aborted).toBe(false);
  });

  it('resolves a relative URL against this origin before asking the vault', async () => {
    const bearerCall = vi.fn<BearerCall>(() => Promise.resolve(answer('{}')));
    await probesWith(bearerCall).bearerOnly('/attask/api/v20.0/user/count');
    expect(bearerCall.mock.calls[0]?.[0].url).toBe(
      `${window.location.origin}/attask/api/v20.0/user/count`,
    );
  });

  it('rejects as no session when the vault has none, so that the check says why it did not run', async () => {
    const probes = probesWith(() => Promise.resolve('no-session'));
    await expect(probes.bearerOnly('/attask/api/v20.0/user/count')).rejects.toMatchObject({
      name: 'WorkfrontApiError',
      kind: 'session',
    });
  });

  it('reads an answer that is not JSON as no body, keeping its status', async () => {
    const probes = probesWith(() => Promise.resolve(answer('<html>Unauthorized</html>', 401)));
    expect(await probes.bearerOnly('/attask/api/v20.0/user/count')).toMatchObject({
      status: 401,
      body: null,
    });
  });

  it('passes the vault’s refusal on, and never sends anything itself', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    vi.stubGlobal('fetch', fetch);
    const refusal = new VaultError({ kind: 'refused', detail: 'the origin https://evil.example' });
    const probes = probesWith(() => Promise.reject(refusal));
    await expect(probes.bearerOnly('https://evil.example/attask/api/v20.0/x')).rejects.toBe(
      refusal,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refreshes with a made-up token, and sees the error body as Workfront sent it', async () => {
    const workfrontStyle = { statusCode: 400, error: true, type: 'invalid_grant', message: 'no' };
    const fetch = vi.fn<typeof globalThis.fetch>(() =>
      Promise.resolve(Response.json(workfrontStyle, { status: 400 })),
    );
    vi.stubGlobal('fetch', fetch);
    const bearerCall = vi.fn<BearerCall>();

    // The page's own fetch: the token endpoint's errors are rewritten only inside the vault.
    const answerSeen = await probesWith(bearerCall).madeUpRefresh();
    expect(answerSeen).toEqual({
      status: 400,
      headerNames: ['content-type'],
      body: workfrontStyle,
    });
    expect(fetch).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe(config.tokenEndpoint);
    expect(init?.method).toBe('POST');
    expect(Object.fromEntries(init?.body as URLSearchParams)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'spa',
      redirect_uri: redirectUri,
      refresh_token: madeUpRefreshToken,
    });
    // No credential of the session goes with it.
    const headers = new Headers(init?.headers);
    expect(headers.has('Authorization')).toBe(false);
    expect(headers.has('sessionID')).toBe(false);
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(bearerCall).not.toHaveBeenCalled();
  });

  it('reads a made-up refresh’s answer that is not JSON as no body', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof globalThis.fetch>(() =>
        Promise.resolve(new Response('<html>502</html>', { status: 502 })),
      ),
    );
    expect(await probesWith(vi.fn<BearerCall>()).madeUpRefresh()).toMatchObject({
      status: 502,
      body: null,
    });
  });
});
