/**
 * Sign-out across vaults. Tabs that share one vault sign out together by sharing it; every vault
 * tells the others of the same client on a BroadcastChannel: per-tab vaults (no SharedWorker),
 * and the shared vaults of two releases, whose scripts have different URLs.
 */
export interface SignOutChannel {
  announce: () => void;
  /** A sign-in in this vault, of the user Workfront named. */
  announceSignIn: (userId: string) => void;
  close: () => void;
}

export function createSignOutChannel(
  clientId: string,
  onSignedOutElsewhere: () => void,
  onSignedInElsewhere: (userId: string) => void = () => undefined,
): SignOutChannel {
  if (typeof BroadcastChannel === 'undefined') {
    return { announce: () => undefined, announceSignIn: () => undefined, close: () => undefined };
  }
  const channel = new BroadcastChannel(`workfront-auth:${clientId}`);
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    const { data } = event;
    if (data === 'signed-out') onSignedOutElsewhere();
    else if (typeof data === 'object' && data !== null && 'signedIn' in data) {
      if (typeof data.signedIn === 'string') onSignedInElsewhere(data.signedIn);
    }
  });
  return {
    announce: () => {
      channel.postMessage('signed-out');
    },
    announceSignIn: (userId) => {
      channel.postMessage({ signedIn: userId });
    },
    close: () => {
      channel.close();
    },
  };
}
