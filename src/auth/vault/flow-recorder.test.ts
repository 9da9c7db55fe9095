import { describe, expect, it } from 'vitest';
import { exchangeEvent, fingerprint, refreshEvent, tokenAnswerAsSent } from './flow-recorder';

const access = 'access-token-0123456789-abcdefghijklmnop';
const refresh = 'refresh-token-0123456789-abcdefghijklmnop';

describe('fingerprint', () => {
  it('is the first 8 hex digits of the SHA-256', async () => {
    // SHA-256("abc") = ba7816bf 8f01cfea …
    expect(await fingerprint('abc')).toBe('ba7816bf');
    expect(await fingerprint('')).toBe('e3b0c442');
  });

  it('tells tokens apart', async () => {
    expect(await fingerprint(access)).not.toBe(await fingerprint(refresh));
    expect(await fingerprint(access)).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('the token exchange event', () => {
  it('shows fingerprints, the answer’s field names and expires_in as sent, never a token', async () => {
    const asSent = {
      access_token: access,
      refresh_token: refresh,
      token_type: 'sessionID',
      expires_in: '300',
      wid: 'user-1',
    };
    const event = await exchangeEvent(
      {
        access_token: access,
        refresh_token: refresh,
        token_type: 'sessionID',
        expires_in: 299,
        scope: 'offline_access',
      },
      asSent,
    );
    expect(event).toEqual({
      type: 'token-exchange',
      at: expect.any(Number) as number,
      ok: true,
      tokenType: 'sessionID',
      expiresIn: 299,
      scope: 'offline_access',
      accessFingerprint: await fingerprint(access),
      refreshFingerprint: await fingerprint(refresh),
      answerKeys: ['access_token', 'expires_in', 'refresh_token', 'token_type', 'wid'],
      expiresInSent: 300,
    });
    const text = JSON.stringify(event);
    expect(text).not.toContain(access);
    expect(text).not.toContain(refresh);
  });

  it('says when Workfront issued no refresh token, and leaves out a missing scope', async () => {
    const event = await exchangeEvent({ access_token: access, token_type: 'Bearer' }, undefined);
    expect(event).toMatchObject({ refreshFingerprint: null, answerKeys: [], expiresInSent: null });
    expect(event).not.toHaveProperty('scope');
  });
});

describe('the refresh event', () => {
  it('sees a rotation by the fingerprints, and keeps its reason', async () => {
    const event = await refreshEvent(
      'rejected-by-workfront',
      { access_token: access, refresh_token: refresh, token_type: 'sessionID', expires_in: 300 },
      'the-refresh-token-before',
    );
    expect(event).toEqual({
      type: 'refresh',
      at: expect.any(Number) as number,
      reason: 'rejected-by-workfront',
      ok: true,
      accessFingerprint: await fingerprint(access),
      refreshFingerprint: await fingerprint(refresh),
      rotated: true,
      tokenType: 'sessionID',
      expiresIn: 300,
    });
    expect(JSON.stringify(event)).not.toContain('the-refresh-token-before');
  });

  it('sees no rotation when the refresh token stayed the same, or none came', async () => {
    const same = await refreshEvent(
      'expiring',
      { access_token: access, refresh_token: refresh, token_type: 'x' },
      refresh,
    );
    expect(same).toMatchObject({ rotated: false, refreshFingerprint: await fingerprint(refresh) });
    const none = await refreshEvent('expiring', { access_token: access, token_type: 'x' }, refresh);
    expect(none).toMatchObject({ rotated: false, refreshFingerprint: null });
  });
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
