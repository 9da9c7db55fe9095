import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlowLog, fingerprint, maskCode, type FlowEvent } from './flow-log';

const authorizeKey = (state: string) => `workfront.signin-authorize.${state}`;

const pkceProof: FlowEvent = {
  type: 'pkce-proof',
  at: 3,
  verifier: 'the-spent-verifier',
  challenge: 'c',
  computed: 'c',
};

beforeEach(() => {
  window.sessionStorage.clear();
});

describe('fingerprint', () => {
  it("is the first 8 hex digits of the token's SHA-256", async () => {
    // printf 'access-token-1' | sha256sum
    await expect(fingerprint('access-token-1')).resolves.toBe('c5b0f233');
  });

  it('tells two tokens apart and gives one token the same fingerprint each time', async () => {
    const [a, again, b] = await Promise.all([
      fingerprint('token-a'),
      fingerprint('token-a'),
      fingerprint('token-b'),
    ]);
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(again).toBe(a);
    expect(b).not.toBe(a);
  });
});

describe('maskCode', () => {
  it('shows only the first and last four characters of a code', () => {
    expect(maskCode('abcd1234efgh5678')).toBe('abcd…5678');
    expect(maskCode('123456789')).toBe('1234…6789');
  });

  it('shows nothing of a code of eight characters or fewer', () => {
    expect(maskCode('12345678')).toBe('••••');
    expect(maskCode('abc')).toBe('••••');
    expect(maskCode('')).toBe('••••');
  });
});

describe('createFlowLog', () => {
  it('keeps events in order and tells subscribers of each one', () => {
    const log = createFlowLog(window.sessionStorage);
    const listener = vi.fn();
    log.subscribe(listener);

    log.add({ type: 'signed-out', at: 1, how: 'this-tab' });
    log.add({ type: 'revoke', at: 2, ok: true, status: 200 });

    expect(log.events().map((event) => event.type)).toEqual(['signed-out', 'revoke']);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('gives a new array at each change, so that React sees it change', () => {
    const log = createFlowLog(window.sessionStorage);
    const before = log.events();
    log.add({ type: 'signed-out', at: 1, how: 'this-tab' });
    expect(log.events()).not.toBe(before);
    expect(before).toEqual([]);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const log = createFlowLog(window.sessionStorage);
    const listener = vi.fn();
    const unsubscribe = log.subscribe(listener);
    unsubscribe();
    log.add({ type: 'signed-out', at: 1, how: 'this-tab' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps nothing but the authorize request in storage', () => {
    const log = createFlowLog(window.sessionStorage);
    log.add(pkceProof);
    log.add({ type: 'token-exchange', at: 4, ok: true, accessFingerprint: 'abcd1234' });
    expect(window.sessionStorage).toHaveLength(0);
  });

  describe('the authorize request, across the redirect', () => {
    it('is remembered under its state and recalled by the page the callback loads', () => {
      vi.useFakeTimers({ now: 1_000 });
      try {
        createFlowLog(window.sessionStorage).rememberAuthorize(
          'state-1',
          'https://wf.example/authorize?state=state-1',
        );
        expect(JSON.parse(window.sessionStorage.getItem(authorizeKey('state-1')) ?? '')).toEqual({
          at: 1_000,
          url: 'https://wf.example/authorize?state=state-1',
        });

        // After the redirect: a new page, a new log, the same tab's storage.
        const after = createFlowLog(window.sessionStorage);
        const listener = vi.fn();
        after.subscribe(listener);
        after.recallAuthorize('state-1');

        expect(after.events()).toEqual([
          { type: 'authorize', at: 1_000, url: 'https://wf.example/authorize?state=state-1' },
        ]);
        expect(listener).toHaveBeenCalledOnce();
        expect(window.sessionStorage.getItem(authorizeKey('state-1'))).toBeNull();
      } finally {
        vi.useRealTimers();
      }
    });

    it('is kept for one sign-in per tab: a second sign-in replaces the first', () => {
      const log = createFlowLog(window.sessionStorage);
      window.sessionStorage.setItem('unrelated', 'kept');
      log.rememberAuthorize('state-1', 'https://wf.example/authorize?state=state-1');
      log.rememberAuthorize('state-2', 'https://wf.example/authorize?state=state-2');

      expect(window.sessionStorage.getItem(authorizeKey('state-1'))).toBeNull();
      expect(window.sessionStorage.getItem(authorizeKey('state-2'))).not.toBeNull();
      expect(window.sessionStorage.getItem('unrelated')).toBe('kept');
    });

    it('adds nothing for a sign-in started elsewhere or a replayed callback', () => {
      const log = createFlowLog(window.sessionStorage);
      const listener = vi.fn();
      log.subscribe(listener);
      log.rememberAuthorize('state-1', 'https://wf.example/authorize?state=state-1');

      log.recallAuthorize('state-other');
      expect(log.events()).toEqual([]);

      log.recallAuthorize('state-1');
      log.recallAuthorize('state-1');
      expect(log.events()).toHaveLength(1);
      expect(listener).toHaveBeenCalledOnce();
    });
  });

  it('forgets the PKCE verifier at sign-out, and keeps the rest of the proof', () => {
    const log = createFlowLog(window.sessionStorage);
    log.add({ type: 'callback', at: 2, params: [['code', 'abcd…5678']] });
    log.add(pkceProof);
    const listener = vi.fn();
    log.subscribe(listener);

    log.forgetSecrets();

    expect(log.events()).toEqual([
      { type: 'callback', at: 2, params: [['code', 'abcd…5678']] },
      { ...pkceProof, verifier: null },
    ]);
    expect(JSON.stringify(log.events())).not.toContain('the-spent-verifier');
    expect(listener).toHaveBeenCalledOnce();
  });
});
