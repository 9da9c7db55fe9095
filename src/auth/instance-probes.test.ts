import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAppConfig } from '../config/app-config';
import type { FlowEvent } from './flow-log';
import {
  createInstanceProbes,
  madeUpRefreshToken,
  signInFacts,
  tokenAnswerAsSent,
} from './instance-probes';
import { installTokenEndpointFetch } from './token-endpoint-fetch';

const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
});
const redirectUri = `${window.location.origin}/callback`;
const accessToken = 'the-access-token';

const callback = (names: string[]): FlowEvent => ({
  type: 'callback',
  at: 1,
  params: names.map((name) => [name, 'value']),
});
const exchange: FlowEvent = {
  type: 'token-exchange',
  at: 2,
  ok: true,
  tokenType: 'Bearer',
  expiresIn: 3599,
  expiresInSent: 3600,
  answerKeys: ['access_token', 'expires_in', 'token_type'],
  refreshFingerprint: 'abcd1234',
};
const refresh = (rotated: boolean): FlowEvent => ({
  type: 'refresh',
  at: 3,
  reason: 'manual',
  ok: true,
  rotated,
});

describe('tokenAnswerAsSent', () => {
  it.each<[unknown, number | null]>([
    [3600, 3600],
    [0, 0],
    ['900', 900],
    [-1, null],
    [1.5, null],
    ['soon', null],
    [undefined, null],
  ])('reads expires_in %j as %j', (expiresIn, sent) => {
    expect(tokenAnswerAsSent({ token_type: 'x', expires_in: expiresIn }).expiresInSent).toBe(sent);
  });

  it('keeps the field names, sorted, and never a value', () => {
    const answer = { token_type: 'Bearer', access_token: 'secret', wid: 'user-id' };
    expect(tokenAnswerAsSent(answer)).toEqual({
      answerKeys: ['access_token', 'token_type', 'wid'],
      expiresInSent: null,
    });
    expect(tokenAnswerAsSent('not an object')).toEqual({ answerKeys: [], expiresInSent: null });
  });
});

describe('signInFacts', () => {
  it('reads the last sign-in and the last refresh after it', () => {
    const events: FlowEvent[] = [
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

  const probes = () =>
    createInstanceProbes(
      config,
      redirectUri,
      () => [],
      () => Promise.resolve(accessToken),
    );

  it('sends a Bearer-only call with no sessionID, to Workfront’s API only', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() =>
      Promise.resolve(Response.json({ data: { count: 1 } })),
    );
    vi.stubGlobal('fetch', fetch);
    const url = `${window.location.origin}/attask/api/v20.0/user/count`;
    expect(await probes().bearerOnly(url)).toMatchObject({ status: 200, body: { data: {} } });
    const headers = new Headers(fetch.mock.calls[0]?.[1]?.headers);
    expect(headers.get('Authorization')).toBe(`Bearer ${accessToken}`);
    expect(headers.has('sessionID')).toBe(false);

    await expect(probes().bearerOnly('https://evil.example/attask/api/v20.0/x')).rejects.toThrow(
      'Not a Workfront API URL',
    );
    await expect(probes().bearerOnly(`${config.workfrontUrl}/other`)).rejects.toThrow();
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('refreshes with a made-up token, and sees the error body as Workfront sent it', async () => {
    const workfrontStyle = { statusCode: 400, error: true, type: 'invalid_grant', message: 'no' };
    const fetch = vi.fn<typeof globalThis.fetch>(() =>
      Promise.resolve(Response.json(workfrontStyle, { status: 400 })),
    );
    vi.stubGlobal('fetch', fetch);
    installTokenEndpointFetch([config.tokenEndpoint], {});
    // The app's own requests see the rewritten body; the probe must not.
    const rewritten: unknown = await (await globalThis.fetch(config.tokenEndpoint)).json();
    expect(rewritten).toEqual({ error: 'invalid_grant', error_description: 'no' });

    const answer = await probes().madeUpRefresh();
    expect(answer).toEqual({ status: 400, headerNames: ['content-type'], body: workfrontStyle });
    const [url, init] = fetch.mock.calls[1] ?? [];
    expect(url).toBe(config.tokenEndpoint);
    expect(Object.fromEntries(init?.body as URLSearchParams)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'spa',
      redirect_uri: redirectUri,
      refresh_token: madeUpRefreshToken,
    });
  });
});
