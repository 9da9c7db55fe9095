import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowEvent } from '../auth';
import { createFlowLog } from './flow-log';

const authorizeKey = (state: string) => `workfront.signin-authorize.${state}`;

// printf 'the-spent-verifier' | openssl dgst -sha256 -binary | basenc --base64url | tr -d =
const verifier = 'the-spent-verifier';
const challenge = 'YQ1KjAwqNuwIzS3Z0NNL6-QpM4FX6Jr1ftWVI7Lem0I';
const authorizeUrl = (state: string) =>
  `https://wf.example/authorize?state=${state}&code_challenge=${challenge}`;
const callback = (state: string): FlowEvent => ({
  type: 'callback',
  at: 2,
  state,
  params: [['code', 'abcd…5678']],
});

beforeEach(() => {
  window.sessionStorage.clear();
});

/** The steps a log hears, once every proof in them is computed. */
async function settled(log: ReturnType<typeof createFlowLog>) {
  await vi.waitFor(() => {
    expect(log.events().some((event) => event.type === 'pkce-proof')).toBe(true);
  });
  return log.events();
}

describe('the flow log, an observer of the auth client', () => {
  it('keeps steps in order and tells subscribers of each one', () => {
    const log = createFlowLog(window.sessionStorage);
    const listener = vi.fn();
    log.subscribe(listener);

    log.step({ type: 'signed-out', at: 1, how: 'this-tab' });
    log.step({ type: 'revoke', at: 2, ok: true, status: 200 });

    expect(log.events().map((event) => event.type)).toEqual(['signed-out', 'revoke']);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('gives a new array at each change, so that React sees it change', () => {
    const log = createFlowLog(window.sessionStorage);
    const before = log.events();
    log.step({ type: 'signed-out', at: 1, how: 'this-tab' });
    expect(log.events()).not.toBe(before);
    expect(before).toEqual([]);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const log = createFlowLog(window.sessionStorage);
    const listener = vi.fn();
    const unsubscribe = log.subscribe(listener);
    unsubscribe();
    log.step({ type: 'signed-out', at: 1, how: 'this-tab' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps where the tokens live, and tells subscribers', () => {
    const log = createFlowLog(window.sessionStorage);
    const listener = vi.fn();
    log.subscribe(listener);
    expect(log.vaultInfo()).toBeNull();
    log.vault({ kind: 'shared', tabs: 2, userId: 'user-1' });
    expect(log.vaultInfo()).toEqual({ kind: 'shared', tabs: 2, userId: 'user-1' });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('keeps nothing but the authorize request in storage', () => {
    const log = createFlowLog(window.sessionStorage);
    log.step({ type: 'token-exchange', at: 4, ok: true, accessFingerprint: 'abcd1234' });
    log.step({ type: 'signed-out', at: 5, how: 'this-tab' });
    expect(window.sessionStorage).toHaveLength(0);
  });

  describe('the authorize request, across the redirect', () => {
    it('is remembered under its state and shown by the page the callback loads', () => {
      const log = createFlowLog(window.sessionStorage);
      log.step({ type: 'authorize', at: 1_000, url: authorizeUrl('state-1') });
      // The page leaves for Workfront: it shows nothing more.
      expect(log.events()).toEqual([]);
      expect(JSON.parse(window.sessionStorage.getItem(authorizeKey('state-1')) ?? '')).toEqual({
        at: 1_000,
        url: authorizeUrl('state-1'),
      });

      // After the redirect: a new page, a new log, the same tab's storage.
      const after = createFlowLog(window.sessionStorage);
      after.step(callback('state-1'));

      expect(after.events()).toEqual([
        { type: 'authorize', at: 1_000, url: authorizeUrl('state-1') },
        callback('state-1'),
      ]);
      expect(window.sessionStorage.getItem(authorizeKey('state-1'))).toBeNull();
    });

    it('is kept for one sign-in per tab: a second sign-in replaces the first', () => {
      const log = createFlowLog(window.sessionStorage);
      window.sessionStorage.setItem('unrelated', 'kept');
      log.step({ type: 'authorize', at: 1, url: authorizeUrl('state-1') });
      log.step({ type: 'authorize', at: 2, url: authorizeUrl('state-2') });

      expect(window.sessionStorage.getItem(authorizeKey('state-1'))).toBeNull();
      expect(window.sessionStorage.getItem(authorizeKey('state-2'))).not.toBeNull();
      expect(window.sessionStorage.getItem('unrelated')).toBe('kept');
    });

    it('is not shown for a sign-in started elsewhere, nor twice for a replayed callback', () => {
      const log = createFlowLog(window.sessionStorage);
      log.step({ type: 'authorize', at: 1, url: authorizeUrl('state-1') });

      log.step(callback('state-other'));
      expect(log.events().map((event) => event.type)).toEqual(['callback']);

      log.step(callback('state-1'));
      log.step(callback('state-1'));
      expect(log.events().map((event) => event.type)).toEqual([
        'callback',
        'authorize',
        'callback',
        'callback',
      ]);
    });
  });

  describe('the PKCE proof', () => {
    /** The log of the page a callback loaded, its sign-in's authorize request remembered. */
    function afterCallback() {
      window.sessionStorage.setItem(
        authorizeKey('state-1'),
        JSON.stringify({ at: 1, url: authorizeUrl('state-1') }),
      );
      const log = createFlowLog(window.sessionStorage);
      log.step(callback('state-1'));
      return log;
    }

    it("computes the verifier's S256 and shows it beside the challenge sent, in its place", async () => {
      const log = afterCallback();
      log.step({ type: 'pkce-proof', at: 3, verifier });
      // The vault's step arrives while the proof is computed.
      log.step({ type: 'token-exchange', at: 4, ok: true, accessFingerprint: 'abcd1234' });

      expect((await settled(log)).map((event) => event.type)).toEqual([
        'authorize',
        'callback',
        'pkce-proof',
        'token-exchange',
      ]);
      expect(log.events()[2]).toEqual({
        type: 'pkce-proof',
        at: 3,
        verifier,
        challenge,
        computed: challenge,
      });
    });

    it('shows a verifier that does not match the challenge sent as such', async () => {
      const log = afterCallback();
      log.step({ type: 'pkce-proof', at: 3, verifier: 'another-verifier' });
      const proof = (await settled(log))[2];
      expect(proof?.type === 'pkce-proof' && proof.computed).not.toBe(challenge);
    });

    it('is not shown without the authorize request it answers', async () => {
      const log = createFlowLog(window.sessionStorage);
      log.step(callback('state-1'));
      log.step({ type: 'pkce-proof', at: 3, verifier });
      // Give the digest its turn: nothing comes of it.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(log.events().map((event) => event.type)).toEqual(['callback']);
    });

    it('forgets the verifier at sign-out, and keeps the rest of the proof', async () => {
      const log = afterCallback();
      log.step({ type: 'pkce-proof', at: 3, verifier });
      await settled(log);

      log.step({ type: 'signed-out', at: 5, how: 'this-tab' });

      expect(log.events()[2]).toEqual({
        type: 'pkce-proof',
        at: 3,
        verifier: null,
        challenge,
        computed: challenge,
      });
      expect(JSON.stringify(log.events())).not.toContain(verifier);
    });

    it('forgets it too when the sign-out comes while the proof is computed', async () => {
      const log = afterCallback();
      log.step({ type: 'pkce-proof', at: 3, verifier });
      log.step({ type: 'signed-out', at: 5, how: 'this-tab' });

      expect(JSON.stringify(await settled(log))).not.toContain(verifier);
    });
  });
});
