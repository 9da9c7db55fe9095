import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignOutChannel, type SignOutChannel } from './cross-tab';
import { deferred } from '../test/vault-fixtures';

const opened: SignOutChannel[] = [];
const open = (clientId: string, onSignedOutElsewhere: () => void) => {
  const channel = createSignOutChannel(clientId, onSignedOutElsewhere);
  opened.push(channel);
  return channel;
};

afterEach(() => {
  opened.splice(0).forEach((channel) => {
    channel.close();
  });
  vi.unstubAllGlobals();
});

describe('the sign-out channel between per-tab vaults', () => {
  it('tells the other tabs of the same app, and not the tab that announced it', async () => {
    const told = deferred();
    const here = vi.fn();
    const there = vi.fn(() => {
      told.resolve();
    });
    const channel = open('wf-demo-spa', here);
    open('wf-demo-spa', there);

    channel.announce();
    await told.promise;
    expect(there).toHaveBeenCalledOnce();
    expect(here).not.toHaveBeenCalled();
  });

  it('tells the others who signed in, by Workfront’s user ID, and nothing else', async () => {
    const told = deferred();
    const signedOut = vi.fn();
    const signedIn = vi.fn(() => {
      told.resolve();
    });
    const channel = createSignOutChannel('wf-demo-spa', vi.fn());
    opened.push(channel, createSignOutChannel('wf-demo-spa', signedOut, signedIn));

    channel.announceSignIn('4f2a00000000000000000000000000c1');
    await told.promise;
    expect(signedIn).toHaveBeenCalledWith('4f2a00000000000000000000000000c1');
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('does not tell the tabs of another app (another client ID)', async () => {
    const told = deferred();
    const sameApp = vi.fn(() => {
      told.resolve();
    });
    const otherApp = vi.fn();
    const channel = open('wf-demo-spa', vi.fn());
    open('another-spa', otherApp);
    open('wf-demo-spa', sameApp);

    channel.announce();
    await told.promise;
    expect(otherApp).not.toHaveBeenCalled();
  });

  it('ignores anything on the channel but a sign-out', async () => {
    const told = deferred();
    const onSignedOut = vi.fn(() => {
      told.resolve();
    });
    open('wf-demo-spa', onSignedOut);
    const stranger = new BroadcastChannel('workfront-auth:wf-demo-spa');
    try {
      stranger.postMessage({ type: 'signed-out' });
      stranger.postMessage('signed-in');
      stranger.postMessage('SIGNED-OUT');
      stranger.postMessage(null);
      // Delivered in order: when the sign-out arrives, the others came before it.
      stranger.postMessage('signed-out');
      await told.promise;
      expect(onSignedOut).toHaveBeenCalledOnce();
    } finally {
      stranger.close();
    }
  });

  it('hears nothing more once closed', async () => {
    const closedOne = vi.fn();
    const told = deferred();
    const channel = open('wf-demo-spa', vi.fn());
    const closing = open('wf-demo-spa', closedOne);
    open('wf-demo-spa', () => {
      told.resolve();
    });
    closing.close();

    channel.announce();
    await told.promise;
    expect(closedOne).not.toHaveBeenCalled();
  });

  it('does nothing, and fails nothing, where there is no BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const onSignedOut = vi.fn();
    const channel = createSignOutChannel('wf-demo-spa', onSignedOut);
    expect(() => {
      channel.announce();
      channel.close();
    }).not.toThrow();
    expect(onSignedOut).not.toHaveBeenCalled();
  });
});
