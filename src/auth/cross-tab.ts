/**
 * Sign-out across tabs. Tabs that share one vault sign out together by sharing it; per-tab vaults
 * (no SharedWorker) tell each other on a BroadcastChannel, as tabs did before the vault.
 */
export interface SignOutChannel {
  announce: () => void;
  close: () => void;
}

export function createSignOutChannel(
  clientId: string,
  onSignedOutElsewhere: () => void,
): SignOutChannel {
  if (typeof BroadcastChannel === 'undefined')
    return { announce: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(`workfront-auth:${clientId}`);
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.data === 'signed-out') onSignedOutElsewhere();
  });
  return {
    announce: () => {
      channel.postMessage('signed-out');
    },
    close: () => {
      channel.close();
    },
  };
}
