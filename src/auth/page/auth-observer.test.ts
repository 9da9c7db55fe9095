import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAppConfig } from '../../config/app-config';
import type { FlowEvent } from '../flow-events';
import type { VaultReplies, VaultRequest, VaultState } from '../vault-protocol';
import { createAuthClient } from './auth-client';
import { guarded, type AuthObserver } from './auth-observer';
import { keepCallbackOutcome } from './sign-in-storage';
import type { VaultConnection } from './vault-connection';

const config = parseAppConfig({
  workfrontUrl: 'https://acme.my.workfront.com',
  clientId: 'spa',
  redirectPath: '/callback',
  inspector: true,
});

const signedIn: VaultState = {
  status: 'signed-in',
  expiresInMs: 300_000,
  credential: 1,
  userId: null,
  tabs: 1,
  kind: 'shared',
};

/** An instrument with a bug: every call throws. */
const broken: AuthObserver = {
  step: () => {
    throw new Error('the instrument broke');
  },
  vault: () => {
    throw new Error('the instrument broke');
  },
};

// As a browser reports an event listener's error (jsdom has no reportError).
const reported = vi.fn<(error: unknown) => void>();
beforeEach(() => {
  vi.stubGlobal('reportError', reported);
});
afterEach(() => {
  vi.unstubAllGlobals();
  reported.mockClear();
  sessionStorage.clear();
  localStorage.clear();
});

describe('guarded', () => {
  it('passes each step and vault report on as it came, to the observer itself', () => {
    class Recorder implements AuthObserver {
      seen: unknown[] = [];
      step = (event: FlowEvent) => this.seen.push(event);
      vault(info: Parameters<AuthObserver['vault']>[0]) {
        this.seen.push(info);
      }
    }
    const recorder = new Recorder();
    const event: FlowEvent = { type: 'signed-out', at: 1, how: 'this-tab' };
    const info = { kind: 'per-tab' as const, tabs: 2, userId: null };
    const observer = guarded(recorder);
    observer.step(event);
    observer.vault(info);
    expect(recorder.seen).toEqual([event, info]);
    expect(reported).not.toHaveBeenCalled();
  });

  it('reports an observer that throws, as a browser reports a listener that throws, and returns', () => {
    const observer = guarded(broken);
    expect(() => {
      observer.step({ type: 'signed-out', at: 1, how: 'this-tab' });
      observer.vault({ kind: 'shared', tabs: 1, userId: null });
    }).not.toThrow();
    expect(reported).toHaveBeenCalledTimes(2);
    expect(reported).toHaveBeenCalledWith(new Error('the instrument broke'));
  });
});

describe('an observer that throws, attached to the client', () => {
  /** A vault that is signed in, and signs out when asked. */
  function openVault(): VaultConnection {
    return {
      kind: 'shared',
      fail: () => undefined,
      request: <T extends VaultRequest['type']>(request: { type: T }) =>
        Promise.resolve(
          (request.type === 'connect' ? signedIn : null) as VaultReplies[typeof request.type],
        ),
    } as VaultConnection;
  }

  it('still lets the page start on a callback that brings steps to tell', () => {
    keepCallbackOutcome(sessionStorage, {
      ok: true,
      afterBounce: false,
      events: [{ type: 'signed-out', at: 1, how: 'this-tab' }],
    });
    expect(() => createAuthClient(config, { openVault, observer: broken })).not.toThrow();
    expect(reported).toHaveBeenCalled();
  });

  it('still signs the page in, then out', async () => {
    const client = createAuthClient(config, { openVault, observer: broken });
    client.preload();
    await vi.waitFor(() => {
      expect(client.getState().status).toBe('signed-in');
    });
    await client.signOut();
    expect(client.getState()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(localStorage.length).toBe(0);
    client.dispose();
  });
});
